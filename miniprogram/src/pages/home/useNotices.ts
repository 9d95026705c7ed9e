import { useCallback, useEffect, useRef, useState } from 'react';
import type { NotificationView } from '@hongyuan/shared';
import { messagesApi } from '../../api/messages';

/** Kinds of message about a work order: 派给你 (dispatch) and 改派他人 (reassign). */
const WORK_KINDS = ['dispatch', 'reassign'];

export interface Notices {
  /** his unread messages that still need attention: the 消息 badge */
  unread: number;
  /** unread work-order messages, newest first (改派 notes on 工单) */
  work: NotificationView[];
  /** ids of orders with an unread 派工 message (the 新 mark on their cards) */
  newOrderIds: Set<number>;
  reload: () => void;
  /** mark some read (知道了), then reload */
  markRead: (ids: number[]) => Promise<void>;
}

/**
 * His unread messages: the 消息 badge for everyone, and for a technician the 新 marks on his
 * orders. Loaded by the home page so the badge shows on every tab; reloaded whenever the page
 * shows again (an order opened, a message read).
 */
export function useNotices(enabled: boolean, refreshKey: number): Notices {
  const [unread, setUnread] = useState(0);
  const [work, setWork] = useState<NotificationView[]>([]);
  const generation = useRef(0);

  const reload = useCallback(() => {
    const gen = ++generation.current;
    messagesApi
      .unread()
      .then((page) => {
        if (gen !== generation.current) return;
        setUnread(page.unread);
        setWork(page.items.filter((n) => WORK_KINDS.includes(n.kind) && !n.readAt));
      })
      .catch(() => {
        /* only a badge and marks: the lists show their own errors */
      });
  }, []);

  useEffect(() => {
    if (enabled) reload();
    else {
      generation.current += 1;
      setUnread(0);
      setWork([]);
    }
  }, [enabled, refreshKey, reload]);

  const markRead = useCallback(
    async (ids: number[]) => {
      await Promise.all(ids.map((id) => messagesApi.read(id).catch(() => null)));
      reload();
    },
    [reload],
  );

  const newOrderIds = new Set(work.filter((n) => n.kind === 'dispatch' && n.workOrderId).map((n) => n.workOrderId as number));
  return { unread: enabled ? unread : 0, work: enabled ? work : [], newOrderIds, reload, markRead };
}
