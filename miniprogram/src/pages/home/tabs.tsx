import type { ReactNode } from 'react'
import { Category, Order, Repairman, ShieldCheck, Store, User, List2 } from '@nutui/icons-react-taro'
import type { MobileTab } from '@hongyuan/shared'

export const TAB_ICONS: Record<MobileTab, (active: boolean) => ReactNode> = {
  orders: () => <Order size={20} />,
  parts: () => <Category size={20} />,
  approvals: () => <ShieldCheck size={20} />,
  stock: () => <Store size={20} />,
  dispatch: () => <Repairman size={20} />,
  stats: () => <List2 size={20} />,
  me: () => <User size={20} />,
}

/** What the tabs whose lists come with later work show until then: the real, empty list. */
export const EMPTY_TABS: Partial<Record<MobileTab, { title: string; description: string }>> = {
  orders: { title: '暂无待办工单', description: '主管派给你的工单会显示在这里' },
  dispatch: { title: '暂无待派工的工单', description: '客服登记的新工单会显示在这里' },
  stats: { title: '暂无统计数据', description: '工单完工后，这里会汇总本月的工单与产值' },
}
