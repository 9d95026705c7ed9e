import { useCallback, useEffect, useRef, useState } from 'react';
import { workApi } from '../../api/work';
import type { NotificationView } from '@hongyuan/shared';

/** Kinds of notification about a work order: 派给你 (dispatch) and 改派他人 (reassign). */
const WORK_KINDS = ['dispatch', 'reassign'];

export interface WorkNotices {
  /** unread work-order notifications, newest first */
  items: NotificationView[];
  /** ids of orders with an unread 派工 notification (the 新 mark on their cards) */
  newOrderIds: Set<number>;
  reload: () => void;
  /** mark some read (知道了), then reload */
  markRead: (ids: number[]) => Promise<void>;
}

/**
 * The technician's unread dispatch notifications: the 工单 badge and the 新 marks. Loaded by the
 * home page so the badge shows on every tab; reloaded whenever the page shows again (an order
 * opened marks its notification read).
 */
export function useWorkNotices(enabled: boolean, refreshKey: number): WorkNotices {
  const [items, setItems] = useState<NotificationView[]>([]);
  const generation = useRef(0);

  const reload = useCallback(() => {
    const gen = ++generation.current;
    workApi
      .unreadNotifications()
      .then((page) => {
        if (gen === generation.current) setItems(page.items.filter((n) => WORK_KINDS.includes(n.kind) && !n.readAt));
      })
      .catch(() => {
        /* only a badge and marks: the lists show their own errors */
      });
  }, []);

  useEffect(() => {
    if (enabled) reload();
    else {
      generation.current += 1;
      setItems([]);
    }
  }, [enabled, refreshKey, reload]);

  const markRead = useCallback(
    async (ids: number[]) => {
      await Promise.all(ids.map((id) => workApi.readNotification(id).catch(() => null)));
      reload();
    },
    [reload],
  );

  const newOrderIds = new Set(items.filter((n) => n.kind === 'dispatch' && n.workOrderId).map((n) => n.workOrderId as number));
  return { items: enabled ? items : [], newOrderIds, reload, markRead };
}
