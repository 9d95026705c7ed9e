/**
 * WeChat subscription messages (订阅消息) on the mini-program. WeChat sends a person one message of
 * a template for each time he accepted it in a requestSubscribeMessage dialog (his quota there),
 * so the phone asks at natural taps (SUBSCRIBE_MOMENTS) and tells the server what he answered.
 *
 * WeChat only shows the dialog when it is asked synchronously inside a tap handler (not after an
 * await), so the template ids are loaded once after login and kept here (memory and storage):
 * askSubscribe() reads them without waiting. Only the weapp build asks; H5 only shows the state.
 * Nothing here ever throws into the tap it is called from: the tap's own action always goes on.
 */
import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { SUBSCRIBE_MOMENTS, SUBSCRIBE_RESULTS, type SubscriptionSummary, type WechatTemplateKind } from '@hongyuan/shared';
import { subscriptionsApi } from '../api/messages';
import { CLIENT, errorMessage, getEmployee } from '../api/request';

export type SubscribeMoment = keyof typeof SUBSCRIBE_MOMENTS;
type SubscribeResult = (typeof SUBSCRIBE_RESULTS)[number];

/** Whether this build can ask WeChat for subscriptions (the mini-program; H5 cannot). */
export const SUBSCRIBE_ASKS = CLIENT === 'weapp';

const STORAGE_KEY = 'hy.subscriptions';

interface Cached {
  employeeId: number;
  summary: SubscriptionSummary;
}

let memory: Cached | null = null;
/** the employee whose summary was loaded from the server in this run of the app */
let loadedFor: number | null = null;
let loading: { employeeId: number; promise: Promise<SubscriptionSummary | null> } | null = null;
const listeners = new Set<(summary: SubscriptionSummary | null) => void>();

function me(): number | null {
  return getEmployee()?.id ?? null;
}

/** The summary kept for the logged-in person (memory, else what an earlier run stored), or null. */
export function cachedSubscriptions(): SubscriptionSummary | null {
  const id = me();
  if (id === null) return null;
  if (memory?.employeeId === id) return memory.summary;
  try {
    const stored = Taro.getStorageSync(STORAGE_KEY) as Cached | '';
    if (stored && stored.employeeId === id && stored.summary) {
      memory = stored;
      return stored.summary;
    }
  } catch {
    /* storage unavailable */
  }
  return null;
}

function keep(summary: SubscriptionSummary): SubscriptionSummary {
  const id = me();
  if (id === null) return summary;
  memory = { employeeId: id, summary };
  try {
    Taro.setStorageSync(STORAGE_KEY, memory);
  } catch {
    /* storage full: the memory copy lasts for this run */
  }
  listeners.forEach((l) => l(summary));
  return summary;
}

/** Forgets the kept summary (logout: the next person's is loaded afresh). */
export function forgetSubscriptions(): void {
  memory = null;
  loadedFor = null;
  loading = null;
  try {
    Taro.removeStorageSync(STORAGE_KEY);
  } catch {
    /* storage unavailable */
  }
}

/**
 * GET /wechat/subscriptions for the logged-in person: once per run after login (the home page
 * calls it), or again with `fresh` (我的 shows the current quotas). Resolves null on failure.
 */
export function loadSubscriptions(fresh = false): Promise<SubscriptionSummary | null> {
  const id = me();
  if (id === null) return Promise.resolve(null);
  if (loading?.employeeId === id) return loading.promise;
  if (!fresh && loadedFor === id && cachedSubscriptions()) return Promise.resolve(cachedSubscriptions());
  const promise = subscriptionsApi
    .get()
    .then((summary) => {
      if (me() !== id) return null;
      loadedFor = id;
      return keep(summary);
    })
    .catch(() => null)
    .finally(() => {
      if (loading?.promise === promise) loading = null;
    });
  loading = { employeeId: id, promise };
  return promise;
}

/** The template ids WeChat's settings say he always rejects (总是保持以上选择 + 拒绝). */
async function alwaysRejected(known: string[]): Promise<string[]> {
  try {
    const setting = await Taro.getSetting({ withSubscriptions: true });
    const items = setting.subscriptionsSetting?.itemSettings ?? {};
    return known.filter((id) => items[id] === 'reject');
  } catch {
    return [];
  }
}

