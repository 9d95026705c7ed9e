import { Form, InputNumber, Tag, Tooltip, type FormListFieldData } from 'antd';
import type { ApprovalStatus, SignStatus, StockView } from '@hongyuan/shared';
import { searchStock, type PartInfo } from '../../lib/stock';
import { LineEditor } from '../../components/DocLines';
import { PartOption, PartSearch } from '../../components/PartSearch';
import { SignTag } from '../../components/DocTags';

export interface RequisitionLine {
  partId?: number;
  qty?: number | null;
}

interface Props {
  warehouseId?: number;
  lines: RequisitionLine[];
  /** details and today's stock of the parts on the lines */
  info: Record<number, PartInfo>;
  /** partId -> the quantity asked for before a copy lowered it to today's stock */
  capped: Record<number, number>;
  onPick: (s: StockView) => void;
}

/**
 * 配件信息 of a requisition (Form.List `lines`): search a part of the chosen warehouse (code, name,
 * 拼音首字母), see its spec, unit and today's 可领数量; the quantity cannot exceed it.
 */
/** 可领 N 件, or 盲盘中 while a blind count hides the warehouse's quantity from this reader. */
function availableText(s: StockView, warehouseId?: number): string {
  const w = s.warehouses.find((x) => x.warehouseId === warehouseId);
  if (w && w.qty === null) return '盲盘中，审批时核对';
  return `可领 ${w?.qty ?? '—'} ${s.unit}`;
}

export function RequisitionLines({ warehouseId, lines, info, capped, onPick }: Props) {
  // null: the warehouse is being counted blind (盲盘), its stock is not shown; the keeper checks it at approval.
  // A part with no stock row in the warehouse has none (0); a hidden quantity stays null and does not block the row.
  const available = (partId?: number): number | null => {
    if (!partId || !warehouseId) return 0;
    const q = info[partId]?.qtyBy[warehouseId];
    return q === undefined ? 0 : q;
  };
  const infoOf = (f: FormListFieldData) => info[lines[f.name]?.partId ?? 0];
  return (
    <LineEditor
      testPrefix="requisition"
      rowClassName={(f) => (capped[lines[f.name]?.partId ?? 0] !== undefined ? 'desk-row-capped' : '')}
      part={(f) => {
        const p = infoOf(f);
        return (
          <PartSearch
            testId={`requisition-line-part-${f.name}`}
            scope={warehouseId}
            disabled={!warehouseId}
            placeholder={warehouseId ? '输入名称 / 别名 / 编码 / 条码 / 拼音首字母' : '请先选择仓库'}
            search={(k) => searchStock(k, warehouseId)}
            idOf={(s) => s.partId}
            labelOf={(s) => `${s.partName}（${s.partCode}）`}
            currentLabel={p ? `${p.name}（${p.code}）` : undefined}
            takenIds={lines.map((l) => l.partId ?? 0)}
            onPick={onPick}
            render={(s) => <PartOption name={s.partName} code={s.partCode} spec={s.partSpec} extra={availableText(s, warehouseId)} />}
          />
        );
      }}
      columns={[
        { title: '规格', width: 130, render: (_v, f) => infoOf(f)?.spec || '—' },
        { title: '单位', width: 60, render: (_v, f) => infoOf(f)?.unit ?? '' },
        {
          title: '可领数量',
          width: 90,
          align: 'right',
          render: (_v, f) => {
            const partId = lines[f.name]?.partId;
            return partId ? <span data-testid={`requisition-line-available-${f.name}`}>{available(partId) ?? '盲盘中'}</span> : '—';
          },
        },
        {
          title: <span className="desk-required">数量</span>,
          width: 210,
          render: (_v, f) => {
            const partId = lines[f.name]?.partId;
            const max = available(partId);
            return (
              <div className="desk-qty-cell">
                <Form.Item
                  name={[f.name, 'qty']}
                  style={{ margin: 0 }}
                  rules={[
                    { required: true, message: '请填写数量' },
                    {
                      validator: async (_r, q) => {
                        if (q !== null && q !== undefined && partId && max !== null && q > max)
                          throw new Error(max ? `超过可领数量 ${max}` : '今日无库存，请删除此行');
                      },
                    },
                    {
                      validator: async (_r, q) => {
                        if (q !== null && q !== undefined && q <= 0) throw new Error('数量应大于 0');
                      },
                    },
                  ]}
                >
                  <InputNumber
                    min={0}
                    max={max || undefined}
                    precision={0}
                    style={{ width: 90 }}
                    data-testid={`requisition-line-qty-${f.name}`}
                  />
                </Form.Item>
                {partId && capped[partId] !== undefined && (
                  <Tag color="warning" data-testid={`requisition-line-capped-${f.name}`}>
                    已按今日库存调低（原 {capped[partId]}）
                  </Tag>
                )}
              </div>
            );
          },
        },
      ]}
      footer={
        <div className="desk-hint" style={{ marginTop: 8 }}>
          共 {lines.filter((l) => l.partId).length} 种配件，{lines.reduce((s, l) => s + (l.qty ?? 0), 0)}{' '}
          件。可领数量为所选仓库今日库存，提交时和审批时都会再核对。
        </div>
      }
    />
  );
}

/**
 * 签收状态 only means something once the parts are issued (approved); before that 未发料, and
 * for a rejected or cancelled requisition there is nothing to sign for.
 */
export function SignCell({ status, sign }: { status: ApprovalStatus; sign: SignStatus }) {
  if (status === 'approved') return <SignTag status={sign} />;
  if (status === 'draft' || status === 'pending')
    return (
      <span className="desk-muted" data-status="not-issued">
        未发料
      </span>
    );
  return (
    <Tooltip title="未发料，无需签收">
      <span className="desk-muted" data-status="none">
        —
      </span>
    </Tooltip>
  );
}
