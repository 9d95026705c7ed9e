import { Button, Descriptions } from 'antd';
import { formatDateTime, formatYuan, type InboundLineView, type InboundView } from '@hongyuan/shared';
import { api } from '../../../../api/request';
import { useCan } from '../../lib/hooks';
import { openPrint, useDoc } from '../../lib/stock';
import { InboundTag } from '../../components/DocTags';
import { ConfirmButton, useAction } from '../../components/DocActions';
import { DocDetailDrawer, Section } from '../../components/DocDrawer';
import { DocLinesTable } from '../../components/DocLines';

interface Props {
  id: number | null;
  onClose: () => void;
  onChanged: () => void;
  onEdit: (draft: InboundView) => void;
  version?: number;
}

/** 入库单详情: 确认入库 (stock goes up at cost), 编辑 and 作废 while it is a draft. */
export function InboundDetail({ id, onClose, onChanged, onEdit, version = 0 }: Props) {
  const allowed = useCan();
  const { doc, setDoc } = useDoc<InboundView>(id ? `/inbounds/${id}` : null, version);
  const { busy, run } = useAction();
  const manage = allowed('stock.manage');
  const act = async (name: string, path: string, success: string) => {
    const r = await run(name, () => api.post<InboundView>(path, {}), success);
    if (r) {
      setDoc(r);
      onChanged();
    }
  };
  const withCost = doc?.total !== undefined;

  return (
    <DocDetailDrawer
      id={id}
      doc={doc}
      kind="inbound"
      onClose={onClose}
      actions={(doc) => (
        <>
          {manage && doc.status === 'draft' && (
            <ConfirmButton
              type="primary"
              label="确认入库"
              title={`确认 ${doc.totalQty} 件配件入库到「${doc.warehouseName}」？`}
              description="确认后计入库存，不能再修改。"
              loading={busy === 'confirm'}
              onConfirm={() => act('confirm', `/inbounds/${doc.id}/confirm`, '已确认入库')}
              testId="inbound-confirm"
            />
          )}
          {manage && doc.status === 'draft' && (
            <Button onClick={() => onEdit(doc)} data-testid="inbound-edit">
              编辑
            </Button>
          )}
          {manage && doc.status === 'draft' && (
            <ConfirmButton
              danger
              label="作废"
              title="作废这张入库单？"
              description="作废后不能恢复，库存不受影响。"
              loading={busy === 'cancel'}
              onConfirm={() => act('cancel', `/inbounds/${doc.id}/cancel`, '已作废')}
              testId="inbound-cancel"
            />
          )}
          <Button onClick={() => openPrint('inbound', doc.id)} data-testid="inbound-print">
            打印
          </Button>
        </>
      )}
    >
      {(doc) => (
        <>
          <Descriptions size="small" bordered column={3}>
            <Descriptions.Item label="入库单编号">{doc.no}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <InboundTag status={doc.status} />
            </Descriptions.Item>
            <Descriptions.Item label="仓库">{doc.warehouseName}</Descriptions.Item>
            <Descriptions.Item label="供应商">{doc.supplier || '—'}</Descriptions.Item>
            <Descriptions.Item label="创建人">
              {doc.createdByName}（{formatDateTime(doc.createdAt)}）
            </Descriptions.Item>
            <Descriptions.Item label="确认人">
              {doc.decidedByName ? `${doc.decidedByName}（${formatDateTime(doc.decidedAt)}）` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label="备注" span={3}>
              {doc.remark || '—'}
            </Descriptions.Item>
          </Descriptions>
          <Section title={`配件信息（${doc.lines.length} 种，${doc.totalQty} 件${withCost ? `，合计 ${formatYuan(doc.total!)}` : ''}）`}>
            <DocLinesTable<InboundLineView>
              lines={doc.lines}
              testId="inbound-detail-lines"
              columns={[
                { title: '规格', dataIndex: 'partSpec', width: 120, render: (v: string) => v || '—' },
                { title: '单位', dataIndex: 'unit', width: 56 },
                { title: '数量', dataIndex: 'qty', width: 80, align: 'right' },
                ...(withCost
                  ? [
                      { title: '单价', dataIndex: 'unitCost', width: 110, align: 'right' as const, render: (v: number) => formatYuan(v) },
                      { title: '金额', dataIndex: 'amount', width: 120, align: 'right' as const, render: (v: number) => formatYuan(v) },
                    ]
                  : []),
              ]}
            />
          </Section>
        </>
      )}
    </DocDetailDrawer>
  );
}
