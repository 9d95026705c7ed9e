import { Table, Tag } from 'antd';
import { formatDateTime, formatYuan, type VisitView } from '@hongyuan/shared';

/** When a visit happened: its finish, else its start, else its dispatch. */
const visitDate = (v: VisitView) => v.finishedAt ?? v.startedAt ?? v.dispatchedAt;

const partsText = (v: VisitView) => v.parts.map((p) => `${p.partName} × ${p.qty} ${p.unit}`).join('、');
const labourText = (v: VisitView) => v.labour.map((l) => (l.qty > 1 ? `${l.name} × ${l.qty}` : l.name)).join('、');

/**
 * 上门记录 of one order (工单详情): each visit (第1次, 返工第n次) with its technician, times, result,
 * parts and labour, and why follow-up sent it back.
 */
export function VisitsTable({ visits }: { visits: VisitView[] }) {
  return (
    <Table<VisitView>
      rowKey="seq"
      size="small"
      pagination={false}
      dataSource={visits}
      locale={{ emptyText: '尚未派工' }}
      data-testid="wo-detail-visits"
      columns={[
        { title: '上门', dataIndex: 'label', width: 90 },
        { title: '技师', dataIndex: 'technicianName', width: 80, render: (v: string | null) => v ?? '—' },
        {
          title: '时间',
          key: 'times',
          width: 190,
          render: (_v, r) => (
            <div className="desk-muted">
              <div>派工 {r.dispatchedAt ? formatDateTime(r.dispatchedAt) : '—'}</div>
              {r.startedAt ? <div>开始 {formatDateTime(r.startedAt)}</div> : null}
              {r.finishedAt ? <div>结束 {formatDateTime(r.finishedAt)}</div> : null}
            </div>
          ),
        },
        {
          title: '处理结果',
          dataIndex: 'summary',
          render: (v: string, r) => (
            <>
              <div>{v || (r.finishedAt ? '—' : '处理中')}</div>
              {r.reworkReason ? <Tag color="red">返工：{r.reworkReason}</Tag> : null}
            </>
          ),
        },
        {
          title: '用料与工时',
          key: 'lines',
          render: (_v, r) => (
            <>
              <div>{r.parts.length ? partsText(r) : '未用配件'}</div>
              {r.labour.length ? (
                <div className="desk-muted">
                  工时：{labourText(r)}（{formatYuan(r.labour.reduce((s, l) => s + l.qty * l.unitPrice, 0))}）
                </div>
              ) : null}
            </>
          ),
        },
      ]}
    />
  );
}

/**
 * The visits of an order in a table cell (一车一档): one block per visit, oldest first, with its
 * date, technician, result, parts and labour.
 */
export function VisitBlocks({ visits, testId }: { visits: VisitView[]; testId?: string }) {
  return (
    <div className="desk-visits" data-testid={testId}>
      {visits.map((v, i) => (
        <div
          key={v.seq}
          className="desk-visit"
          data-testid="vh-visit"
          style={i ? { marginTop: 6, paddingTop: 6, borderTop: '1px dashed #e6e9ef' } : undefined}
        >
          <div>
            <b>{v.label}</b>
            {visitDate(v) ? ` · ${formatDateTime(visitDate(v)!).slice(0, 10)}` : ''}
            {v.technicianName ? ` · ${v.technicianName}` : ''}
          </div>
          <div>处理结果：{v.summary || (v.finishedAt ? '—' : '处理中')}</div>
          <div>用料：{v.parts.length ? partsText(v) : '未用配件'}</div>
          {v.labour.length ? <div className="desk-muted">工时：{labourText(v)}</div> : null}
          {v.reworkReason ? <div className="desk-danger">返工原因：{v.reworkReason}</div> : null}
        </div>
      ))}
    </div>
  );
}
