import type { ReactNode } from 'react';
import { Category, List2, Message, Order, Repairman, ShieldCheck, Store, User } from '@nutui/icons-react-taro';
import type { MobileTab } from '@hongyuan/shared';

export const TAB_ICONS: Record<MobileTab, (active: boolean) => ReactNode> = {
  orders: () => <Order size={20} />,
  parts: () => <Category size={20} />,
  approvals: () => <ShieldCheck size={20} />,
  stock: () => <Store size={20} />,
  dispatch: () => <Repairman size={20} />,
  stats: () => <List2 size={20} />,
  messages: () => <Message size={20} />,
  me: () => <User size={20} />,
};
