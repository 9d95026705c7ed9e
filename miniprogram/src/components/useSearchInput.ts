import { useCallback, useEffect, useRef, useState } from 'react';

/** A search box's text and the keyword searched for (see useSearchInput). */
export interface SearchInput {
  /** what the box shows */
  input: string;
  /** what to search for: the trimmed text */
  keyword: string;
  /** he typed: search once he pauses (300 ms) */
  type: (v: string) => void;
  /** search for this at once (a scanned code, 搜索, 清除, a code to start with) */
  searchNow: (v: string) => void;
}

/** The text of a parts search box, searched as he types once he pauses, or at once. */
export function useSearchInput(): SearchInput {
  const [input, setInput] = useState('');
  const [keyword, setKeyword] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);

  const type = useCallback((v: string) => {
    setInput(v);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setKeyword(v.trim()), 300);
  }, []);
  const searchNow = useCallback((v: string) => {
    clearTimeout(timer.current);
    setInput(v);
    setKeyword(v.trim());
  }, []);
  return { input, keyword, type, searchNow };
}
