import { Form, Input } from 'antd';
import { departmentInput, type DepartmentInput, type DepartmentView } from '@hongyuan/shared';
import { zodRule } from '../../lib/form';
import { CrudView } from '../../components/CrudView';

const shape = departmentInput.shape;

/** 部门管理: departments with their head count. */
export default function Departments() {
  return (
    <CrudView<DepartmentView, DepartmentInput>
      entity={{ view: 'departments', title: '部门管理', noun: '部门', path: '/api/departments', testPrefix: 'department' }}
      permission="department.manage"
      search={{ placeholder: '部门名称', width: 260 }}
      columns={[
        { title: '部门名称', dataIndex: 'name' },
        { title: '员工人数', dataIndex: 'employeeCount', width: 120, align: 'right' },
      ]}
      widths={{ status: 100, actions: 160 }}
      toValues={(d) => ({ name: d.name, enabled: d.enabled })}
      newValues={{ enabled: true }}
      schema={departmentInput}
      fields={() => (
        <Form.Item name="name" label="部门名称" required rules={[zodRule(shape.name)]}>
          <Input maxLength={50} placeholder="例如 售后服务部" data-testid="department-name" />
        </Form.Item>
      )}
    />
  );
}
