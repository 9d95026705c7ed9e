import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Form, Modal, Select, Space, Table, type ButtonProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { APPROVAL_STATUS_LABELS, formatDateTime, type ReturnListItem, type ReturnPrefill, type ReturnView } from '@hongyuan/shared';
import { api } from '../../../../api/request';
import { useList } from '../../lib/hooks';
import { errorText } from '../../lib/form';
import { useOpenParam } from '../../lib/nav';
import { idempotent, newIdempotencyKey, openPrint, useStockRefs, type StockRefs } from '../../lib/stock';
import { tablePagination } from '../../components/pagination';
import { ViewHeader } from '../../components/ViewHeader';
import { docNoColumn, seqColumn } from '../../components/listColumns';
import { DocFilters } from '../../components/DocFilters';
import { ApprovalTag } from '../../components/DocTags';
import { ReturnForm } from './ReturnForm';
import { ReturnDetail } from './ReturnDetail';

/** 配件调回单: list, 新建配件调回单, 每日剩余配件入库. */
export default function Returns() {
  const refs = useStockRefs();
  const list = useList<ReturnListItem>('/returns');
  const [detail, setDetail] = useOpenParam('returns');
  const [creating, setCreating] = useState(false);
  const [leftovers, setLeftovers] = useState(false);
  const [version, setVersion] = useState(0);
  const saved = (d: ReturnView) => {
    list.reload();
    setVersion((v) => v + 1);
    setDetail(d.id);
  };

  const columns: ColumnsType<ReturnListItem> = [
    seqColumn(list),
    docNoColumn('调回单编号', 'return', setDetail),
    { title: '审批状态', dataIndex: 'status', width: 100, render: (s: ReturnListItem['status']) => <ApprovalTag status={s} /> },
    { title: '领用员工', dataIndex: 'employeeName', width: 100 },
    { title: '调回仓库', dataIndex: 'warehouseName', width: 130 },
    { title: '入库时间', dataIndex: 'inboundAt', width: 140, render: (v: string) => formatDateTime(v) },
    {
      title: '配件',
      key: 'qty',
      width: 150,
      render: (_v, r) => (
        <span>
          {r.lineCount} 种 {r.totalQty} 件{r.problemQty > 0 && <span className="desk-danger">，问题 {r.problemQty}</span>}
        </span>
      ),
    },
    { title: '创建人', dataIndex: 'createdByName', width: 100 },
    { title: '备注', dataIndex: 'remark', ellipsis: true },
    { title: '经办人', dataIndex: 'handlerName', width: 100, render: (v: string | null) => v ?? '' },
    {
      title: '操作',
      key: 'actions',
      width: 120,
      render: (_v, r) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDetail(r.id)} data-testid={`return-view-${r.id}`}>
            查看
          </Button>
          <Button type="link" size="small" onClick={() => openPrint('return', r.id)} data-testid={`return-print-${r.id}`}>
            打印
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="view-returns">
      <ViewHeader
        title="配件调回单"
        extra={
          <Space>
            <Button type="primary" onClick={() => setCreating(true)} data-testid="return-new">
              新建配件调回单
            </Button>
            <Button onClick={() => setLeftovers(true)} data-testid="return-leftovers">
              每日剩余配件入库
            </Button>
          </Space>
        }
      />
      <DocFilters list={list} refs={refs} statuses={APPROVAL_STATUS_LABELS} testId="return" />
      <Table<ReturnListItem>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data.items}
        pagination={tablePagination(list)}
        columns={columns}
        locale={{ emptyText: '没有符合条件的调回单' }}
        data-testid="return-table"
      />
      <ReturnForm open={creating} onClose={() => setCreating(false)} onSaved={saved} />
      <ReturnDetail id={detail} version={version} onClose={() => setDetail(null)} onChanged={list.reload} />
      <LeftoversModal open={leftovers} refs={refs} onClose={() => setLeftovers(false)} onSaved={saved} />
    </div>
  );
}

