/**
 * @jest-environment jsdom
 *
 * The desk's list columns fitted to the screen (components/listColumns fitColumns): a column
 * without a width keeps a readable minimum, the table scrolls sideways only when the shown
 * columns cannot fit, and then 操作 stays fixed on the right; long text gets a tooltip.
 */
import type { ColumnType, ColumnsType } from 'antd/es/table';
import { FLEX_MIN_WIDTH, fitColumns } from '../../src/pages/desk/components/listColumns';

type Row = { id: number; no: string; problem: string };

const columns: ColumnsType<Row> = [
  { title: '工单编号', dataIndex: 'no', width: 150 },
  { title: '问题描述', dataIndex: 'problem', ellipsis: true },
  { title: '预约时间', dataIndex: 'at', width: 300, responsive: ['xxl'] },
  { title: '操作', key: 'actions', width: 80, render: () => null },
];
const narrow = { xs: true, sm: true, md: true, lg: true, xl: true, xxl: false };
const wide = { ...narrow, xxl: true };
const action = (cs: ColumnsType<Row>) => cs.find((c) => c.title === '操作') as ColumnType<Row>;

describe('fitColumns', () => {
  it('fits without scrolling when the shown columns and the flexible minimum fit', () => {
    const need = 150 + FLEX_MIN_WIDTH + 80;
    const fitted = fitColumns(columns, narrow, need);
    expect(fitted.scrollX).toBeUndefined();
    expect(action(fitted.columns).fixed).toBeUndefined();
  });

  it('counts columns the screen shows only (responsive), and the flexible one at its minimum', () => {
    const need = 150 + FLEX_MIN_WIDTH + 80;
    // The same width is too narrow once 预约时间 shows (xxl).
    const fitted = fitColumns(columns, wide, need);
    expect(fitted.scrollX).toBe(need + 300);
    expect(action(fitted.columns).fixed).toBe('right');
  });

  it('scrolls sideways, 操作 fixed on the right, when 问题描述 would be squeezed', () => {
    const fitted = fitColumns(columns, narrow, 300);
    expect(fitted.scrollX).toBe(150 + FLEX_MIN_WIDTH + 80);
    expect(action(fitted.columns).fixed).toBe('right');
  });

  it('does not decide before the table is measured', () => {
    expect(fitColumns(columns, narrow, 0).scrollX).toBeUndefined();
  });

  it('gives a plain ellipsis column a tooltip with the whole text instead of the native title', () => {
    const problem = fitColumns(columns, narrow, 2000).columns[1] as ColumnType<Row>;
    expect(problem.ellipsis).toEqual({ showTitle: false });
    expect(typeof problem.render).toBe('function');
    const cell = problem.render!('发动机异响，保养灯亮', { id: 1, no: 'FW-1', problem: '' }, 0) as { props: { title: string } };
    expect(cell.props.title).toBe('发动机异响，保养灯亮');
    // No text: a dash, not an empty tooltip.
    expect(problem.render!('', { id: 1, no: 'FW-1', problem: '' }, 0)).toBe('—');
  });
});
