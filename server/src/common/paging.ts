import type { Page } from '@hongyuan/shared';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** Runs a query builder as one page; the total ignores paging. */
export async function paginate<E extends ObjectLiteral, V>(
  qb: SelectQueryBuilder<E>,
  q: { page: number; pageSize: number },
  map: (rows: E[]) => V[] | Promise<V[]>,
): Promise<Page<V>> {
  const [rows, total] = await qb
    .skip((q.page - 1) * q.pageSize)
    .take(q.pageSize)
    .getManyAndCount();
  return { items: await map(rows), total, page: q.page, pageSize: q.pageSize };
}

/** Escapes % and _ so a keyword is matched literally inside LIKE '%...%'. */
export function likeContains(keyword: string): string {
  return `%${keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