/** 每日剩余配件入库: pick the employee, see what he holds, confirm: everything goes back for approval. */
function LeftoversModal({
  open,
  refs,
  onClose,
  onSaved,
}: {
  open: boolean;
  refs: StockRefs;
  onClose: () => void;
  onSaved: (d: ReturnView) => void;
}) {
  const { message } = App.useApp();
  const [employeeId, setEmployeeId] = useState<number | undefined>();
  const [warehouseId, setWarehouseId] = useState<number | undefined>();
  const [prefill, setPrefill] = useState<ReturnPrefill | null>(null);
  const [saving, setSaving] = useState(false);
  const idemKey = useRef(newIdempotencyKey());

  useEffect(() => {
    if (!open) return;
    idemKey.current = newIdempotencyKey();
    setEmployeeId(refs.actsForOthers ? undefined : refs.employees[0]?.id);
    setWarehouseId(undefined);
    setPrefill(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  useEffect(() => {
    setPrefill(null);
    if (!employeeId) return;
    let alive = true;
    api
      .get<ReturnPrefill>('/returns/prefill', { employeeId })
      .then((p) => {
        if (!alive) return;
        setPrefill(p);
        setWarehouseId(p.warehouseId ?? undefined);
      })
      .catch((e) => alive && message.error(errorText(e)));
    return () => {
      alive = false;
    };
  }, [employeeId, message]);

  const confirm = async () => {
    if (!employeeId) return;
    setSaving(true);
    try {
      const doc = await api.post<ReturnView>(
        '/returns/leftovers',
        { employeeId, warehouseId: warehouseId ?? null },
        idempotent(idemKey.current),
      );
      message.success(`已生成调回单 ${doc.no}，等待库管核对审批`);
      onSaved(doc);
      onClose();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  const total = prefill?.lines.reduce((s, l) => s + l.heldQty, 0) ?? 0;
  const pending = prefill?.pendingQty ?? 0;
  const pendingNote = pending ? `（另有 ${pending} 件已在待审批的调回单中，不重复退还）` : '';
  return (
    <Modal
      open={open}
      title="每日剩余配件入库"
      okText="确认入库"
      cancelText="取消"
      onOk={confirm}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ disabled: !prefill?.lines.length, 'data-testid': 'leftovers-ok' } as ButtonProps}
      width={680}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label="员工" required>
          <Select
            showSearch
            optionFilterProp="label"
            placeholder="选择今日退还的员工"
            options={refs.employeeOptions}
            value={employeeId}
            onChange={setEmployeeId}
            disabled={!refs.actsForOthers}
            data-testid="leftovers-employee"
          />
        </Form.Item>
        <Form.Item label="调回仓库" required extra="默认为该员工最近领用的仓库">
          <Select
            options={refs.warehouseOptions}
            value={warehouseId}
            onChange={setWarehouseId}
            placeholder="选择调回仓库"
            data-testid="leftovers-warehouse"
          />
        </Form.Item>
      </Form>
      {prefill &&
        (prefill.lines.length ? (
          <>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 8 }}
              message={`${prefill.employeeName}手上共有 ${prefill.lines.length} 种 ${total} 件配件可退${pendingNote}，确认后全部生成调回单，由库管核对数量后入库。`}
            />
            <Table
              size="small"
              rowKey="partId"
              pagination={false}
              scroll={{ y: 240 }}
              dataSource={prefill.lines}
              data-testid="leftovers-lines"
              columns={[
                { title: '配件编号', dataIndex: 'partCode', width: 150 },
                { title: '配件名称', dataIndex: 'partName' },
                { title: '剩余数量', dataIndex: 'heldQty', width: 90, align: 'right' },
                { title: '单位', dataIndex: 'unit', width: 60 },
              ]}
            />
          </>
        ) : (
          <Alert type="success" showIcon message={`${prefill.employeeName}手上没有可退的配件${pendingNote}，无需退还。`} />
        ))}
    </Modal>
  );
}
