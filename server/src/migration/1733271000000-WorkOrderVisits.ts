import { Provide } from '@midwayjs/core';
import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, createTable, fk } from './schema-helpers';

type Row = Record<string, unknown>;

interface VisitRow {
  seq: number;
  technicianId: unknown;
  helperIds: string;
  dispatchedAt: unknown;
  startedAt: unknown;
  finishedAt: unknown;
  summary: string;
  reworkFollowupId: unknown;
  reworkReason: string;
  reworkedAt: unknown;
}

/**
 * 上门 as a record of its own (work_order_visit): each visit of an order (0 the first, n the n-th
 * rework) with its technician, times, result and the follow-up that sent it back; part and labour
 * lines carry the visit they belong to (the same number as work_order_settlement.visit).
 *
 * Orders from before get their visits from their timeline (派工/改派, 开始, 结束, 返工 events and
 * the follow-ups that sent them back), the times those of the steps as new visits have them; what
 * the timeline lacks of the visit under way comes from the order's own columns, so a dispatched
 * order without events still gets its one visit.
 */
@Provide()
export class WorkOrderVisits1733271000000 implements MigrationInterface {
  name = 'WorkOrderVisits1733271000000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'work_order_visit',
      [
        col.id(),
        col.ref('workOrderId'),
        col.int('seq'),
        col.ref('technicianId', true),
        col.str('helperIds', 100, { default: "''" }),
        col.time('dispatchedAt', true),
        col.time('startedAt', true),
        col.time('finishedAt', true),
        col.str('summary', 1000, { default: "''" }),
        col.ref('reworkFollowupId', true),
        col.str('reworkReason', 200, { default: "''" }),
        col.time('reworkedAt', true),
      ],
      {
        unique: [['workOrderId', 'seq']],
        index: [['technicianId', 'finishedAt']],
        foreignKeys: [
          fk('workOrderId', 'work_order', 'CASCADE'),
          fk('technicianId', 'employee'),
          fk('reworkFollowupId', 'work_order_followup'),
        ],
      },
    );
    for (const table of ['work_order_part', 'work_order_labour']) {
      await qr.addColumn(table, new TableColumn(col.int('visit', { default: 0 })));
    }
    await backfillVisits(qr);
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const table of ['work_order_labour', 'work_order_part']) await qr.dropColumn(table, 'visit');
    await qr.dropTable('work_order_visit', true);
  }
}

/**
 * The visits of orders that have none yet, rebuilt from their timelines (see the class comment),
 * and every line's visit: the settlement's that billed it, else the number of 返工 before it was
 * entered. Plain SQL for both databases; running it twice changes nothing.
 */
/** A visit of which nothing is known yet but its number. */
function emptyVisit(seq: number): VisitRow {
  return {
    seq,
    technicianId: null,
    helperIds: '',
    dispatchedAt: null,
    startedAt: null,
    finishedAt: null,
    summary: '',
    reworkFollowupId: null,
    reworkReason: '',
    reworkedAt: null,
  };
}

export async function backfillVisits(qr: QueryRunner): Promise<void> {
  const orders: Row[] = await qr.query(
    "SELECT id, technicianId, helperIds, reworkCount, summary, dispatchedAt, startedAt, finishedAt FROM work_order WHERE id NOT IN (SELECT workOrderId FROM work_order_visit) AND (technicianId IS NOT NULL OR dispatchedAt IS NOT NULL OR id IN (SELECT workOrderId FROM work_order_event WHERE action IN ('dispatch', 'reassign'))) ORDER BY id",
  );
  for (const o of orders) {
    const events: Row[] = await qr.query(
      'SELECT action, technicianId, note, createdAt FROM work_order_event WHERE workOrderId = ? ORDER BY createdAt, id',
      [o.id],
    );
    const sentBack: Row[] = await qr.query(
      "SELECT id FROM work_order_followup WHERE workOrderId = ? AND result = 'rework' ORDER BY createdAt, id",
      [o.id],
    );
    const visits: VisitRow[] = [];
    let seq = 0;
    let cur: VisitRow | null = null;
    for (const e of events) {
      if (e.action === 'dispatch' || e.action === 'reassign') {
        cur ??= emptyVisit(seq);
        cur.technicianId = e.technicianId;
        cur.dispatchedAt = e.createdAt;
      } else if (e.action === 'start' && cur) cur.startedAt = e.createdAt;
      else if (e.action === 'finish' && cur) {
        cur.finishedAt = e.createdAt;
        cur.summary = String(e.note ?? '');
      } else if (e.action === 'rework') {
        // A 返工 with no 派工 before it on the timeline: the visit still was, and its lines carry its number.
        cur ??= emptyVisit(seq);
        cur.reworkReason = String(e.note ?? '').slice(0, 200);
        cur.reworkedAt = e.createdAt;
        cur.reworkFollowupId = sentBack[seq]?.id ?? null;
        visits.push(cur);
        cur = null;
        seq += 1;
      }
    }
    const reworkCount = Number(o.reworkCount) || 0;
    if (cur || o.technicianId) {
      // The visit under way: what its steps on the timeline do not say, the order's columns do.
      const last: VisitRow = cur ?? emptyVisit(reworkCount);
      last.seq = Math.max(last.seq, reworkCount);
      last.technicianId = o.technicianId ?? last.technicianId;
      last.helperIds = String(o.helperIds ?? '');
      last.dispatchedAt ??= o.dispatchedAt;
      last.startedAt ??= o.startedAt;
      last.finishedAt ??= o.finishedAt;
      if (o.finishedAt && o.summary) last.summary = String(o.summary);
      if (!visits.some((v) => v.seq === last.seq)) visits.push(last);
    }
    for (const v of visits) {
      await qr.query(
        'INSERT INTO work_order_visit (`workOrderId`, `seq`, `technicianId`, `helperIds`, `dispatchedAt`, `startedAt`, `finishedAt`, `summary`, `reworkFollowupId`, `reworkReason`, `reworkedAt`) ' +
          'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
          o.id,
          v.seq,
          v.technicianId ?? null,
          v.helperIds,
          v.dispatchedAt ?? null,
          v.startedAt ?? null,
          v.finishedAt ?? null,
          v.summary.slice(0, 1000),
          v.reworkFollowupId ?? null,
          v.reworkReason,
          v.reworkedAt ?? null,
        ],
      );
    }
  }
  for (const table of ['work_order_part', 'work_order_labour']) {
    await qr.query(
      `UPDATE ${table} SET visit = (SELECT COUNT(*) FROM work_order_event e WHERE e.workOrderId = ${table}.workOrderId AND e.action = 'rework' AND e.createdAt <= ${table}.createdAt) WHERE settlementId IS NULL`,
    );
    await qr.query(
      `UPDATE ${table} SET visit = (SELECT s.visit FROM work_order_settlement s WHERE s.id = ${table}.settlementId) WHERE settlementId IS NOT NULL`,
    );
  }
}
