import { Table, TableIndex, type QueryRunner, type TableColumnOptions, type TableForeignKeyOptions } from 'typeorm';

/**
 * Column shorthands for migrations written with the QueryRunner's Table API, so one file runs
 * on SQLite and on MySQL/MariaDB. Times are UTC `datetime`; money is integer fen.
 */
export const col = {
  id: (): TableColumnOptions => ({ name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' }),
  int: (name: string, opts: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'int', ...opts }),
  ref: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'int', isNullable: nullable }),
  str: (name: string, length: number, opts: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
    name,
    type: 'varchar',
    length: String(length),
    ...opts,
  }),
  text: (name: string): TableColumnOptions => ({ name, type: 'text', isNullable: true }),
  bool: (name: string, dflt: boolean): TableColumnOptions => ({ name, type: 'boolean', default: dflt ? 1 : 0 }),
  /** Milliseconds kept on MySQL too (DATETIME(3)): timelines order steps taken within one second. */
  time: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable }),
  stamps: (): TableColumnOptions[] => [col.time('createdAt'), col.time('updatedAt')],
};

export const fk = (columnName: string, table: string, onDelete: 'CASCADE' | 'RESTRICT' = 'RESTRICT'): TableForeignKeyOptions => ({
  columnNames: [columnName],
  referencedTableName: table,
  referencedColumnNames: ['id'],
  onDelete,
});

export async function createTable(
  qr: QueryRunner,
  name: string,
  columns: TableColumnOptions[],
  opts: { unique?: string[][]; index?: string[][]; foreignKeys?: TableForeignKeyOptions[] } = {},
): Promise<void> {
  await qr.createTable(
    new Table({
      name,
      columns,
      foreignKeys: opts.foreignKeys,
      indices: [
        ...(opts.unique ?? []).map((c) => new TableIndex({ name: `UQ_${name}_${c.join('_')}`, columnNames: c, isUnique: true })),
        ...(opts.index ?? []).map((c) => new TableIndex({ name: `IX_${name}_${c.join('_')}`, columnNames: c })),
      ],
    }),
    false,
    true,
    true,
  );
}
