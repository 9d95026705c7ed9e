import { useRef } from 'react';

/**
 * A number that changes each time `open` turns true. Used as the key of a form's body so each
 * opening starts from a fresh antd form store: with one long-lived store, values left from the
 * previous opening (even reset ones) win over the next record's initialValues.
 */
export function useOpenSession(open: boolean): number {
  const ref = useRef({ open: false, n: 0 });
  if (open && !ref.current.open) ref.current.n += 1;
  ref.current.open = open;
  return ref.current.n;
}
