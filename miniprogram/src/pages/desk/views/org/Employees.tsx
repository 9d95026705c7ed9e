import { useState } from 'react';
import { App, Button, Form, Input, Select, Tag, type FormInstance } from 'antd';
import {
  ROLES,
  ROLE_LABELS,
  employeeCreateInput,
  employeeUpdateInput,
  resetPasswordInput,
  type DepartmentView,
  type EmployeeCreateInput,
  type EmployeeView,
  type EmployeeWithWechat,
  type Role,
} from '@hongyuan/shared';
import { api } from '../../../../api/request';
import { useCan, useMe, useOptions } from '../../lib/hooks';
import { parseForm, reportSaveError, zodRule } from '../../lib/form';
import { FormModal } from '../../components/FormModal';
import { CrudView } from '../../components/CrudView';
import { WechatActions, WechatStatus } from './EmployeeWechat';

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

function toUpdate(e: EmployeeView): EmployeeForm {
  return { name: e.name, phone: e.phone, departmentId: e.departmentId, roles: e.roles, enabled: e.enabled } as EmployeeForm;
}

/** 员工管理: accounts, departments and roles; 重置密码; 微信绑定 (生成绑定码, 解除绑定); nobody disables himself. */
export default function Employees() {
  const { message } = App.useApp();
  const allowed = useCan();
  const me = useMe();
  const writable = allowed('employee.manage');
  const departments = useOptions<DepartmentView>(writable || allowed('department.manage') ? '/api/departments' : null);
  const departmentOptions = departments.items.map((d) => ({
    value: d.id,
    label: d.enabled ? d.name : `${d.name}（停用）`,
    disabled: !d.enabled,
  }));
  const [resetting, setResetting] = useState<EmployeeView | null>(null);

  const resetPassword = async (values: { password: string }, pwForm: FormInstance<{ password: string }>) => {
    const data = parseForm(resetPasswordInput, values, pwForm, message);
    if (!data || !resetting) return false;
    try {
      await api.post(`/api/employees/${resetting.id}/password`, data);
      message.success(`已重置 ${resetting.name} 的初始密码`);
      return true;
    } catch (e) {
      reportSaveError(e, pwForm, message);
      return false;
    }
  };

  return (
    <CrudView<EmployeeWithWechat, EmployeeForm>
      entity={{ view: 'employees', title: '员工管理', noun: '员工', path: '/api/employees', testPrefix: 'employee' }}
      permission="employee.manage"
      search={{ placeholder: '姓名 / 手机号', width: 260 }}
      filters={(list) => (
        <>
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
        </>
      )}
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
        {
          title: '微信',
          dataIndex: 'wechatBound',
          width: 90,
          render: (_: boolean, e: EmployeeWithWechat) => <WechatStatus employee={e} />,
        },
      ]}
      widths={{ actions: 380 }}
      toValues={toUpdate}
      newValues={{ enabled: true, roles: [] }}
      schema={(creating) => (creating ? employeeCreateInput : employeeUpdateInput)}
      prepare={(v, creating) => ({
        ...v,
        departmentId: v.departmentId ?? null,
        phone: (v.phone ?? '').trim(),
        ...(creating ? {} : { password: undefined }),
      })}
      rowActions={(e, reload) => (
        <>
          <Button type="link" size="small" onClick={() => setResetting(e)} data-testid={`employee-reset-${e.id}`}>
            重置密码
          </Button>
          <WechatActions employee={e} reload={reload} />
        </>
      )}
      canToggle={(e) => e.id !== me.id}
      fields={(editing) => (
        <>
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
          {!editing && (
            <Form.Item
              name="password"
              label="初始密码"
              required
              rules={[zodRule(shape.password)]}
              extra="至少 8 位，需同时包含字母和数字；员工首次登录后须改成自己的密码"
            >
              <Input.Password autoComplete="new-password" maxLength={64} data-testid="employee-password" />
            </Form.Item>
          )}
        </>
      )}
    >
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
          label="初始密码"
          required
          rules={[zodRule(resetPasswordInput.shape.password)]}
          extra="至少 8 位，需同时包含字母和数字；该员工用它登录后须先改成自己的密码"
        >
          <Input.Password autoComplete="new-password" maxLength={64} data-testid="employee-new-password" />
        </Form.Item>
      </FormModal>
    </CrudView>
  );
}
