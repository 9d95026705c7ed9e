import { z } from '../zod-zh';
import type { Page } from './fields';

/**
 * The subscription-message templates the product sends (订阅消息). Each company picks matching
 * templates in its mini-program console and sets their ids (WECHAT_TPL_*); the keys below are
 * the keywords the server fills, so a chosen template must have exactly these keys.
 */
export const WECHAT_TEMPLATE_KINDS = ['dispatch', 'approval', 'result', 'sign'] as const;
export type WechatTemplateKind = (typeof WECHAT_TEMPLATE_KINDS)[number];

export interface WechatTemplateSpec {
  title: string;
  /** keyword key (type + number, as in WeChat's console) -> its label */
  keywords: Record<string, string>;
  /** when it is sent, for people */
  when: string;
}

export const WECHAT_TEMPLATES: Record<WechatTemplateKind, WechatTemplateSpec> = {
  dispatch: {
    title: '派工通知',
    keywords: { character_string1: '工单号', thing2: '客户', thing3: '问题', time4: '派工时间', phrase5: '状态' },
    when: '派工、改派（新技师“已派工”，原技师“已改派”）、返工',
  },
  approval: {
    title: '审批提醒',
    keywords: { thing1: '申请事项', name2: '申请人', character_string3: '单号', time4: '提交时间', thing5: '备注' },
    when: '领用单、调回单提交后发给每位审批库管；签收异议发给库管',
  },
  result: {
    title: '审批结果',
    keywords: { thing1: '申请事项', phrase2: '审批结果', name3: '审批人', time4: '审批时间', thing5: '说明' },
    when: '领用单、调回单批准或驳回后发给申请人',
  },
  sign: {
    title: '待签收',
    keywords: { character_string1: '领用单号', thing2: '配件名称', number3: '数量', date4: '出库日期', phrase5: '状态' },
    when: '领用单批准出库后发给领用人签收',
  },
};

/** The templates the phone asks for at each natural tap (at most 3 per request). */
export const SUBSCRIBE_MOMENTS = {
  /** the technician opens his order list, or finishes an order */
  orders: ['dispatch', 'result', 'sign'],
  /** the keeper opens his approval list */
  approvals: ['approval'],
  /** submitting a requisition or a return */
  submitDoc: ['result', 'sign'],
} as const satisfies Record<string, readonly WechatTemplateKind[]>;

/**
 * What happened to a message's WeChat copy. Every message is always in the in-app list too.
 * none: this kind has no WeChat template (in-app only); unbound: the employee has not bound WeChat.
 */
export const WECHAT_DELIVERIES = ['none', 'unbound', 'no_quota', 'pending', 'sent', 'failed'] as const;
export type WechatDelivery = (typeof WECHAT_DELIVERIES)[number];
export const WECHAT_DELIVERY_LABELS: Record<WechatDelivery, string> = {
  none: '仅站内',
  unbound: '未绑定微信（仅站内）',
  no_quota: '无订阅额度（仅站内）',
  pending: '等待发送',
  sent: '已发送',
  failed: '失败',
};

/** Kinds of in-app message. */
export const NOTIFICATION_KINDS = [
  'dispatch',
  'reassign',
  'approval',
  'result',
  'sign',
  'dispute',
  'held',
  'low_stock',
  'variance',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  dispatch: '派工',
  reassign: '改派',
  approval: '待审批',
  result: '审批结果',
  sign: '待签收',
  dispute: '签收异议',
  held: '配件久未使用',
  low_stock: '库存预警',
  variance: '调回差异待确认',
};

/** An in-app message (站内消息) and, for to-dos, whether it still needs action. */
export interface NotificationView {
  id: number;
  employeeId: number;
  kind: NotificationKind;
  title: string;
  body: string;
  /** the mini-program page it opens (with its query), '' for none */
  page: string;
  workOrderId: number | null;
  /** 'requisition' | 'return' | null */
  docType: string | null;
  docId: number | null;
  /** it asks the employee to do something (approve, sign, work an order) */
  todo: boolean;
  /** when the to-do stopped needing action (decided, signed, order finished, reassigned) */
  doneAt: string | null;
  /** e.g. 已由 张三 处理（已批准） */
  doneNote: string;
  readAt: string | null;
  createdAt: string;
  wechat: WechatDelivery;
  /** why the WeChat copy failed, for people */
  wechatError: string;
}

/** GET /notifications: a page of messages; unread counts only those still needing attention (the badge). */
export interface NotificationPage extends Page<NotificationView> {
  unread: number;
}

/** A message as the desk's 消息记录 lists it: with its recipient. */
export interface NotificationLogItem extends NotificationView {
  employeeName: string;
  /** WeChat attempts so far */
  attempts: number;
  sentAt: string | null;
}

/** One template's subscription state for the employee (我的 → 微信消息提醒). */
export interface SubscriptionState {
  kind: WechatTemplateKind;
  title: string;
  templateId: string;
  /** messages WeChat still lets us send him */
  quota: number;
  /** he chose 总是保持以上选择 with 拒绝: the phone no longer asks */
  alwaysReject: boolean;
}

export interface SubscriptionSummary {
  /** his WeChat is bound (messages can reach it) */
  bound: boolean;
  templates: SubscriptionState[];
}

/** What requestSubscribeMessage answered per template id. */
export const SUBSCRIBE_RESULTS = ['accept', 'reject', 'ban', 'filter'] as const;

/**
 * POST /wechat/subscriptions: the answer of one requestSubscribeMessage (template id -> result),
 * and the templates wx.getSetting reports as always rejected (itemSettings 'reject').
 */
export const subscribeResultInput = z
  .object({
    results: z.record(z.string().max(64), z.enum(SUBSCRIBE_RESULTS, { message: '订阅结果无效' })).default({}),
    alwaysRejected: z.array(z.string().max(64)).max(10).default([]),
  })
  .strict();
export type SubscribeResultInput = z.infer<typeof subscribeResultInput>;

/** POST /wechat/subscriptions/reset: he turned a template back on (我的 → 重新开启). */
export const subscriptionResetInput = z.object({ kinds: z.array(z.enum(WECHAT_TEMPLATE_KINDS)).min(1).max(4) }).strict();
export type SubscriptionResetInput = z.infer<typeof subscriptionResetInput>;

/** A message the stand-in delivered, as the desk's 微信收件箱（演示） shows it. */
export interface StandinInboxItem {
  employeeId: number | null;
  employeeName: string;
  templateId: string;
  title: string;
  /** label -> value, in the template's keyword order */
  fields: { key: string; label: string; value: string }[];
  page: string;
  at: string;
}
