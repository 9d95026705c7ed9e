import { useEffect, useRef, useState } from 'react';
import { stockApi } from '../../api/stock';

/** How many of his approved requisitions wait for his 签收 (the 配件 badge of a technician). */
export function useUnsignedCount(enabled: boolean, refreshKey: number): number {
  const [count, setCount] = useState(0);
  const generation = useRef(0);
  useEffect(() => {
    const gen = ++generation.current;
    if (!enabled) return;
    stockApi
      .requisitions({ status: 'approved', signStatus: 'unsigned', pageSize: 1 })
      .then((page) => {
        if (gen === generation.current) setCount(page.total);
      })
      .catch(() => {
        /* only a badge: the list itself shows any error */
      });
  }, [enabled, refreshKey]);
  return enabled ? count : 0;
}
