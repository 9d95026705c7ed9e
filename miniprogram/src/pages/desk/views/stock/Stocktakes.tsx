import { useEffect, useRef, useState } from 'react';
import { App, Button, Checkbox, Form, Input, Select, Space, Table, type FormInstance } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { STOCKTAKE_STATUS_LABELS, formatDateTime, stocktakeStartInput, type StocktakeListItem, type StocktakeView } from '@hongyuan/shared';
import { api } from '../../../../api/request';
import { useCan, useList } from '../../lib/hooks';
import { parseForm, reportSaveError, zodRule } from '../../lib/form';
import { useOpenParam } from '../../lib/nav';
import { idempotent, newIdempotencyKey, openPrint, useStockRefs } from '../../lib/stock';
import { tablePagination } from '../../components/pagination';
import { ViewHeader } from '../../components/ViewHeader';
import { docNoColumn, seqColumn } from '../../components/listColumns';
import { DocFilters } from '../../components/DocFilters';
import { StocktakeTag } from '../../components/DocTags';
import { FormModal } from '../../components/FormModal';
import { StocktakeDetail } from './StocktakeDetail';

interface StartValues {
  warehouseId?: number;
  blind: boolean;
  remark?: string;
}

/** 盘库: start a count (the warehouse is locked meanwhile), enter counts, check the variance, approve. */
export default function Stocktakes() {
  const { message } = App.useApp();
  const allowed = useCan();
  const refs = useStockRefs();
  const list = useList<StocktakeListItem>('/stocktakes');
  const [detail, setDetail] = useOpenParam('stocktakes');
  const [starting, setStarting] = useState(false);
  const idemKey = useRef(newIdempotencyKey());
  // 发起盘点 offers the warehouses this keeper keeps (all for an admin); a count already open is shown.
  const [startable, setStartable] = useState<{ id: number; name: string; openNo: string }[] | null>(null);
  useEffect(() => {
    if (!starting) return;
    let alive = true;
    api
      .get<{ id: number; name: string; openNo: string }[]>('/stocktakes/warehouses')
      .then((w) => alive && setStartable(w))
      .catch(() => alive && setStartable([]));
    return () => {
      alive = false;
    };
  }, [starting]);

  const start = async (values: StartValues, form: FormInstance<StartValues>) => {
    const data = parseForm(
      stocktakeStartInput,
      { warehouseId: values.warehouseId, blind: !!values.blind, remark: values.remark ?? '' },
      form,
      message,
    );
    if (!data) return false;
    try {
      const st = await api.post<StocktakeView>('/stocktakes', data, idempotent(idemKey.current));
      idemKey.current = newIdempotencyKey();
      message.success(`已发起盘点 ${st.no}，共 ${st.lineCount} 个配件`);
      list.reload();
      setDetail(st.id);
      return true;
    } catch (e) {
      reportSaveError(e, form, message);
      return false;
    }
  };

  const columns: ColumnsType<StocktakeListItem> = [
    seqColumn(list),
    docNoColumn('盘点单编号', 'stocktake', setDetail),
    { title: '状态', dataIndex: 'status', width: 90, render: (s: StocktakeListItem['status']) => <StocktakeTag status={s} /> },
    { title: '仓库', dataIndex: 'warehouseName', width: 140 },
    { title: '方式', dataIndex: 'blind', width: 70, render: (b: boolean) => (b ? '盲盘' : '明盘') },
    { title: '进度', key: 'progress', width: 100, render: (_v, r) => `${r.countedCount}/${r.lineCount}` },
    { title: '发起人', dataIndex: 'createdByName', width: 90 },
    { title: '发起时间', dataIndex: 'createdAt', width: 140, render: (v: string) => formatDateTime(v) },
    { title: '审核人', dataIndex: 'decidedByName', width: 90, render: (v: string | null) => v ?? '' },
    { title: '备注', dataIndex: 'remark', ellipsis: true },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      render: (_v, r) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDetail(r.id)} data-testid={`stocktake-view-${r.id}`}>
            {r.status === 'counting' ? '录入' : '查看'}
          </Button>
          <Button type="link" size="small" onClick={() => openPrint('stocktake', r.id)}>
            打印盘点表
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="view-stocktakes">
      <ViewHeader
        title="盘库"
        extra={
          allowed('stock.manage') && (
            <Button type="primary" onClick={() => setStarting(true)} data-testid="stocktake-new">
              发起盘点
            </Button>
          )
        }
      />
      <DocFilters list={list} refs={refs} statuses={STOCKTAKE_STATUS_LABELS} testId="stocktake" byEmployee={false} />
      <Table<StocktakeListItem>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data.items}
        pagination={tablePagination(list)}
        columns={columns}
        locale={{ emptyText: '还没有盘点单' }}
        data-testid="stocktake-table"
      />
      <FormModal<StartValues>
        open={starting}
        title="发起盘点"
        onSave={start}
        onClose={() => setStarting(false)}
        testId="stocktake-form"
        width={480}
        initialValues={{ blind: false, remark: '' }}
      >
        <Form.Item
          name="warehouseId"
          label="仓库"
          required
          rules={[zodRule(stocktakeStartInput.shape.warehouseId)]}
          extra={
            startable && !startable.length
              ? '你还没有担任任何仓库的库管，请联系管理员在仓库设置中添加。'
              : '只列出你担任库管的仓库。发起后冻结该仓库的账面数量；盘点结束前该仓库暂停审批领用、调回和确认入库。'
          }
        >
          <Select
            placeholder="选择要盘点的仓库"
            loading={!startable}
            options={(startable ?? []).map((w) => ({
              value: w.id,
              label: w.openNo ? `${w.name}（盘点中 ${w.openNo}）` : w.name,
              disabled: !!w.openNo,
            }))}
            data-testid="stocktake-warehouse"
          />
        </Form.Item>
        <Form.Item name="blind" valuePropName="checked">
          <Checkbox data-testid="stocktake-blind">盲盘（录入时不显示账面数量）</Checkbox>
        </Form.Item>
        <Form.Item name="remark" label="备注" rules={[zodRule(stocktakeStartInput.shape.remark)]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} showCount placeholder="例如：月末盘点" />
        </Form.Item>
      </FormModal>
      <StocktakeDetail id={detail} onClose={() => setDetail(null)} onChanged={list.reload} />
    </div>
  );
}
