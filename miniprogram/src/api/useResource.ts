import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from './request';

export interface Resource<T> {
  data: T | null;
  /** loading (the first time, or again after reload()) */
  loading: boolean;
  /** Chinese message of the last failed load, or '' */
  error: string;
  reload: () => Promise<void>;
  /** Replace the data with what a write answered (saves a round trip). */
  setData: (data: T) => void;
}

/**
 * One document from the server (a requisition, a stock-take ...): loads when `key` changes,
 * keeps the data it has while reloading, and drops answers to an older key.
 */
export function useResource<T>(key: string | number | null, load: () => Promise<T>): Resource<T> {
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(key !== null);
  const [error, setError] = useState('');
  const generation = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  const reload = useCallback(async () => {
    if (key === null) return;
    const gen = ++generation.current;
    setLoading(true);
    setError('');
    try {
      const fresh = await loader.current();
      if (gen === generation.current) setData(fresh);
    } catch (e) {
      if (gen === generation.current) setError(errorMessage(e, '加载失败，请稍后重试'));
    } finally {
      if (gen === generation.current) setLoading(false);
    }
  }, [key]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { data, loading, error, reload, setData };
}
