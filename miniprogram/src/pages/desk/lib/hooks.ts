import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import { App } from 'antd';
import { PAGE_SIZE, can, type Me, type Page, type Permission } from '@hongyuan/shared';
import { api } from '../../../api/request';
import { errorText } from './form';
import type { QueryValue } from './query';
import { cleanQuery } from './query';

/** The logged-in employee, given to every view. */
export const MeContext = createContext<Me | null>(null);

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('MeContext missing');
  return me;
}

/** `const allowed = useCan(); allowed('customer.write')` */
export function useCan(): (p: Permission) => boolean {
  const me = useMe();
  return useCallback((p: Permission) => can(me.roles, p), [me]);
}

export type ListQuery = { page: number; pageSize: number; keyword: string } & Record<string, QueryValue>;

export interface ListState<T> {
  query: ListQuery;
  /** Changes filters; goes back to page 1 unless the patch names a page. */
  setQuery: (patch: Partial<ListQuery>) => void;
  data: Page<T>;
  loading: boolean;
  reload: () => void;
}

/** A paged list from GET `path` with keyword/page/pageSize and extra filters. */
export function useList<T>(path: string, initial: Record<string, QueryValue> = {}): ListState<T> {
  const { message } = App.useApp();
  const [query, setQueryState] = useState<ListQuery>(() => ({ page: 1, pageSize: PAGE_SIZE, keyword: '', ...initial }));
  const [data, setData] = useState<Page<T>>({ items: [], total: 0, page: 1, pageSize: PAGE_SIZE });
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let alive = true;
    setLoading(true);
    api
      .get<Page<T>>(path, cleanQuery(query))
      .then((d) => {
        if (!alive) return;
        // A page past the end after a filter change or a disable: go back to the last page.
        if (d.items.length === 0 && d.total > 0 && query.page > 1) {
          setQueryState((q) => ({ ...q, page: Math.max(1, Math.ceil(d.total / q.pageSize)) }));
          return;
        }
        setData(d);
      })
      .catch((e) => alive && message.error(errorText(e)))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [path, query, version, message]);

  const setQuery = useCallback((patch: Partial<ListQuery>) => {
    setQueryState((q) => ({ ...q, page: 1, ...patch }) as ListQuery);
  }, []);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { query, setQuery, data, loading, reload };
}

/**
 * Options for a select (vehicle models, price levels, departments, keepers...). Loads up to 200
 * rows once per mount; `reload` after a create elsewhere.
 */
export function useOptions<T>(
  path: string | null,
  query: Record<string, QueryValue> = {},
): { items: T[]; loading: boolean; reload: () => void } {
  const { message } = App.useApp();
  const [items, setItems] = useState<T[]>([]);
  const [loading, setLoading] = useState(false);
  const [version, setVersion] = useState(0);
  // The filters by value, so a new object literal each render does not reload.
  const key = JSON.stringify(query);
  useEffect(() => {
    if (!path) return;
    let alive = true;
    setLoading(true);
    api
      .get<Page<T>>(path, cleanQuery({ page: 1, pageSize: 200, ...(JSON.parse(key) as Record<string, QueryValue>) }))
      .then((d) => alive && setItems(d.items))
      .catch((e) => alive && message.error(errorText(e)))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [path, key, version, message]);
  return { items, loading, reload: useCallback(() => setVersion((v) => v + 1), []) };
}
