import { useState } from 'react';
import { App, Button, Form, Input, Select, Space, Switch, Table, Tag, type FormInstance } from 'antd';
import {
  ROLES,
  ROLE_LABELS,
  employeeCreateInput,
  employeeUpdateInput,
  resetPasswordInput,
  type DepartmentView,
  type EmployeeCreateInput,
  type EmployeeView,
  type Role,
} from '@hongyuan/shared';
import { api } from '../../../api/request';
import { useCan, useList, useMe, useOptions } from '../lib/hooks';
import { parseForm, reportSaveError, zodRule } from '../lib/form';
import { tablePagination } from '../components/pagination';
import { StatusTag } from '../components/StatusTag';
import { ToggleEnabled } from '../components/ToggleEnabled';
import { EnabledFilter } from '../components/EnabledFilter';
import { FilterBar, ViewHeader } from '../components/ViewHeader';
import { FormModal } from '../components/FormModal';

const shape = employeeCreateInput.shape;
const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
const ROLE_COLORS: Record<Role, string> = {
  admin: 'red',
  service: 'blue',
  supervisor: 'purple',
  technician: 'green',
  keeper: 'orange',
  followup: 'cyan',
};

type EmployeeForm = EmployeeCreateInput;

function toUpdate(e: EmployeeView) {
  return { name: e.name, phone: e.phone, departmentId: e.departmentId, roles: e.roles, enabled: e.enabled };
}

