/**
 * 站内消息 and WeChat subscription messages (订阅消息), as the mobile pages call them. The answers
 * are typed in shared (schemas/notifications.ts), as the server builds them.
 */
import type {
  NotificationPage,
  SubscribeResultInput,
  SubscriptionResetInput,
  SubscriptionSummary,
  WechatTemplateKind,
} from '@hongyuan/shared';
import { api, type Query } from './request';

export const MESSAGES_PATH = '/notifications';

export const messagesApi = {
  /** his messages, newest first; `unread` in the answer is the badge (unread and still needing action) */
  list: (q: Query = {}) => api.get<NotificationPage>(MESSAGES_PATH, q),
  /** his unread messages (the 新 marks on orders) with the badge count */
  unread: () => api.get<NotificationPage>(MESSAGES_PATH, { unread: 1, pageSize: 100 }),
  read: (id: number) => api.post<null>(`${MESSAGES_PATH}/${id}/read`),
  /** 全部已读 */
  readAll: () => api.post<{ updated: number }>(`${MESSAGES_PATH}/read-all`),
};

export const subscriptionsApi = {
  /** whether his WeChat is bound, and per template what WeChat still lets us send him */
  get: () => api.get<SubscriptionSummary>('/wechat/subscriptions'),
  /** what requestSubscribeMessage answered, and the templates WeChat's settings say he always rejects */
  save: (body: SubscribeResultInput) => api.post<SubscriptionSummary>('/wechat/subscriptions', body),
  /** 重新开启: he wants to be asked again for these */
  reset: (kinds: WechatTemplateKind[]) =>
    api.post<SubscriptionSummary>('/wechat/subscriptions/reset', { kinds } satisfies SubscriptionResetInput),
};
