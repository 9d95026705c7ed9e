import { useEffect, useRef, useState } from 'react';
import { App, Button, DatePicker, Modal, Table } from 'antd';
import dayjs from 'dayjs';
import { formatDateTime, formatYuan, shanghaiDate, type StatsVisit as Visit, type TechnicianStats as Row } from '@hongyuan/shared';
import { api } from '../../../../api/request';
import { errorText } from '../../lib/form';
import { download } from '../../lib/query';
import { FilterBar, ViewHeader } from '../../components/ViewHeader';
import { WorkOrderDetail } from './WorkOrderDetail';
import type { StatsChart } from './statsChart';

/**
 * 完工数 and 返工数 per technician as an ECharts bar chart (legend, named axes, tooltip). ECharts
 * is loaded when the chart is first shown.
 */
function StatsBars({ rows }: { rows: Row[] }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<StatsChart | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let alive = true;
    let onResize: (() => void) | null = null;
    void import('./statsChart').then(({ createStatsChart }) => {
      if (!alive || !box.current) return;
      chart.current = createStatsChart(box.current);
      onResize = () => chart.current?.resize();
      window.addEventListener('resize', onResize);
      setReady(true);
    });
    return () => {
      alive = false;
      if (onResize) window.removeEventListener('resize', onResize);
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (ready) chart.current?.show(rows.map((r) => ({ name: r.name, finished: r.finished, reworked: r.reworked })));
  }, [ready, rows]);

  return (
    <div className="desk-stats-chart" data-testid="stats-chart" data-ready={ready ? 'yes' : 'no'}>
      <div ref={box} style={{ width: '100%', height: 300 }} />
      {ready && rows.length === 0 && <div className="desk-stats-chart-empty desk-hint">所选日期内没有完工的工单</div>}
    </div>
  );
}

/** 工单绩效: per technician, with the visits behind each number, a bar chart and an Excel export. */
export default function WorkOrderStats() {
  const { message } = App.useApp();
  const today = shanghaiDate();
  const [range, setRange] = useState<[string, string]>([`${today.slice(0, 8)}01`, today]);
  const [rows, setRows] = useState<Row[]>([]);
  const [loading, setLoading] = useState(false);
  const [drill, setDrill] = useState<Row | null>(null);
  const [order, setOrder] = useState<number | null>(null);

  useEffect(() => {
    setLoading(true);
    api
      .get<Row[]>('/work-order-stats', { from: range[0], to: range[1] })
      .then(setRows)
      .catch((e) => message.error(errorText(e)))
      .finally(() => setLoading(false));
  }, [range, message]);

  const num = (v: number | null) => (v === null ? '—' : v);

  return (
    <div data-testid="view-workOrderStats">
      <ViewHeader
        title="工单绩效"
        extra={
          <Button onClick={() => download('/work-order-stats/export', { from: range[0], to: range[1] })} data-testid="stats-export">
            导出 Excel
          </Button>
        }
      />
      <FilterBar>
        <DatePicker.RangePicker
          allowClear={false}
          value={[dayjs(range[0]), dayjs(range[1])]}
          onChange={(v) => v?.[0] && v?.[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])}
          data-testid="stats-dates"
        />
      </FilterBar>
      <StatsBars rows={rows} />
      <Table<Row>
        rowKey="technicianId"
        size="small"
        loading={loading}
        dataSource={rows}
        pagination={false}
        data-testid="stats-table"
        columns={[
          { title: '技师', dataIndex: 'name', width: 100 },
          {
            title: '完工数',
            dataIndex: 'finished',
            width: 80,
            align: 'right',
            render: (v: number, r) => (
              <a onClick={() => setDrill(r)} data-testid={`stats-drill-${r.technicianId}`}>
                {v}
              </a>
            ),
          },
          { title: '平均响应(分钟)', dataIndex: 'avgResponseMinutes', width: 120, align: 'right', render: num },
          { title: '平均处理(分钟)', dataIndex: 'avgHandlingMinutes', width: 120, align: 'right', render: num },
          { title: '配件收入(元)', dataIndex: 'partsRevenue', width: 120, align: 'right', render: (v: number) => formatYuan(v) },
          { title: '工时收入(元)', dataIndex: 'labourRevenue', width: 120, align: 'right', render: (v: number) => formatYuan(v) },
          { title: '返工', dataIndex: 'reworked', width: 70, align: 'right' },
          {
            title: '返工率',
            dataIndex: 'reworkRate',
            width: 80,
            align: 'right',
            render: (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`),
          },
          { title: '平均满意度', dataIndex: 'avgSatisfaction', width: 100, align: 'right', render: num },
        ]}
      />
      <Modal
        open={!!drill}
        title={drill ? `${drill.name} 的完工明细` : ''}
        width={820}
        footer={null}
        onCancel={() => setDrill(null)}
        destroyOnHidden
      >
        {drill && (
          <Table<Visit>
            rowKey={(v) => `${v.orderId}-${v.finishedAt}`}
            size="small"
            pagination={false}
            dataSource={drill.visits}
            data-testid="stats-visits"
            columns={[
              {
                title: '工单',
                dataIndex: 'no',
                width: 170,
                render: (no: string, v) => (
                  <a onClick={() => setOrder(v.orderId)} data-testid={`stats-visit-open-${no}`}>
                    {no}
                  </a>
                ),
              },
              { title: '完工时间', dataIndex: 'finishedAt', width: 160, render: (v: string) => formatDateTime(v) },
              { title: '响应(分钟)', dataIndex: 'responseMinutes', width: 100, align: 'right' },
              { title: '处理(分钟)', dataIndex: 'handlingMinutes', width: 100, align: 'right' },
              { title: '返工', dataIndex: 'reworked', width: 60, render: (v: boolean) => (v ? '是' : '') },
              { title: '满意度', dataIndex: 'satisfaction', width: 70, render: (v: number | null) => v ?? '—' },
            ]}
          />
        )}
      </Modal>
      {/* After the modal, so the order's drawer opens over the list it was picked from. */}
      <WorkOrderDetail id={order} onClose={() => setOrder(null)} onChanged={() => undefined} />
    </div>
  );
}