export default function Employees() {
  const { message } = App.useApp();
  const allowed = useCan();
  const me = useMe();
  const writable = allowed('employee.manage');
  const list = useList<EmployeeView>('/api/employees');
  const departments = useOptions<DepartmentView>(writable || allowed('department.manage') ? '/api/departments' : null);
  const departmentOptions = departments.items.map((d) => ({
    value: d.id,
    label: d.enabled ? d.name : `${d.name}（停用）`,
    disabled: !d.enabled,
  }));
  const [editing, setEditing] = useState<EmployeeView | 'new' | null>(null);
  const [resetting, setResetting] = useState<EmployeeView | null>(null);

  const save = async (values: EmployeeForm, form: FormInstance<EmployeeForm>) => {
    const payload = { ...values, departmentId: values.departmentId ?? null, phone: (values.phone ?? '').trim() };
    const data =
      editing === 'new'
        ? parseForm(employeeCreateInput, payload, form, message)
        : parseForm(employeeUpdateInput, { ...payload, password: undefined }, form, message);
    if (!data) return false;
    try {
      if (editing === 'new') await api.post('/api/employees', data);
      else if (editing) await api.put(`/api/employees/${editing.id}`, data);
      message.success('已保存');
      list.reload();
      return true;
    } catch (e) {
      reportSaveError(e, form, message);
      return false;
    }
  };

  const resetPassword = async (values: { password: string }, pwForm: FormInstance<{ password: string }>) => {
    const data = parseForm(resetPasswordInput, values, pwForm, message);
    if (!data || !resetting) return false;
    try {
      await api.post(`/api/employees/${resetting.id}/password`, data);
      message.success(`已重置 ${resetting.name} 的密码`);
      return true;
    } catch (e) {
      reportSaveError(e, pwForm, message);
      return false;
    }
  };

  return (
    <div data-testid="view-employees">
      <ViewHeader
        title="员工管理"
        extra={
          writable && (
            <Button type="primary" onClick={() => setEditing('new')} data-testid="employee-new">
              新增员工
            </Button>
          )
        }
      />
      <FilterBar>
        <Input.Search
          allowClear
          placeholder="姓名 / 手机号"
          style={{ width: 260 }}
          onSearch={(keyword) => list.setQuery({ keyword })}
          data-testid="employee-search"
        />
        <Select
          allowClear
          placeholder="全部角色"
          style={{ width: 140 }}
          options={ROLE_OPTIONS}
          optionFilterProp="label"
          value={(list.query.role as string | undefined) ?? undefined}
          onChange={(role) => list.setQuery({ role })}
        />
        {departmentOptions.length > 0 && (
          <Select
            allowClear
            placeholder="全部部门"
            style={{ width: 160 }}
            options={departmentOptions.map((o) => ({ ...o, disabled: false }))}
            value={(list.query.departmentId as number | undefined) ?? undefined}
            onChange={(departmentId) => list.setQuery({ departmentId })}
          />
        )}
        <EnabledFilter value={list.query.enabled as boolean | undefined} onChange={(enabled) => list.setQuery({ enabled })} />
      </FilterBar>
      <Table<EmployeeView>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data.items}
        pagination={tablePagination(list)}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 140 },
          { title: '手机号', dataIndex: 'phone', width: 140 },
          { title: '部门', dataIndex: 'departmentName', width: 160, render: (v: string | null) => v || '—' },
          {
            title: '角色',
            dataIndex: 'roles',
            render: (roles: Role[]) =>
              roles.map((r) => (
                <Tag key={r} color={ROLE_COLORS[r]}>
                  {ROLE_LABELS[r]}
                </Tag>
              )),
          },
          { title: '状态', dataIndex: 'enabled', width: 90, render: (v: boolean) => <StatusTag enabled={v} /> },
          ...(writable
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  width: 220,
                  render: (_: unknown, e: EmployeeView) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => setEditing(e)} data-testid={`employee-edit-${e.id}`}>
                        编辑
                      </Button>
                      <Button type="link" size="small" onClick={() => setResetting(e)} data-testid={`employee-reset-${e.id}`}>
                        重置密码
                      </Button>
                      {e.id !== me.id && (
                        <ToggleEnabled
                          enabled={e.enabled}
                          what={`员工“${e.name}”`}
                          onChange={(enabled) => api.put(`/api/employees/${e.id}`, { ...toUpdate(e), enabled }).then(list.reload)}
                        />
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <FormModal<EmployeeForm>
        open={editing !== null}
        title={editing === 'new' ? '新增员工' : '编辑员工'}
        onSave={save}
        onClose={() => setEditing(null)}
        testId="employee-form"
        initialValues={editing && editing !== 'new' ? toUpdate(editing) : { enabled: true, roles: [] }}
      >
        <Form.Item name="name" label="姓名" required rules={[zodRule(shape.name)]}>
          <Input maxLength={30} data-testid="employee-name" />
        </Form.Item>
        <Form.Item name="phone" label="手机号（登录账号）" required rules={[zodRule(shape.phone)]}>
          <Input maxLength={11} placeholder="11 位手机号" data-testid="employee-phone" />
        </Form.Item>
        <Form.Item name="departmentId" label="部门">
          <Select
            allowClear
            placeholder="选择部门"
            options={departmentOptions}
            loading={departments.loading}
            data-testid="employee-department"
          />
        </Form.Item>
        <Form.Item
          name="roles"
          label="角色"
          required
          rules={[zodRule(shape.roles)]}
          extra="一个员工可有多个角色；技师、库管、服务主管在手机上使用，客服、回访、管理员在电脑工作台使用。"
        >
          <Select mode="multiple" placeholder="选择角色" options={ROLE_OPTIONS} optionFilterProp="label" data-testid="employee-roles" />
        </Form.Item>
        {editing === 'new' && (
          <Form.Item name="password" label="初始密码" required rules={[zodRule(shape.password)]} extra="至少 8 位，需同时包含字母和数字">
            <Input.Password autoComplete="new-password" maxLength={64} data-testid="employee-password" />
          </Form.Item>
        )}
        <Form.Item name="enabled" label="启用" valuePropName="checked">
          <Switch disabled={editing !== 'new' && editing?.id === me.id} />
        </Form.Item>
      </FormModal>
      <FormModal<{ password: string }>
        open={resetting !== null}
        title={`重置密码：${resetting?.name ?? ''}`}
        onSave={resetPassword}
        onClose={() => setResetting(null)}
        testId="employee-password-form"
        width={420}
      >
        <Form.Item
          name="password"
          label="新密码"
          required
          rules={[zodRule(resetPasswordInput.shape.password)]}
          extra="至少 8 位，需同时包含字母和数字；重置后该员工需用新密码登录"
        >
          <Input.Password autoComplete="new-password" maxLength={64} data-testid="employee-new-password" />
        </Form.Item>
      </FormModal>
    </div>
  );
}
