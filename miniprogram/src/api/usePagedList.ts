import { useCallback, useEffect, useRef, useState } from 'react';
import { useReachBottom } from '@tarojs/taro';
import type { Page } from '@hongyuan/shared';
import { api, errorMessage, type Query } from './request';

export interface PagedList<T> {
  items: T[];
  total: number;
  /** the first page is loading (or reloading after the query changed) */
  loading: boolean;
  /** a further page is loading */
  loadingMore: boolean;
  /** Chinese message of the last failed load, or '' */
  error: string;
  hasMore: boolean;
  /** at least one page has been loaded for the current query */
  loaded: boolean;
  loadMore: () => void;
  reload: () => void;
}

/**
 * A paged list from a GET route answering `{ items, total, page, pageSize }`.
 * Reloads from page 1 whenever `query` changes (compare by value); answers to an older query
 * are dropped, so typing fast never shows the results of an earlier keyword.
 */
export function usePagedList<T>(path: string, query: Query = {}, options: { pageSize?: number; enabled?: boolean } = {}): PagedList<T> {
  const pageSize = options.pageSize ?? 30;
  const enabled = options.enabled ?? true;
  const queryKey = JSON.stringify(query);

  const [items, setItems] = useState<T[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(0);
  const [loading, setLoading] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState('');
  const [loaded, setLoaded] = useState(false);
  const generation = useRef(0);
  const busy = useRef(false);

  const fetchPage = useCallback(
    async (pageNo: number, gen: number) => {
      busy.current = true;
      if (pageNo === 1) setLoading(true);
      else setLoadingMore(true);
      setError('');
      try {
        const res = await api.get<Page<T>>(path, { ...JSON.parse(queryKey), page: pageNo, pageSize });
        if (gen !== generation.current) return;
        setItems((prev) => (pageNo === 1 ? res.items : prev.concat(res.items)));
        setTotal(res.total);
        setPage(pageNo);
        setLoaded(true);
      } catch (e) {
        if (gen !== generation.current) return;
        setError(errorMessage(e, '加载失败，请稍后重试'));
      } finally {
        if (gen === generation.current) {
          busy.current = false;
          setLoading(false);
          setLoadingMore(false);
        }
      }
    },
    [path, queryKey, pageSize],
  );

  const reload = useCallback(() => {
    generation.current += 1;
    setItems([]);
    setTotal(0);
    setPage(0);
    setLoaded(false);
    void fetchPage(1, generation.current);
  }, [fetchPage]);

  useEffect(() => {
    if (enabled) reload();
    else generation.current += 1;
  }, [enabled, reload]);

  const hasMore = loaded && items.length < total;

  const loadMore = useCallback(() => {
    if (busy.current || !hasMore) return;
    void fetchPage(page + 1, generation.current);
  }, [fetchPage, hasMore, page]);

  return { items, total, loading, loadingMore, error, hasMore, loaded, loadMore, reload };
}

/**
 * A home tab's list: the next page when the page is scrolled to the bottom, and page 1 again
 * whenever `refreshKey` changes (pull-down, the tab shown again), not on the first render.
 */
export function useTabList(list: PagedList<unknown>, refreshKey: number): void {
  useReachBottom(() => list.loadMore());
  const first = useRef(refreshKey);
  useEffect(() => {
    if (refreshKey !== first.current) list.reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [refreshKey]);
}
