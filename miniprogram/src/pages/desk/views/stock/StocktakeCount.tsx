import { useEffect, useRef, useState, type ComponentRef } from 'react';
import { Alert, Button, Input, InputNumber, Progress, Space, Table, Tag, type InputRef } from 'antd';
import {
  bigVarianceReason,
  formatDateTime,
  type Page,
  type PartView,
  type StocktakeCountResult,
  type StocktakeLineView,
  type StocktakeView,
} from '@hongyuan/shared';
import { api } from '../../../../api/request';
import { errorText } from '../../lib/form';
import { CountHistory } from './CountHistory';

interface Props {
  doc: StocktakeView;
  /** lines and progress after each entry */
  onCounted: (r: StocktakeCountResult) => void;
}

type Feedback = { type: 'success' | 'error' | 'warning'; text: string } | null;

/** The part a code was resolved to: the quantity typed next is recorded on it, and only on it. */
interface Target {
  partId: number;
  partCode: string;
  partName: string;
  partSpec: string;
  unit: string;
  bookQty: number | null;
  countedQty: number | null;
  /** found on the shelf: not on the sheet yet */
  added: boolean;
}

/** An entry of this session, newest first: 撤销 takes it back through the server. */
interface Entry {
  key: number;
  partId: number;
  partCode: string;
  partName: string;
  qty: number;
  at: Date;
  undone: boolean;
}

const RECENT = 8;
/** more than this is taken for a barcode scanned into the quantity box (as on the phone) */
const MAX_COUNT = 100000;

/**
 * 录入实盘, one entry at a time: scan or type the code and press Enter; the part's name, code and
 * spec are shown and the cursor moves to 数量; Enter there (or 录入) records that quantity on the
 * part shown, and only then. Enter in the code box never records anything, so a quantity can
 * never land on the next code. The last entries are listed with 撤销. A part not on the sheet
 * (found on the shelf) is added. Each row's count can also be typed directly.
 */
