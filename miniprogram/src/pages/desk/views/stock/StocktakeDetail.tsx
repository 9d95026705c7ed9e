import { useState } from 'react';
import { Alert, Button, Descriptions, Modal, Statistic, Table, Tabs, Tag, Tooltip, type ButtonProps } from 'antd';
import {
  BIG_VARIANCE,
  bigVarianceReason,
  formatDateTime,
  formatYuan,
  type StocktakeApproveResult,
  type StocktakeCountResult,
  type StocktakeView,
  type VarianceLine,
  type VarianceReport,
} from '@hongyuan/shared';
import { api } from '../../../../api/request';
import { useCan } from '../../lib/hooks';
import { openPrint, useDoc } from '../../lib/stock';
import { StocktakeTag } from '../../components/DocTags';
import { ConfirmButton, useAction } from '../../components/DocActions';
import { errorText } from '../../lib/form';
import { DocDrawer } from '../../components/DocDrawer';
import { StocktakeCount, diff } from './StocktakeCount';

interface Props {
  id: number | null;
  onClose: () => void;
  onChanged: () => void;
}

/** A stock-take: count entry while counting, the variance report, 审核 and 作废. */
export function StocktakeDetail({ id, onClose, onChanged }: Props) {
  const allowed = useCan();
  const { doc, setDoc } = useDoc<StocktakeView>(id ? `/stocktakes/${id}` : null);
  const [tab, setTab] = useState('count');
  const { busy, run } = useAction();
  const [result, setResult] = useState<StocktakeApproveResult | null>(null);
  const manage = allowed('stock.manage');
  const counting = doc?.status === 'counting';

  const counted = (r: StocktakeCountResult) => {
    if (!doc) return;
    const lines = [...doc.lines];
    for (const l of r.lines) {
      const i = lines.findIndex((x) => x.partId === l.partId);
      if (i >= 0) lines[i] = l;
      else lines.push(l);
    }
    setDoc({ ...doc, lines, lineCount: r.lineCount, countedCount: r.countedCount });
  };

  const approve = async () => {
    if (!doc) return;
    const r = await run(
      'approve',
      () => api.post<StocktakeApproveResult>(`/stocktakes/${doc.id}/approve`, {}),
      '盘点已审核，差异已记入库存',
    );
    if (r) {
      setResult(r);
      setDoc(r.stocktake);
      setTab('variance');
      onChanged();
    }
  };
  const cancel = async () => {
    if (!doc) return;
    const r = await run('cancel', () => api.post<StocktakeView>(`/stocktakes/${doc.id}/cancel`, {}), '盘点已作废');
    if (r) {
      setDoc(r);
      onChanged();
    }
  };

  return (
    <DocDrawer
      open={id !== null}
      title={doc ? `盘点单 ${doc.no}（${doc.warehouseName}）` : '盘点单'}
      onClose={() => {
        setResult(null);
        onClose();
      }}
      ready={!!doc}
      width={1180}
      testId="stocktake-detail"
      actions={
        doc && (
          <>
            {manage && counting && (
              <ApproveButton doc={doc} loading={busy === 'approve'} onConfirm={approve} onReview={() => setTab('variance')} />
            )}
            {manage && counting && (
              <ConfirmButton
                danger
                label="作废"
                title="作废这次盘点？"
                description="已录入的数量作废，库存不变，解除仓库锁定。"
                loading={busy === 'cancel'}
                onConfirm={cancel}
                testId="stocktake-cancel"
              />
            )}
            <Button onClick={() => openPrint('stocktake', doc.id)} data-testid="stocktake-print">
              打印盘点表
            </Button>
          </>
        )
      }
    >
      {doc && (
        <>
          <Descriptions size="small" bordered column={4} style={{ marginBottom: 12 }}>
            <Descriptions.Item label="状态">
              <StocktakeTag status={doc.status} />
            </Descriptions.Item>
            <Descriptions.Item label="方式">{doc.blind ? '盲盘' : '明盘'}</Descriptions.Item>
            <Descriptions.Item label="发起">
              {doc.createdByName}（{formatDateTime(doc.createdAt)}）
            </Descriptions.Item>
            <Descriptions.Item label={doc.status === 'cancelled' ? '作废' : '审核'}>
              {doc.decidedByName ? `${doc.decidedByName}（${formatDateTime(doc.decidedAt)}）` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label="备注" span={4}>
              {doc.remark || '—'}
            </Descriptions.Item>
          </Descriptions>
          {counting && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              message={`盘点中：「${doc.warehouseName}」暂停审批领用、调回和确认入库，审核或作废后恢复。`}
            />
          )}
          {result && (
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="stocktake-result"
              message={`已调整 ${result.adjusted.length} 个配件的库存${result.uncounted.length ? `；${result.uncounted.length} 个未盘配件未调整` : ''}`}
            />
          )}
          <Tabs
            destroyOnHidden
            activeKey={counting ? tab : 'variance'}
            onChange={setTab}
            items={[
              ...(counting ? [{ key: 'count', label: '录入实盘', children: <StocktakeCount doc={doc} onCounted={counted} /> }] : []),
              { key: 'variance', label: '差异表', children: <Variance key={`${doc.countedCount}:${doc.status}`} id={doc.id} /> },
            ]}
          />
        </>
      )}
    </DocDrawer>
  );
}

