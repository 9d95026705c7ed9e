import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Tag } from '@nutui/nutui-react-taro';
import { Message } from '@nutui/icons-react-taro';
import { formatDateTime, NOTIFICATION_KIND_LABELS, type NotificationView } from '@hongyuan/shared';
import { MESSAGES_PATH, messagesApi } from '../../api/messages';
import { errorMessage } from '../../api/request';
import { usePagedList, useTabList } from '../../api/usePagedList';
import EmptyState from '../../components/EmptyState';
import { ListStatus, LoadMore } from '../../components/ListStatus';
import type { Notices } from './useNotices';
import '../../stock/stock.scss';
import './MessagesTab.scss';

/**
 * 消息: his messages, newest first. Unread ones are marked; a to-do someone already dealt with
 * says so (已由 张三 处理（已批准）) in grey. Tapping one reads it and opens its page; 全部已读 reads
 * them all. The tab's badge counts only what still needs him.
 */
export default function MessagesTab({ refreshKey, notices }: { refreshKey: number; notices: Notices }) {
  const list = usePagedList<NotificationView>(MESSAGES_PATH, {}, { pageSize: 20 });
  useTabList(list, refreshKey);
  // read here since the page was loaded (the loaded items still say unread)
  const [readHere, setReadHere] = useState<ReadonlySet<number>>(new Set());
  const [readingAll, setReadingAll] = useState(false);
  const [error, setError] = useState('');

  // Opening the tab loads the list afresh: the badge follows it.
  const { reload: reloadBadge } = notices;
  useEffect(() => reloadBadge(), [reloadBadge]);

  const unread = (n: NotificationView) => !n.readAt && !readHere.has(n.id);
  const anyUnread = notices.unread > 0 || list.items.some(unread);

  const open = (n: NotificationView) => {
    if (n.page) void Taro.navigateTo({ url: `/${n.page}` });
    if (!unread(n)) return;
    setReadHere((prev) => new Set(prev).add(n.id));
    messagesApi.read(n.id).then(
      () => notices.reload(),
      () =>
        setReadHere((prev) => {
          const next = new Set(prev);
          next.delete(n.id);
          return next;
        }),
    );
  };

  const readAll = async () => {
    if (readingAll) return;
    setReadingAll(true);
    setError('');
    try {
      await messagesApi.readAll();
      setReadHere(new Set(list.items.map((n) => n.id)));
      notices.reload();
      list.reload();
    } catch (e) {
      setError(errorMessage(e, '操作失败，请稍后重试'));
    } finally {
      setReadingAll(false);
    }
  };

  return (
    <View className="hy-messages">
      {list.items.length > 0 ? (
        <View className="hy-section-title hy-messages__head">
          <Text className="hy-messages__count">{notices.unread > 0 ? `${notices.unread} 条待处理` : `共 ${list.total} 条消息`}</Text>
          {anyUnread ? (
            <Button
              className="hy-messages__read-all"
              size="small"
              fill="outline"
              type="primary"
              loading={readingAll}
              onClick={() => void readAll()}
            >
              全部已读
            </Button>
          ) : null}
        </View>
      ) : null}
      {error ? <Text className="hy-error hy-messages__error">{error}</Text> : null}

      <ListStatus
        list={list}
        loadingText="正在加载消息…"
        empty={
          <EmptyState icon={<Message size={36} color="#a9b4c6" />} title="暂无消息" description="派工、审批、签收等提醒会显示在这里" />
        }
      />

      <View className="hy-list">
        {list.items.map((n) => {
          const fresh = unread(n);
          const done = !!n.doneAt;
          return (
            <View
              key={n.id}
              className={`hy-card hy-msg hy-msg--${n.kind}${fresh ? ' hy-msg--unread' : ''}${done ? ' hy-msg--done' : ''}`}
              data-testid="message-item"
              onClick={() => open(n)}
            >
              <View className="hy-card__head">
                <View className="hy-doc-tags hy-msg__tags">
                  <Tag type={n.todo && !done ? 'warning' : 'default'}>{NOTIFICATION_KIND_LABELS[n.kind] ?? '消息'}</Tag>
                  <Text className="hy-msg__title">{n.title}</Text>
                </View>
                {fresh ? <View className="hy-msg__dot" /> : null}
              </View>
              {n.body ? <View className="hy-msg__body">{n.body}</View> : null}
              {done ? <View className="hy-msg__done-note">{n.doneNote || '已处理'}</View> : null}
              <View className="hy-card__row">
                <Text className="hy-msg__time">{formatDateTime(n.createdAt)}</Text>
                {n.page ? <Text className="hy-msg__go">查看 ›</Text> : null}
              </View>
            </View>
          );
        })}
      </View>
      <LoadMore list={list} />
    </View>
  );
}