export function StocktakeCount({ doc, onCounted }: Props) {
  const rootRef = useRef<HTMLDivElement>(null);
  const codeRef = useRef<InputRef>(null);
  const qtyRef = useRef<ComponentRef<typeof InputNumber>>(null);
  const [code, setCode] = useState('');
  const [target, setTarget] = useState<Target | null>(null);
  const [qty, setQty] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [filter, setFilter] = useState<'all' | 'todo' | 'done'>('all');
  const [entries, setEntries] = useState<Entry[]>([]);
  const seq = useRef(0);
  // 盲盘: whoever counts does not see the book quantity, keepers included.
  const showBook = !doc.blind && doc.bookVisible;

  const focusCode = () => {
    setTimeout(() => codeRef.current?.focus(), 0);
  };
  const focusQty = () => {
    setTimeout(() => qtyRef.current?.focus(), 0);
  };
  // Also once the drawer has finished opening (it takes the focus for itself meanwhile), unless
  // the keeper is already entering: a scan and Enter within that time put the cursor in the
  // quantity, and taking it back to the code box would send the quantity there.
  useEffect(() => {
    focusCode();
    const t = setTimeout(() => {
      if (!rootRef.current?.contains(document.activeElement)) codeRef.current?.focus();
    }, 450);
    return () => clearTimeout(t);
  }, []);

  const send = async (partId: number, countedQty: number, name: string, partCode: string) => {
    const r = await api.put<StocktakeCountResult>(`/stocktakes/${doc.id}/counts`, { counts: [{ partId, countedQty }] });
    onCounted(r);
    const key = ++seq.current;
    setEntries((prev) =>
      [{ key, partId, partCode, partName: name, qty: countedQty, at: new Date(), undone: false }, ...prev].slice(0, RECENT),
    );
    setFeedback({ type: 'success', text: `已录入「${name}」实盘 ${countedQty}（已盘 ${r.countedCount}/${r.lineCount}）` });
  };

  /** Enter in the code box: find the part and show it; the quantity comes next. */
  const resolve = async () => {
    const c = code.trim();
    if (!c || busy) return;
    setBusy(true);
    try {
      const line = doc.lines.find((l) => l.partCode.toUpperCase() === c.toUpperCase());
      if (line) {
        setTarget({
          partId: line.partId,
          partCode: line.partCode,
          partName: line.partName,
          partSpec: line.partSpec,
          unit: line.unit,
          bookQty: showBook ? line.bookQty : null,
          countedQty: line.countedQty,
          added: false,
        });
        setFeedback(null);
      } else {
        const found = (await api.get<Page<PartView>>('/parts', { keyword: c, pageSize: 20 })).items.find(
          (p) => p.code.toUpperCase() === c.toUpperCase(),
        );
        if (!found) {
          setTarget(null);
          setFeedback({ type: 'error', text: `没有编号为「${c}」的配件，请核对条码` });
          focusCode();
          return;
        }
        setTarget({
          partId: found.id,
          partCode: found.code,
          partName: found.name,
          partSpec: found.spec,
          unit: found.unit,
          bookQty: null,
          countedQty: null,
          added: true,
        });
        setFeedback({ type: 'warning', text: `「${found.name}」不在盘点表上，录入后作为货架上新发现的配件加入` });
      }
      setQty(null);
      focusQty();
    } catch (e) {
      setFeedback({ type: 'error', text: errorText(e) });
      focusCode();
    } finally {
      setBusy(false);
    }
  };

  /** Enter in 数量 or 录入: the quantity is recorded on the part shown, then the next code. */
  const record = async () => {
    if (busy) return;
    if (!target) {
      setFeedback({ type: 'error', text: '请先扫码或输入配件编号并回车，确认配件后再填数量' });
      focusCode();
      return;
    }
    if (qty === null) {
      setFeedback({ type: 'error', text: `请填写「${target.partName}」的实盘数量` });
      focusQty();
      return;
    }
    if (qty > MAX_COUNT) {
      // a barcode scanned into the quantity box reads as a huge number
      setFeedback({ type: 'error', text: `数量 ${qty} 过大：是否把条码扫进了数量框？请重新填写「${target.partName}」的实盘数量` });
      setQty(null);
      focusQty();
      return;
    }
    setBusy(true);
    try {
      await send(target.partId, qty, target.partName, target.partCode);
      setTarget(null);
      setCode('');
      setQty(null);
      focusCode();
    } catch (e) {
      setFeedback({ type: 'error', text: errorText(e) });
      focusQty();
    } finally {
      setBusy(false);
    }
  };

  const undo = async (e: Entry) => {
    if (busy) return;
    setBusy(true);
    try {
      const r = await api.post<StocktakeCountResult>(`/stocktakes/${doc.id}/counts/undo`, { partId: e.partId, countedQty: e.qty });
      onCounted(r);
      setEntries((prev) => prev.map((x) => (x.key === e.key ? { ...x, undone: true } : x)));
      const now = r.lines.find((l) => l.partId === e.partId)?.countedQty ?? null;
      setFeedback({
        type: 'success',
        text: `已撤销「${e.partName}」的录入 ${e.qty}，${now === null ? '恢复为未盘' : `恢复为上次的 ${now}`}`,
      });
    } catch (err) {
      setFeedback({ type: 'error', text: errorText(err) });
    } finally {
      setBusy(false);
      focusCode();
    }
  };

  const setRow = async (l: StocktakeLineView, v: number | null) => {
    if (v === null || v === l.countedQty) return;
    try {
      await send(l.partId, v, l.partName, l.partCode);
    } catch (e) {
      setFeedback({ type: 'error', text: errorText(e) });
    }
  };

  // The newest entry of a part is the one that may be taken back.
  const latestKey = new Map<number, number>();
  for (const e of entries) if (!latestKey.has(e.partId)) latestKey.set(e.partId, e.key);

  const rows = doc.lines.filter((l) => (filter === 'all' ? true : filter === 'todo' ? l.countedQty === null : l.countedQty !== null));
  return (
    <div data-testid="stocktake-count" ref={rootRef}>
      <Space wrap size={12} style={{ marginBottom: 12 }} align="start">
        <Input
          ref={codeRef}
          value={code}
          onChange={(e) => {
            setCode(e.target.value);
            // another code: the part shown no longer applies
            if (target) setTarget(null);
          }}
          onPressEnter={resolve}
          placeholder="① 扫码或输入配件编号，回车"
          style={{ width: 280 }}
          allowClear
          autoComplete="off"
          disabled={busy}
          data-testid="stocktake-code"
        />
        <InputNumber
          ref={qtyRef}
          value={qty}
          onChange={(v) => setQty(v as number | null)}
          onPressEnter={record}
          min={0}
          precision={0}
          disabled={!target}
          placeholder="② 实盘数量，回车录入"
          style={{ width: 180 }}
          data-testid="stocktake-qty"
        />
        <Button type="primary" onClick={record} disabled={!target || busy} data-testid="stocktake-record">
          录入
        </Button>
        <Progress
          percent={doc.lineCount ? Math.round((doc.countedCount / doc.lineCount) * 100) : 0}
          size="small"
          style={{ width: 200 }}
          format={() => `${doc.countedCount}/${doc.lineCount}`}
        />
        <Tag.CheckableTag checked={filter === 'all'} onChange={() => setFilter('all')}>
          全部
        </Tag.CheckableTag>
        <Tag.CheckableTag checked={filter === 'todo'} onChange={() => setFilter('todo')}>
          未盘
        </Tag.CheckableTag>
        <Tag.CheckableTag checked={filter === 'done'} onChange={() => setFilter('done')}>
          已盘
        </Tag.CheckableTag>
      </Space>
      {target ? (
        <Alert
          type="info"
          style={{ marginBottom: 12 }}
          data-testid="stocktake-target"
          message={
            <span>
              正在录入：<b data-testid="stocktake-target-name">{target.partName}</b>
              <span style={{ marginLeft: 12 }}>编号 {target.partCode}</span>
              <span style={{ marginLeft: 12 }}>规格 {target.partSpec || '—'}</span>
              <span style={{ marginLeft: 12 }}>单位 {target.unit}</span>
              {target.bookQty !== null && <span style={{ marginLeft: 12 }}>账面 {target.bookQty}</span>}
              {target.countedQty !== null && <span style={{ marginLeft: 12 }}>已录 {target.countedQty}，录入会覆盖</span>}
              {target.added && (
                <Tag color="blue" style={{ marginLeft: 12 }}>
                  新发现
                </Tag>
              )}
            </span>
          }
        />
      ) : (
        <div className="desk-hint" style={{ marginBottom: 8 }}>
          先扫码或输入编号回车，核对显示的配件名称后再填数量：数量只记在显示的配件上。
        </div>
      )}
      {feedback && (
        <Alert type={feedback.type} showIcon message={feedback.text} style={{ marginBottom: 12 }} data-testid="stocktake-feedback" />
      )}
      {entries.length > 0 && (
        <Table<Entry>
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={entries}
          style={{ marginBottom: 12, maxWidth: 720 }}
          title={() => '最近录入'}
          data-testid="stocktake-recent"
          rowClassName={(e) => (e.undone ? 'desk-muted' : '')}
          columns={[
            { title: '配件', key: 'part', render: (_v, e) => `${e.partName}（${e.partCode}）` },
            { title: '实盘', dataIndex: 'qty', width: 70, align: 'right' },
            { title: '时间', dataIndex: 'at', width: 150, render: (d: Date) => formatDateTime(d) },
            {
              title: '',
              key: 'undo',
              width: 90,
              render: (_v, e) =>
                e.undone ? (
                  <span className="desk-muted">已撤销</span>
                ) : latestKey.get(e.partId) === e.key ? (
                  <Button type="link" size="small" disabled={busy} onClick={() => undo(e)} data-testid={`stocktake-undo-${e.partCode}`}>
                    撤销
                  </Button>
                ) : null,
            },
          ]}
        />
      )}
      {doc.blind && (
        <div className="desk-hint" style={{ marginBottom: 8 }}>
          盲盘：录入时不显示账面数量，审核前在“差异表”中核对。
        </div>
      )}
      {doc.blind && doc.bookVisible && doc.status === 'counting' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="stocktake-blind-counter"
          message="盲盘须由看不到账面数量的人员录入（如技师、主管）"
          description="你能看到账面数量，请安排技师或主管清点录入；管理员允许一人库管例外时，你的录入会在日志中标记为例外。"
        />
      )}
      <Table<StocktakeLineView>
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (t) => `共 ${t} 条` }}
        rowClassName={(l) => (l.countedQty === null ? '' : 'desk-row-done')}
        data-testid="stocktake-lines"
        columns={[
          { title: '配件编号', dataIndex: 'partCode', width: 150 },
          {
            title: '配件名称',
            dataIndex: 'partName',
            render: (v: string, l) =>
              l.added ? (
                <span>
                  {v} <Tag color="blue">新发现</Tag>
                </span>
              ) : (
                v
              ),
          },
          { title: '规格', dataIndex: 'partSpec', width: 120, render: (v: string) => v || '—' },
          { title: '单位', dataIndex: 'unit', width: 56 },
          ...(showBook ? [{ title: '账面', dataIndex: 'bookQty', width: 80, align: 'right' as const }] : []),
          {
            title: '实盘',
            key: 'counted',
            width: 120,
            render: (_v, l) => (
              <InputNumber
                key={`${l.id}:${l.countedQty}`}
                defaultValue={l.countedQty ?? undefined}
                min={0}
                precision={0}
                style={{ width: 90 }}
                placeholder="未盘"
                onBlur={(e) => setRow(l, e.target.value === '' ? null : Number(e.target.value))}
                onPressEnter={(e) => (e.target as HTMLInputElement).blur()}
                data-testid={`stocktake-counted-${l.partCode}`}
              />
            ),
          },
          ...(showBook
            ? [
                {
                  title: '差异',
                  dataIndex: 'difference',
                  width: 130,
                  align: 'right' as const,
                  render: (d: number | null, l: StocktakeLineView) => (
                    <span>
                      {diff(d)}
                      {bigVarianceReason({ bookQty: l.bookQty ?? 0, difference: d }) && (
                        <Tag color="red" style={{ marginLeft: 6, marginRight: 0 }} data-testid={`stocktake-count-big-${l.partCode}`}>
                          差异较大
                        </Tag>
                      )}
                    </span>
                  ),
                },
              ]
            : []),
          {
            title: '录入',
            key: 'by',
            width: 230,
            render: (_v, l) =>
              l.countedByName ? (
                <span>
                  {l.countedByName} {formatDateTime(l.countedAt)}
                  {l.countEntries > 1 && <CountHistory stocktakeId={doc.id} line={l} showBook={showBook} />}
                </span>
              ) : (
                ''
              ),
          },
        ]}
      />
    </div>
  );
}

export function diff(d: number | null | undefined) {
  if (d === null || d === undefined) return <span className="desk-muted">—</span>;
  if (d === 0) return <span>0</span>;
  return <span className={d > 0 ? 'desk-gain' : 'desk-danger'}>{d > 0 ? `+${d}` : d}</span>;
}