/** 差异较大 thresholds, as the approver reads them. */
const BIG_RULE = `数量差 ≥ ${BIG_VARIANCE.qty}、金额 ≥ ${formatYuan(BIG_VARIANCE.valueFen)} 或达账面的 ${BIG_VARIANCE.ratio * 100}%`;

/**
 * 审核 asks first, with the variance in front of the approver: the lines whose variance is large
 * in count or value are listed (以下 N 项差异较大，请复核) before anything is posted.
 */
function ApproveButton({
  doc,
  loading,
  onConfirm,
  onReview,
}: {
  doc: StocktakeView;
  loading: boolean;
  onConfirm: () => Promise<void>;
  onReview: () => void;
}) {
  const [big, setBig] = useState<(VarianceLine & { reason: string })[] | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState('');
  const ask = async () => {
    setChecking(true);
    setError('');
    try {
      const report = await api.get<VarianceReport>(`/stocktakes/${doc.id}/variance`);
      setBig(report.lines.map((l) => ({ ...l, reason: bigVarianceReason(l) })).filter((l) => l.reason));
    } catch (e) {
      setError(errorText(e));
      setBig([]);
    } finally {
      setChecking(false);
    }
  };
  const close = () => setBig(null);
  return (
    <>
      <Button type="primary" loading={loading || checking} onClick={ask} data-testid="stocktake-approve">
        审核
      </Button>
      <Modal
        open={big !== null}
        title="审核这次盘点？"
        okText="审核"
        cancelText="取消"
        okButtonProps={{ 'data-testid': 'stocktake-approve-ok' } as ButtonProps}
        onOk={async () => {
          close();
          await onConfirm();
        }}
        onCancel={close}
        width={big?.length ? 760 : 480}
        footer={(_node, { OkBtn, CancelBtn }) => (
          <>
            {big?.length ? (
              <Button
                onClick={() => {
                  close();
                  onReview();
                }}
                data-testid="stocktake-approve-review"
              >
                先去复核
              </Button>
            ) : null}
            <CancelBtn />
            <OkBtn />
          </>
        )}
        destroyOnHidden
      >
        <p>差异记为盘盈/盘亏；未盘的 {doc.lineCount - doc.countedCount} 个配件不调整。审核后解除该仓库的出入库锁定。</p>
        {error && <Alert type="error" showIcon message={`差异表没有加载成功：${error}`} style={{ marginBottom: 12 }} />}
        {big && big.length > 0 && (
          <div data-testid="stocktake-approve-big">
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 8 }}
              message={`以下 ${big.length} 项差异较大，请复核`}
              description={`${BIG_RULE}。数量是否录在了别的配件上？确认无误再审核。`}
            />
            <Table<VarianceLine & { reason: string }>
              rowKey="partId"
              size="small"
              pagination={false}
              dataSource={big}
              scroll={{ y: 300 }}
              columns={[
                { title: '配件编号', dataIndex: 'partCode', width: 140 },
                { title: '配件名称', dataIndex: 'partName' },
                { title: '账面', dataIndex: 'bookQty', width: 64, align: 'right' },
                { title: '实盘', dataIndex: 'countedQty', width: 64, align: 'right' },
                { title: '差异', dataIndex: 'difference', width: 64, align: 'right', render: (d: number | null) => diff(d) },
                {
                  title: '差异金额',
                  dataIndex: 'differenceValue',
                  width: 100,
                  align: 'right',
                  render: (v?: number) => (v === undefined ? '—' : formatYuan(v)),
                },
                { title: '原因', dataIndex: 'reason', width: 110 },
              ]}
            />
          </div>
        )}
      </Modal>
    </>
  );
}

