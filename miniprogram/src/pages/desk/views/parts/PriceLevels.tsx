import { Form, Input, InputNumber } from 'antd';
import { priceLevelInput, type PriceLevelInput, type PriceLevelView } from '@hongyuan/shared';
import { zodRule } from '../../lib/form';
import { CrudView } from '../../components/CrudView';

const shape = priceLevelInput.shape;

/** 价格等级: the price lists a customer can be on. */
export default function PriceLevels() {
  return (
    <CrudView<PriceLevelView, PriceLevelInput>
      entity={{ view: 'priceLevels', title: '价格等级', noun: '价格等级', path: '/api/price-levels', testPrefix: 'price-level' }}
      permission="priceLevel.write"
      search={{ placeholder: '等级名称', width: 260 }}
      hint={<span className="desk-hint">客户按价格等级取配件价格；配件未设该等级价格时按销售价。</span>}
      columns={[
        { title: '等级名称', dataIndex: 'name' },
        { title: '排序', dataIndex: 'sort', width: 100, align: 'right' },
      ]}
      widths={{ status: 100, actions: 160 }}
      toValues={(l) => ({ name: l.name, sort: l.sort, enabled: l.enabled })}
      newValues={{ sort: 0, enabled: true }}
      schema={priceLevelInput}
      prepare={(v) => ({ ...v, sort: v.sort ?? 0 })}
      fields={() => (
        <>
          <Form.Item name="name" label="等级名称" required rules={[zodRule(shape.name)]}>
            <Input maxLength={20} placeholder="例如 零售价、协议单位价" data-testid="price-level-name" />
          </Form.Item>
          <Form.Item name="sort" label="排序（小的在前）">
            <InputNumber min={0} max={999} precision={0} style={{ width: 160 }} data-testid="price-level-sort" />
          </Form.Item>
        </>
      )}
    />
  );
}
