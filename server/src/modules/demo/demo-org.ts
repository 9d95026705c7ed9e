import type { Role } from '@hongyuan/shared';

/**
 * Every demo login uses this password (printed by npm start, listed in README.md). Published, so
 * the accounts must replace it at first login unless the server runs in demo mode (DEMO_MODE=1).
 */
export const DEMO_PASSWORD = 'hy123456';

export const DEMO_DEPARTMENTS = ['综合办公室', '客服部', '售后服务部', '仓储部'];

export const DEMO_EMPLOYEES: { name: string; phone: string; department: string; roles: Role[] }[] = [
  { name: '周宏沅', phone: '13800000001', department: '综合办公室', roles: ['admin'] },
  { name: '林晓燕', phone: '13800000002', department: '客服部', roles: ['service'] },
  { name: '叶建国', phone: '13800000003', department: '售后服务部', roles: ['supervisor'] },
  { name: '王建学', phone: '13800000004', department: '售后服务部', roles: ['technician'] },
  { name: '陈美华', phone: '13800000005', department: '仓储部', roles: ['keeper'] },
  { name: '吴丽娟', phone: '13800000006', department: '客服部', roles: ['followup'] },
  { name: '刘志强', phone: '13800000007', department: '售后服务部', roles: ['technician'] },
  { name: '张伟', phone: '13800000008', department: '售后服务部', roles: ['technician'] },
  { name: '季红', phone: '13800000009', department: '仓储部', roles: ['keeper'] },
];

export const DEMO_WAREHOUSES = [
  { name: '总仓', address: '浙江省丽水市庆元县松源街道濛洲街 88 号', keepers: ['陈美华', '季红'] },
  { name: '城东服务站仓', address: '浙江省丽水市庆元县屏都街道庆元大道 326 号', keepers: ['季红'] },
];
