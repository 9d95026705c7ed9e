import { useEffect, useState } from 'react';
import type { ApprovalDocHead } from '@hongyuan/shared';
import { getEmployee } from '../api/request';
import { selfApprovalAllowed } from '../api/stock';

/**
 * A keeper may approve or reject this document now: it is pending, he is listed on it, and it is
 * not his own (his own documents are decided by another listed keeper, unless the admin allows it).
 */
export function useMayDecide(doc: ApprovalDocHead | null | undefined): boolean {
  const me = getEmployee();
  const own = !!doc && !!me && (doc.employeeId === me.id || doc.createdById === me.id);
  const [selfAllowed, setSelfAllowed] = useState(false);
  useEffect(() => {
    if (!own) return;
    let alive = true;
    void selfApprovalAllowed().then((v) => alive && setSelfAllowed(v));
    return () => {
      alive = false;
    };
  }, [own]);
  return (
    !!doc &&
    !!me &&
    doc.status === 'pending' &&
    me.roles.includes('keeper') &&
    doc.approvers.some((a) => a.id === me.id) &&
    (!own || selfAllowed)
  );
}
