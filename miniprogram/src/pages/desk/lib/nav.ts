import { createContext, useCallback, useContext, useState } from 'react';
import { readIdParam, writeViewParam } from './location';

/**
 * The document a view's drawer shows, kept in the URL (?view=requisitions&open=12) so a reload,
 * a link from 预警 or a shared address opens the same document.
 */
export function useOpenParam(view: string): [number | null, (id: number | null) => void] {
  const [id, setId] = useState<number | null>(() => readIdParam('open'));
  const set = useCallback(
    (next: number | null) => {
      setId(next);
      writeViewParam(view, { open: next });
    },
    [view],
  );
  return [id, set];
}

/** Switches the desk to another view, with its parameters (`open`: a document to show). */
export type DeskNavigate = (view: string, params?: Record<string, string | number>) => void;
export const DeskNavContext = createContext<DeskNavigate>(() => undefined);

export function useDeskNav(): DeskNavigate {
  return useContext(DeskNavContext);
}
