import { useState } from 'react';
import { App, Button, Form, Input, Space, Switch, Table, type FormInstance } from 'antd';
import { departmentInput, type DepartmentInput, type DepartmentView } from '@hongyuan/shared';
import { api } from '../../../api/request';
import { useCan, useList } from '../lib/hooks';
import { parseForm, reportSaveError, zodRule } from '../lib/form';
import { tablePagination } from '../components/pagination';
import { StatusTag } from '../components/StatusTag';
import { ToggleEnabled } from '../components/ToggleEnabled';
import { EnabledFilter } from '../components/EnabledFilter';
import { FilterBar, ViewHeader } from '../components/ViewHeader';
import { FormModal } from '../components/FormModal';

const shape = departmentInput.shape;

export default function Departments() {
  const { message } = App.useApp();
  const allowed = useCan();
  const list = useList<DepartmentView>('/api/departments');
  const [editing, setEditing] = useState<DepartmentView | 'new' | null>(null);
  const writable = allowed('department.manage');

  const save = async (values: DepartmentInput, form: FormInstance<DepartmentInput>) => {
    const data = parseForm(departmentInput, values, form, message);
    if (!data) return false;
    try {
      if (editing === 'new') await api.post('/api/departments', data);
      else if (editing) await api.put(`/api/departments/${editing.id}`, data);
      message.success('已保存');
      list.reload();
      return true;
    } catch (e) {
      reportSaveError(e, form, message);
      return false;
    }
  };

  return (
    <div data-testid="view-departments">
      <ViewHeader
        title="部门管理"
        extra={
          writable && (
            <Button type="primary" onClick={() => setEditing('new')} data-testid="department-new">
              新增部门
            </Button>
          )
        }
      />
      <FilterBar>
        <Input.Search
          allowClear
          placeholder="部门名称"
          style={{ width: 260 }}
          onSearch={(keyword) => list.setQuery({ keyword })}
          data-testid="department-search"
        />
        <EnabledFilter value={list.query.enabled as boolean | undefined} onChange={(enabled) => list.setQuery({ enabled })} />
      </FilterBar>
      <Table<DepartmentView>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data.items}
        pagination={tablePagination(list)}
        columns={[
          { title: '部门名称', dataIndex: 'name' },
          { title: '员工人数', dataIndex: 'employeeCount', width: 120, align: 'right' },
          { title: '状态', dataIndex: 'enabled', width: 100, render: (v: boolean) => <StatusTag enabled={v} /> },
          ...(writable
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  width: 160,
                  render: (_: unknown, d: DepartmentView) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => setEditing(d)} data-testid={`department-edit-${d.id}`}>
                        编辑
                      </Button>
                      <ToggleEnabled
                        enabled={d.enabled}
                        what={`部门“${d.name}”`}
                        onChange={(enabled) => api.put(`/api/departments/${d.id}`, { name: d.name, enabled }).then(list.reload)}
                      />
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <FormModal<DepartmentInput>
        open={editing !== null}
        title={editing === 'new' ? '新增部门' : '编辑部门'}
        onSave={save}
        onClose={() => setEditing(null)}
        testId="department-form"
        initialValues={editing && editing !== 'new' ? { name: editing.name, enabled: editing.enabled } : { enabled: true }}
      >
        <Form.Item name="name" label="部门名称" required rules={[zodRule(shape.name)]}>
          <Input maxLength={50} placeholder="例如 售后服务部" data-testid="department-name" />
        </Form.Item>
        <Form.Item name="enabled" label="启用" valuePropName="checked">
          <Switch />
        </Form.Item>
      </FormModal>
    </div>
  );
}
