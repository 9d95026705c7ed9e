import { useCallback, useEffect, useRef, useState } from 'react';
import type { RequisitionListItem, ReturnListItem } from '@hongyuan/shared';
import { errorMessage } from '../../api/request';
import { stockApi } from '../../api/stock';

/** A requisition or a return waiting for this keeper's decision (待我审批). */
export interface ApprovalItem {
  kind: 'requisition' | 'return';
  id: number;
  no: string;
  employeeName: string;
  departmentName: string | null;
  warehouseName: string;
  lineCount: number;
  totalQty: number;
  remark: string;
  createdAt: string;
}

export interface Approvals {
  items: ApprovalItem[];
  /** all waiting documents (the tab badge), even beyond the ones listed */
  total: number;
  loading: boolean;
  loaded: boolean;
  error: string;
  reload: () => void;
}

/** At most this many of each kind are listed; the total still counts them all. */
export const APPROVALS_LIMIT = 100;

const item =
  (kind: ApprovalItem['kind']) =>
  (d: RequisitionListItem | ReturnListItem): ApprovalItem => ({
    kind,
    id: d.id,
    no: d.no,
    employeeName: d.employeeName,
    departmentName: d.departmentName,
    warehouseName: d.warehouseName,
    lineCount: d.lineCount,
    totalQty: d.totalQty,
    remark: d.remark,
    createdAt: d.createdAt,
  });

/**
 * The keeper's pending requisitions and returns where he is an approver (mine=approve),
 * newest first. Loaded by the home page so the 审批 badge shows on every tab.
 */
export function useApprovals(enabled: boolean, refreshKey: number): Approvals {
  const [items, setItems] = useState<ApprovalItem[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState('');
  const generation = useRef(0);

  const reload = useCallback(() => {
    const gen = ++generation.current;
    setLoading(true);
    setError('');
    const query = { mine: 'approve', pageSize: APPROVALS_LIMIT };
    Promise.all([stockApi.requisitions(query), stockApi.returns(query)])
      .then(([reqs, rets]) => {
        if (gen !== generation.current) return;
        const merged = [...reqs.items.map(item('requisition')), ...rets.items.map(item('return'))];
        merged.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
        setItems(merged);
        setTotal(reqs.total + rets.total);
        setLoaded(true);
      })
      .catch((e) => {
        if (gen === generation.current) setError(errorMessage(e, '待审批单据加载失败，请稍后重试'));
      })
      .finally(() => {
        if (gen === generation.current) setLoading(false);
      });
  }, []);

  useEffect(() => {
    if (enabled) reload();
    else generation.current += 1;
  }, [enabled, refreshKey, reload]);

  return { items, total, loading, loaded, error, reload };
}
