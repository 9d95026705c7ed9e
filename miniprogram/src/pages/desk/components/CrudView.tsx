import { useRef, useState, type ReactNode } from 'react';
import { App, Button, Form, Space, Switch, type FormInstance } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Permission, z } from '@hongyuan/shared';
import { api } from '../../../api/request';
import { useCan, useList, type ListState } from '../lib/hooks';
import { parseForm, reportSaveError } from '../lib/form';
import { idempotent, newIdempotencyKey } from '../lib/stock';
import { ListTable } from './ListTable';
import { SearchFilter } from './Filters';
import { StatusTag } from './StatusTag';
import { ToggleEnabled } from './ToggleEnabled';
import { EnabledFilter } from './EnabledFilter';
import { FilterBar, ViewHeader } from './ViewHeader';
import { FormModal } from './FormModal';

/** A row of a master-data list: an id, a name (for the 停用 confirmation) and an enabled flag. */
export interface CrudRow {
  id: number;
  name: string;
  enabled: boolean;
}

/** What a master-data page is about. */
export interface CrudEntity {
  /** the menu key, for the view's test id ("view-departments") */
  view: string;
  /** 部门管理 */
  title: string;
  /** what one row is (部门): 新增部门, 编辑部门, 确定停用部门“…”？ */
  noun: string;
  /** the REST collection: GET for the list, POST to create, PUT `${path}/${id}` to update */
  path: string;
  /** test id prefix of the buttons and the form ("department": department-new, department-form...) */
  testPrefix: string;
}

interface Props<R extends CrudRow, V extends object> {
  entity: CrudEntity;
  /** may create, edit, enable and disable */
  permission: Permission;
  /** the search box */
  search: { placeholder: string; width: number };
  /** more filters between the search box and 全部状态 */
  filters?: (list: ListState<R>) => ReactNode;
  /** shown after the filters */
  hint?: ReactNode;
  /** the columns before 状态 and 操作 */
  columns: ColumnsType<R>;
  /** of the 状态 and 操作 columns (90 and 140 unless said) */
  widths?: { status?: number; actions?: number };
  /** a row as form values: the edit form starts from it and 启用/停用 sends it */
  toValues: (row: R) => V;
  /** the values of a new record */
  newValues: Partial<V>;
  /** the shared zod schema the form is checked with (it may differ between create and update) */
  schema: z.ZodTypeAny | ((creating: boolean) => z.ZodTypeAny);
  /** fills defaults the form leaves empty before the check */
  prepare?: (values: V, creating: boolean) => unknown;
  /** the form fields before 启用; `row` is null when creating */
  fields: (row: R | null) => ReactNode;
  /** more row buttons between 编辑 and 启用/停用 (`reload` refreshes the list after their change) */
  rowActions?: (row: R, reload: () => void) => ReactNode;
  /** false: this row's 启用 state may not change (the employee himself) */
  canToggle?: (row: R) => boolean;
  /** more modals of the view */
  children?: ReactNode;
}

/**
 * The scaffold of the master-data pages (部门, 车型, 价格等级, 仓库, 员工): a searchable list with
 * 全部/启用/停用, 编辑 in a form modal checked by the shared schema, and 停用 after a confirmation.
 * Records are never deleted.
 */
export function CrudView<R extends CrudRow, V extends object>(props: Props<R, V>) {
  const { entity, permission, search, filters, hint, columns, widths = {} } = props;
  const { view, title, noun, path, testPrefix } = entity;
  const { toValues, newValues, schema, prepare, fields, rowActions, canToggle = () => true, children } = props;
  const { message } = App.useApp();
  const writable = useCan()(permission);
  const list = useList<R>(path);
  const [editing, setEditing] = useState<R | 'new' | null>(null);
  // One key per opened 新建 form: a retry after a lost answer creates the record once.
  const createKey = useRef(newIdempotencyKey());

  const save = async (values: V, form: FormInstance<V>) => {
    const creating = editing === 'new';
    const check = typeof schema === 'function' ? schema(creating) : schema;
    const data = parseForm(check, prepare ? prepare(values, creating) : values, form, message);
    if (!data) return false;
    try {
      if (editing === 'new') await api.post(path, data, idempotent(createKey.current));
      else if (editing) await api.put(`${path}/${editing.id}`, data);
      message.success('已保存');
      list.reload();
      return true;
    } catch (e) {
      reportSaveError(e, form, message);
      return false;
    }
  };

  const actions: ColumnsType<R> = writable
    ? [
        {
          title: '操作',
          key: 'actions',
          width: widths.actions ?? 140,
          render: (_: unknown, row: R) => (
            <Space size={0}>
              <Button type="link" size="small" onClick={() => setEditing(row)} data-testid={`${testPrefix}-edit-${row.id}`}>
                编辑
              </Button>
              {rowActions?.(row, list.reload)}
              {canToggle(row) && (
                <ToggleEnabled
                  enabled={row.enabled}
                  what={`${noun}“${row.name}”`}
                  onChange={(enabled) => api.put(`${path}/${row.id}`, { ...toValues(row), enabled }).then(list.reload)}
                />
              )}
            </Space>
          ),
        },
      ]
    : [];

  const row = editing && editing !== 'new' ? editing : null;
  return (
    <div data-testid={`view-${view}`}>
      <ViewHeader
        title={title}
        extra={
          writable && (
            <Button
              type="primary"
              onClick={() => {
                createKey.current = newIdempotencyKey();
                setEditing('new');
              }}
              data-testid={`${testPrefix}-new`}
            >
              {`新增${noun}`}
            </Button>
          )
        }
      />
      <FilterBar>
        <SearchFilter list={list} placeholder={search.placeholder} width={search.width} testId={`${testPrefix}-search`} />
        {filters?.(list)}
        <EnabledFilter value={list.query.enabled as boolean | undefined} onChange={(enabled) => list.setQuery({ enabled })} />
        {hint}
      </FilterBar>
      <ListTable<R>
        list={list}
        columns={[
          ...columns,
          { title: '状态', dataIndex: 'enabled', width: widths.status ?? 90, render: (v: boolean) => <StatusTag enabled={v} /> },
          ...actions,
        ]}
      />
      <FormModal<V>
        open={editing !== null}
        title={editing === 'new' ? `新增${noun}` : `编辑${noun}`}
        onSave={save}
        onClose={() => setEditing(null)}
        testId={`${testPrefix}-form`}
        initialValues={row ? toValues(row) : newValues}
      >
        {fields(row)}
        <Form.Item name="enabled" label="启用" valuePropName="checked">
          <Switch disabled={!!row && !canToggle(row)} />
        </Form.Item>
      </FormModal>
      {children}
    </div>
  );
}
