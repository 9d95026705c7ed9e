import type { ReactNode } from 'react';

/** Title row of a view with its main actions on the right. */
export function ViewHeader({ title, extra }: { title: string; extra?: ReactNode }) {
  return (
    <div className="desk-view-header">
      <h2 className="desk-view-title">{title}</h2>
      <div className="desk-view-actions">{extra}</div>
    </div>
  );
}

/** The filter row above a table. */
export function FilterBar({ children }: { children: ReactNode }) {
  return <div className="desk-filter-bar">{children}</div>;
}
