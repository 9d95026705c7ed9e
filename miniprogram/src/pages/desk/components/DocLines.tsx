import type { ReactNode } from 'react';
import { Button, Form, Table, type FormListFieldData, type TableProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { RowOps, Section } from './DocDrawer';

/** What every line of a warehouse document shows. */
export interface DocLine {
  id: number;
  lineNo: number;
  partCode: string;
  partName: string;
}

interface LinesTableProps<L extends DocLine> {
  lines: L[];
  /** the columns after 序号, 配件编号 and 配件名称 */
  columns: ColumnsType<L>;
  testId: string;
  summary?: TableProps<L>['summary'];
}

/** The read-only lines of a document (领用单, 调回单, 入库单 details): 序号, 配件编号, 配件名称 and more. */
export function DocLinesTable<L extends DocLine>({ lines, columns, testId, summary }: LinesTableProps<L>) {
  return (
    <Table<L>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={lines}
      data-testid={testId}
      summary={summary}
      columns={[
        { title: '序号', dataIndex: 'lineNo', width: 56 },
        { title: '配件编号', dataIndex: 'partCode', width: 150 },
        { title: '配件名称', dataIndex: 'partName' },
        ...columns,
      ]}
    />
  );
}

interface EditorProps {
  /** test id prefix ("requisition": requisition-line-new, requisition-lines, requisition-line-0-add...) */
  testPrefix: string;
  /** the part picker of a line (inside a required Form.Item `partId`) */
  part: (field: FormListFieldData) => ReactNode;
  /** the columns between 配件 and 操作 */
  columns: ColumnsType<FormListFieldData>;
  rowClassName?: (field: FormListFieldData) => string;
  /** under the table (totals, hints) */
  footer: ReactNode;
}

/**
 * 配件信息 of a document form (Form.List `lines`): 添加配件, one row a part with its picker,
 * the caller's columns and + / - to add or remove a row (at least one row stays).
 */
export function LineEditor({ testPrefix, part, columns, rowClassName, footer }: EditorProps) {
  return (
    <Form.List name="lines">
      {(fields, { add, remove }) => (
        <Section
          title="配件信息"
          extra={
            <Button size="small" onClick={() => add({})} data-testid={`${testPrefix}-line-new`}>
              添加配件
            </Button>
          }
        >
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={fields}
            rowClassName={rowClassName}
            data-testid={`${testPrefix}-lines`}
            columns={[
              { title: '序号', width: 56, render: (_v, _f, i) => i + 1 },
              {
                title: <span className="desk-required">配件</span>,
                render: (_v, f) => (
                  <Form.Item name={[f.name, 'partId']} rules={[{ required: true, message: '请选择配件' }]} style={{ margin: 0 }}>
                    {part(f)}
                  </Form.Item>
                ),
              },
              ...columns,
              {
                title: '操作',
                width: 90,
                render: (_v, f, i) => (
                  <RowOps
                    testId={`${testPrefix}-line-${f.name}`}
                    onAdd={() => add({}, i + 1)}
                    onRemove={() => remove(f.name)}
                    canRemove={fields.length > 1}
                  />
                ),
              },
            ]}
          />
          {footer}
        </Section>
      )}
    </Form.List>
  );
}
