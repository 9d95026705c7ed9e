import { useState } from 'react';
import { Button, Popover, Spin, Table, Tag } from 'antd';
import { formatDateTime, type StocktakeCountEntry, type StocktakeLineView } from '@hongyuan/shared';
import { api } from '../../../../api/request';
import { errorText } from '../../lib/form';

/**
 * 录入记录 of a count line: every count entered (who, how many, when), newest first; the line
 * shows the latest. Loaded when opened. The book of each entry only where the reader may see it.
 */
export function CountHistory({ stocktakeId, line, showBook }: { stocktakeId: number; line: StocktakeLineView; showBook: boolean }) {
  const [entries, setEntries] = useState<StocktakeCountEntry[] | null>(null);
  const [error, setError] = useState('');
  const load = (open: boolean) => {
    if (!open) return;
    setError('');
    api
      .get<StocktakeCountEntry[]>(`/stocktakes/${stocktakeId}/lines/${line.id}/counts`)
      .then(setEntries)
      .catch((e) => setError(errorText(e)));
  };
  const content = error ? (
    <span className="desk-danger">{error}</span>
  ) : !entries ? (
    <Spin size="small" />
  ) : (
    <Table<StocktakeCountEntry>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={entries}
      style={{ width: showBook ? 430 : 350 }}
      data-testid={`stocktake-history-${line.partCode}`}
      columns={[
        { title: '实盘', dataIndex: 'countedQty', width: 60, align: 'right' },
        ...(showBook ? [{ title: '当时账面', dataIndex: 'bookQty', width: 80, align: 'right' as const }] : []),
        {
          title: '录入人',
          dataIndex: 'countedByName',
          width: 110,
          // the admin's exception: a blind count entered by someone who could see the book
          render: (v: string | null, e: StocktakeCountEntry) => (
            <>
              {v}
              {e.bookSeen && (
                <Tag color="orange" style={{ marginLeft: 4 }} data-testid="stocktake-history-book-seen">
                  见账面
                </Tag>
              )}
            </>
          ),
        },
        { title: '时间', dataIndex: 'countedAt', render: (v: string) => formatDateTime(v) },
      ]}
    />
  );
  return (
    <Popover title={`「${line.partName}」录入记录`} trigger="click" content={content} onOpenChange={load} destroyOnHidden>
      <Button type="link" size="small" data-testid={`stocktake-history-open-${line.partCode}`}>
        记录 {line.countEntries}
      </Button>
    </Popover>
  );
}
