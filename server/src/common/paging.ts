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

/**
 * A LIKE '%keyword%' condition that matches the keyword literally. SQLite has no default
 * escape character and MySQL's default (backslash) is also its string escape, so the
 * escape is stated explicitly as '!', which reads the same on both.
 */
export function likeSql(expr: string, param: string): string {
  return `${expr} LIKE :${param} ESCAPE '!'`;
}

/** The parameter for likeSql: %, _ and ! in the keyword are escaped. */
export function likeContains(keyword: string): string {
  return `%${keyword.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/** Runs a lookup over a long key list in slices, so no IN (...) grows past what a database takes. */
export async function inChunks<K, T>(keys: K[], find: (slice: K[]) => Promise<T[]>, size = 500): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < keys.length; i += size) out.push(...(await find(keys.slice(i, i + size))));
  return out;
}
