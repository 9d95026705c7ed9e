import type { Me, PartView } from '@hongyuan/shared';

const person = (id: number, name: string, roles: Me['roles'], departmentName: string | null = '售后服务部'): Me => ({
  id,
  name,
  phone: `1380000000${id}`,
  departmentId: departmentName ? 1 : null,
  departmentName,
  roles,
});

export const PEOPLE = {
  admin: person(1, '王管理', ['admin']),
  service: person(2, '陈客服', ['service']),
  supervisor: person(3, '周主管', ['supervisor']),
  technician: person(4, '李技师', ['technician'], '维修车间'),
  keeper: person(5, '吴库管', ['keeper'], '配件仓库'),
  followup: person(6, '郑回访', ['followup']),
  /** holds two mobile roles: technician first */
  techKeeper: person(7, '赵师傅', ['technician', 'keeper'], null),
};

export function part(id: number, overrides: Partial<PartView> = {}): PartView {
  return {
    id,
    code: `JL-${String(id).padStart(4, '0')}`,
    name: `机油滤清器 ${id}`,
    pinyin: 'jylqq',
    aliases: '',
    model: 'W712/75',
    spec: '3/4-16UNF',
    unit: '个',
    category: '滤清器',
    salePrice: 3550 + id,
    taxRate: 13,
    minStock: 5,
    enabled: true,
    vehicleModels: [],
    prices: [],
    ...overrides,
  };
}
