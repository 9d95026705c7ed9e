import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { vehicleInput, type VehicleModelView } from '@hongyuan/shared';
import { zodRule } from '../../lib/form';

const shape = vehicleInput.shape;
const thisYear = new Date().getFullYear();

interface Props {
  vehicleModels: VehicleModelView[];
  /** inside a Form.List: the list's name and the row's field name */
  list?: { name: string; field: number };
  /** prefix of data-testid attributes */
  testId: string;
  /** show labels on every row (false: only on the first row of a list) */
  labels?: boolean;
}

/** 车牌号, 车架号, 品牌, 车型, 年份, 里程 — in one row. */
export function VehicleFields({ vehicleModels, list, testId, labels = true }: Props) {
  const form = Form.useFormInstance();
  const rel = (k: string) => (list ? [list.field, k] : [k]);
  const abs = (k: string) => (list ? [list.name, list.field, k] : [k]);
  const label = (text: string) => (labels ? text : undefined);

  const onModel = (id: number | undefined) => {
    if (!id) return;
    const m = vehicleModels.find((x) => x.id === id);
    if (m && !form.getFieldValue(abs('brand'))) form.setFieldValue(abs('brand'), m.brand);
    if (m?.modelYear && !form.getFieldValue(abs('year'))) form.setFieldValue(abs('year'), m.modelYear);
  };

  return (
    <Row gutter={8} wrap={false} className="desk-vehicle-row">
      <Col flex="150px">
        <Form.Item name={rel('plate')} label={label('车牌号')} required rules={[zodRule(shape.plate)]}>
          <Input placeholder="浙K12345" maxLength={12} data-testid={`${testId}-plate`} />
        </Form.Item>
      </Col>
      <Col flex="210px">
        <Form.Item name={rel('vin')} label={label('车架号 VIN')} rules={[zodRule(shape.vin)]}>
          <Input placeholder="17 位，可不填" maxLength={17} data-testid={`${testId}-vin`} />
        </Form.Item>
      </Col>
      <Col flex="110px">
        <Form.Item name={rel('brand')} label={label('品牌')} rules={[zodRule(shape.brand)]}>
          <Input maxLength={30} data-testid={`${testId}-brand`} />
        </Form.Item>
      </Col>
      <Col flex="auto">
        <Form.Item name={rel('vehicleModelId')} label={label('车型')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="选择车型"
            options={vehicleModels.map((m) => ({ value: m.id, label: m.name, disabled: !m.enabled }))}
            onChange={onModel}
            data-testid={`${testId}-model`}
            popupMatchSelectWidth={false}
          />
        </Form.Item>
      </Col>
      <Col flex="90px">
        <Form.Item name={rel('year')} label={label('年份')} rules={[zodRule(shape.year)]}>
          <InputNumber
            min={1980}
            max={thisYear + 1}
            precision={0}
            controls={false}
            style={{ width: '100%' }}
            data-testid={`${testId}-year`}
          />
        </Form.Item>
      </Col>
      <Col flex="110px">
        <Form.Item name={rel('mileage')} label={label('里程(公里)')} rules={[zodRule(shape.mileage)]}>
          <InputNumber min={0} max={3000000} precision={0} controls={false} style={{ width: '100%' }} data-testid={`${testId}-mileage`} />
        </Form.Item>
      </Col>
    </Row>
  );
}