/** Tells the server what WeChat answered and what its settings say; keeps the new summary. */
async function report(summary: SubscriptionSummary, answer: Record<string, unknown>): Promise<void> {
  const known = summary.templates.map((t) => t.templateId).filter(Boolean);
  const results: Record<string, SubscribeResult> = {};
  for (const id of known) {
    const v = answer[id];
    if (typeof v === 'string' && (SUBSCRIBE_RESULTS as readonly string[]).includes(v)) results[id] = v as SubscribeResult;
  }
  const rejected = await alwaysRejected(known);
  if (!Object.keys(results).length && !rejected.length) return;
  try {
    keep(await subscriptionsApi.save({ results, alwaysRejected: rejected }));
  } catch {
    /* the next ask reports again; messages still show in the app */
  }
}

/**
 * Asks WeChat to let us send him the templates of `moment` (those he has not always rejected).
 * Call it synchronously in a tap handler, before any await. Resolves once WeChat answered (the
 * answer then goes to the server in the background); resolves at once when nothing is asked.
 * Never rejects.
 */
export function askSubscribe(moment: SubscribeMoment): Promise<void> {
  if (!SUBSCRIBE_ASKS) return Promise.resolve();
  try {
    const summary = cachedSubscriptions();
    if (!summary) {
      void loadSubscriptions();
      return Promise.resolve();
    }
    if (!summary.bound) return Promise.resolve();
    const kinds: readonly WechatTemplateKind[] = SUBSCRIBE_MOMENTS[moment];
    const tmplIds = summary.templates
      .filter((t) => kinds.includes(t.kind) && t.templateId && !t.alwaysReject)
      .map((t) => t.templateId)
      .slice(0, 3);
    if (!tmplIds.length) return Promise.resolve();
    // Here, before anything is awaited: WeChat refuses the dialog outside a tap.
    const asked = Taro.requestSubscribeMessage({ tmplIds } as Taro.requestSubscribeMessage.Option);
    return Promise.resolve(asked).then(
      (answer) => {
        void report(summary, answer as unknown as Record<string, unknown>);
      },
      () => {
        // Refused as a whole (e.g. his main switch is off): WeChat's settings still tell what he rejects.
        void report(summary, {});
      },
    );
  } catch {
    return Promise.resolve();
  }
}

/**
 * 重新开启: the server asks for these templates again, and on the phone WeChat's settings open
 * (he switches the template back on there; the phone cannot). Call it in a tap handler: WeChat
 * opens its settings only from a tap. Resolves with the new summary; rejects when the server
 * refused the reset.
 */
export async function reopenSubscriptions(kinds: WechatTemplateKind[]): Promise<SubscriptionSummary> {
  const reset = subscriptionsApi.reset(kinds);
  // In the same tap as the reset request goes out (openSetting also needs the tap).
  const opened = SUBSCRIBE_ASKS ? Promise.resolve(Taro.openSetting({ withSubscriptions: true })).catch(() => null) : null;
  const summary = keep(await reset);
  if (!opened) return summary;
  await opened;
  // Back from WeChat's settings: what he left rejected there is rejected again.
  const rejected = await alwaysRejected(summary.templates.map((t) => t.templateId).filter(Boolean));
  if (!rejected.length) return summary;
  try {
    return keep(await subscriptionsApi.save({ results: {}, alwaysRejected: rejected }));
  } catch {
    return summary;
  }
}

export interface Subscriptions {
  summary: SubscriptionSummary | null;
  loading: boolean;
  /** Chinese message of a failed load, or '' */
  error: string;
  reload: () => void;
}

/** The logged-in person's subscription state, loaded afresh when shown and kept up to date after each ask. */
export function useSubscriptions(): Subscriptions {
  const [summary, setSummary] = useState<SubscriptionSummary | null>(() => cachedSubscriptions());
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState('');

  const reload = useCallback(() => {
    setLoading(true);
    setError('');
    subscriptionsApi
      .get()
      .then((fresh) => {
        loadedFor = me();
        keep(fresh);
      })
      .catch((e) => setError(errorMessage(e, '微信消息提醒加载失败，请稍后重试')))
      .finally(() => setLoading(false));
  }, []);

  useEffect(() => {
    const listener = (s: SubscriptionSummary | null) => setSummary(s);
    listeners.add(listener);
    reload();
    return () => {
      listeners.delete(listener);
    };
  }, [reload]);

  return { summary, loading, error, reload };
}
