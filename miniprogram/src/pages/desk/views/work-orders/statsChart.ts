/**
 * The ECharts parts 工单绩效 draws with, and nothing more (bar chart, grid, legend, tooltip,
 * canvas, aria): loaded with a dynamic import, so the desk's first screen does not carry ECharts.
 */
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Aria: the chart describes itself (series and values) in its aria-label, for screen readers and tests.
echarts.use([AriaComponent, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface StatsBar {
  name: string;
  finished: number;
  reworked: number;
}

export interface StatsChart {
  show(rows: StatsBar[]): void;
  resize(): void;
  dispose(): void;
}

/** A chart in `el`: per technician, orders finished and reworked, with legend and both axes named. */
export function createStatsChart(el: HTMLElement): StatsChart {
  const chart = echarts.init(el, undefined, { renderer: 'canvas', locale: 'ZH' });
  return {
    show(rows) {
      chart.setOption(
        {
          color: ['#1f6fd1', '#e5484d'],
          aria: { enabled: true },
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
          legend: { data: ['完工数', '返工数'], top: 0 },
          grid: { left: 48, right: 24, top: 40, bottom: 36, containLabel: true },
          xAxis: {
            type: 'category',
            name: '技师',
            nameLocation: 'middle',
            nameGap: 28,
            data: rows.map((r) => r.name),
            axisLabel: { interval: 0 },
          },
          yAxis: { type: 'value', name: '工单数', minInterval: 1 },
          series: [
            { name: '完工数', type: 'bar', barMaxWidth: 36, data: rows.map((r) => r.finished), label: { show: true, position: 'top' } },
            { name: '返工数', type: 'bar', barMaxWidth: 36, data: rows.map((r) => r.reworked), label: { show: true, position: 'top' } },
          ],
        },
        true,
      );
    },
    resize: () => chart.resize(),
    dispose: () => chart.dispose(),
  };
}