/** 差异表 (reloaded whenever the counts or the status change: the parent keys it). */
function Variance({ id }: { id: number }) {
  const { doc: report, loading } = useDoc<VarianceReport>(`/stocktakes/${id}/variance`);
  if (!report) return <Table loading={loading} dataSource={[]} columns={[]} />;
  const withValue = report.gainValue !== undefined;
  const bigCount = report.lines.filter((l) => bigVarianceReason(l)).length;
  return (
    <div data-testid="stocktake-variance">
      <div className="desk-stat-row">
        <Statistic title="盘盈数量" value={report.gainQty} valueStyle={{ color: '#389e0d' }} />
        <Statistic title="盘亏数量" value={report.lossQty} valueStyle={{ color: '#cf1322' }} />
        {withValue && <Statistic title="盘盈金额" value={formatYuan(report.gainValue!)} />}
        {withValue && <Statistic title="盘亏金额" value={formatYuan(report.lossValue!)} />}
        {withValue && <Statistic title="净差额" value={formatYuan(report.netValue!)} />}
        <Statistic title="未盘配件" value={report.uncountedCount} />
        {report.status === 'counting' && <Statistic title="盘点期间有变动" value={report.movedCount} />}
      </div>
      {report.status === 'counting' && report.movedCount > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={`有 ${report.movedCount} 种配件在冻结账面后又有出入库，差异已不准确，审核会被拒绝`}
          description="请对标有“需复盘”的配件重新录入实盘数量：重新录入时按当时的账面重新计算差异。"
          data-testid="stocktake-moved"
        />
      )}
      {bigCount > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="stocktake-big-alert"
          message={`${bigCount} 项差异较大（${BIG_RULE}），审核前请复核`}
        />
      )}
      <Table<VarianceLine>
        rowKey="partId"
        size="small"
        loading={loading}
        dataSource={report.lines}
        pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (t) => `共 ${t} 条` }}
        rowClassName={(l) => (l.difference ? 'desk-row-low' : '')}
        data-testid="stocktake-variance-table"
        columns={[
          { title: '配件编号', dataIndex: 'partCode', width: 150 },
          { title: '配件名称', dataIndex: 'partName' },
          { title: '规格', dataIndex: 'partSpec', width: 110, render: (v: string) => v || '—' },
          { title: '单位', dataIndex: 'unit', width: 56 },
          { title: '账面', dataIndex: 'bookQty', width: 70, align: 'right' },
          {
            title: '实盘',
            dataIndex: 'countedQty',
            width: 70,
            align: 'right',
            render: (v: number | null) => v ?? <span className="desk-muted">未盘</span>,
          },
          {
            title: '差异',
            dataIndex: 'difference',
            width: 150,
            align: 'right',
            render: (d: number | null, l) => {
              const reason = bigVarianceReason(l);
              return (
                <span>
                  {diff(d)}
                  {reason && (
                    <Tooltip title={`差异较大：${reason}，请复核`}>
                      <Tag color="red" style={{ marginLeft: 6, marginRight: 0 }} data-testid={`stocktake-big-${l.partCode}`}>
                        差异较大
                      </Tag>
                    </Tooltip>
                  )}
                </span>
              );
            },
          },
          {
            title: '当前库存',
            dataIndex: 'currentQty',
            width: 130,
            align: 'right',
            render: (v: number, l) => (
              <span className={v !== l.bookQty ? 'desk-warn' : ''}>
                {v}
                {l.moved && (
                  <Tag color="warning" style={{ marginLeft: 4 }} data-testid={`stocktake-moved-${l.partCode}`}>
                    需复盘
                  </Tag>
                )}
              </span>
            ),
          },
          ...(withValue
            ? [
                {
                  title: '成本单价',
                  dataIndex: 'unitCost',
                  width: 100,
                  align: 'right' as const,
                  render: (v?: number) => (v === undefined ? '—' : formatYuan(v)),
                },
                {
                  title: '差异金额',
                  dataIndex: 'differenceValue',
                  width: 110,
                  align: 'right' as const,
                  render: (v?: number) => (v === undefined || v === 0 ? '—' : formatYuan(v)),
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}
