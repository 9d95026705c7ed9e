import { useEffect, useRef, useState } from 'react';
import { Alert, Input, InputNumber, Progress, Space, Table, Tag, type InputRef } from 'antd';
import {
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

/**
 * 录入实盘, scan-friendly: the cursor stays in the code box; a scan (or typed code + Enter) adds
 * one to that part's count, or sets it when a quantity is typed first. A part not on the sheet
 * (found on the shelf) is added. Each row's count can also be typed directly.
 */
export function StocktakeCount({ doc, onCounted }: Props) {
  const codeRef = useRef<InputRef>(null);
  const [code, setCode] = useState('');
  const [qty, setQty] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [filter, setFilter] = useState<'all' | 'todo' | 'done'>('all');
  // 盲盘: whoever counts does not see the book quantity, keepers included.
  const showBook = !doc.blind && doc.bookVisible;

  const focus = () => {
    setTimeout(() => codeRef.current?.focus(), 0);
  };
  // Also once the drawer has finished opening (it takes the focus for itself meanwhile).
  useEffect(() => {
    focus();
    const t = setTimeout(() => codeRef.current?.focus(), 450);
    return () => clearTimeout(t);
  }, []);

  const send = async (partId: number, countedQty: number, name: string) => {
    const r = await api.put<StocktakeCountResult>(`/stocktakes/${doc.id}/counts`, { counts: [{ partId, countedQty }] });
    onCounted(r);
    setFeedback({ type: 'success', text: `已录入「${name}」实盘 ${countedQty}（已盘 ${r.countedCount}/${r.lineCount}）` });
  };

  const scan = async () => {
    const c = code.trim();
    if (!c || busy) return;
    setBusy(true);
    try {
      let line: Pick<StocktakeLineView, 'partId' | 'partName' | 'countedQty'> | undefined = doc.lines.find(
        (l) => l.partCode.toUpperCase() === c.toUpperCase(),
      );
      if (!line) {
        const found = (await api.get<Page<PartView>>('/parts', { keyword: c, pageSize: 20 })).items.find(
          (p) => p.code.toUpperCase() === c.toUpperCase(),
        );
        if (!found) {
          setFeedback({ type: 'error', text: `没有编号为「${c}」的配件，请核对条码` });
          return;
        }
        line = { partId: found.id, partName: found.name, countedQty: null };
        setFeedback({ type: 'warning', text: `「${found.name}」不在盘点表上，作为货架上新发现的配件加入` });
      }
      const next = qty ?? (line.countedQty ?? 0) + 1;
      await send(line.partId, next, line.partName);
      setCode('');
      setQty(null);
    } catch (e) {
      setFeedback({ type: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
      focus();
    }
  };

  const setRow = async (l: StocktakeLineView, v: number | null) => {
    if (v === null || v === l.countedQty) return;
    try {
      await send(l.partId, v, l.partName);
    } catch (e) {
      setFeedback({ type: 'error', text: errorText(e) });
    }
  };

  const rows = doc.lines.filter((l) => (filter === 'all' ? true : filter === 'todo' ? l.countedQty === null : l.countedQty !== null));
  return (
    <div data-testid="stocktake-count">
      <Space wrap size={12} style={{ marginBottom: 12 }}>
        <Input
          ref={codeRef}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          onPressEnter={scan}
          placeholder="扫码或输入配件编号，回车录入"
          style={{ width: 300 }}
          allowClear
          autoComplete="off"
          disabled={busy}
          data-testid="stocktake-code"
        />
        <InputNumber
          value={qty}
          onChange={(v) => setQty(v as number | null)}
          onPressEnter={() => codeRef.current?.focus()}
          min={0}
          precision={0}
          placeholder="数量（空=加 1）"
          style={{ width: 150 }}
          data-testid="stocktake-qty"
        />
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
      {feedback && (
        <Alert type={feedback.type} showIcon message={feedback.text} style={{ marginBottom: 12 }} data-testid="stocktake-feedback" />
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
            ? [{ title: '差异', dataIndex: 'difference', width: 80, align: 'right' as const, render: (d: number | null) => diff(d) }]
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
