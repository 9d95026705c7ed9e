import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { PagedList } from '../api/usePagedList';
import ErrorBar from './ErrorBar';

export interface ListStatusProps {
  list: PagedList<unknown>;
  /** the line shown while the first page loads (正在加载…) */
  loadingText: string;
  /** shown when the loaded list has nothing (an EmptyState, usually) */
  empty: ReactNode;
  /** how many items are shown, when not list.items (a filtered or sorted copy) */
  count?: number;
  /** what 重试 does; reloads from page 1 by default */
  onRetry?: () => void;
}

/** What a paged list shows above its items: the failed load with 重试, the first page loading, or the empty state. */
export function ListStatus({ list, loadingText, empty, count = list.items.length, onRetry = list.reload }: ListStatusProps) {
  return (
    <>
      {list.error && !list.loading ? <ErrorBar message={list.error} onRetry={onRetry} /> : null}
      {list.loading ? <View className="hy-state">{loadingText}</View> : null}
      {list.loaded && !list.loading && count === 0 ? empty : null}
    </>
  );
}

/** 加载更多 under a paged list while the server has more. */
export function LoadMore({ list, label = '加载更多' }: { list: PagedList<unknown>; label?: string }) {
  if (!list.hasMore) return null;
  return (
    <View className="hy-more">
      <Button fill="none" type="primary" loading={list.loadingMore} onClick={() => list.loadMore()}>
        {label}
      </Button>
    </View>
  );
}
