import { Form, Input, InputNumber } from 'antd';
import { vehicleModelInput, type VehicleModelInput, type VehicleModelView } from '@hongyuan/shared';
import { zodRule } from '../../lib/form';
import { CrudView } from '../../components/CrudView';

const shape = vehicleModelInput.shape;

function toInput(m: VehicleModelView): VehicleModelInput {
  return { brand: m.brand, series: m.series, modelYear: m.modelYear, engine: m.engine, enabled: m.enabled };
}

/** 车型管理: brand, series, year and engine; parts and vehicles refer to them. */
export default function VehicleModels() {
  return (
    <CrudView<VehicleModelView, VehicleModelInput>
      entity={{ view: 'vehicleModels', title: '车型管理', noun: '车型', path: '/api/vehicle-models', testPrefix: 'vehicle-model' }}
      permission="vehicleModel.write"
      search={{ placeholder: '品牌 / 车系 / 发动机', width: 280 }}
      columns={[
        { title: '品牌', dataIndex: 'brand', width: 160 },
        { title: '车系', dataIndex: 'series', width: 200 },
        { title: '年款', dataIndex: 'modelYear', width: 100, render: (v: number | null) => (v ? `${v}款` : '—') },
        { title: '发动机/排量', dataIndex: 'engine', width: 160, render: (v: string) => v || '—' },
        { title: '车型全称', dataIndex: 'name' },
      ]}
      toValues={toInput}
      newValues={{ enabled: true }}
      schema={vehicleModelInput}
      prepare={(v) => ({ ...v, modelYear: v.modelYear ?? null })}
      fields={() => (
        <>
          <Form.Item name="brand" label="品牌" required rules={[zodRule(shape.brand)]}>
            <Input maxLength={30} placeholder="例如 大众" data-testid="vehicle-model-brand" />
          </Form.Item>
          <Form.Item name="series" label="车系" required rules={[zodRule(shape.series)]}>
            <Input maxLength={50} placeholder="例如 朗逸" data-testid="vehicle-model-series" />
          </Form.Item>
          <Form.Item name="modelYear" label="年款" rules={[zodRule(shape.modelYear)]}>
            <InputNumber
              min={1980}
              max={new Date().getFullYear() + 1}
              precision={0}
              style={{ width: 160 }}
              placeholder="例如 2021"
              data-testid="vehicle-model-year"
            />
          </Form.Item>
          <Form.Item name="engine" label="发动机/排量" rules={[zodRule(shape.engine)]}>
            <Input maxLength={50} placeholder="例如 1.5L" data-testid="vehicle-model-engine" />
          </Form.Item>
        </>
      )}
    />
  );
}
