import type { Knex } from 'knex';
import { SUM_COLUMNS, cellSumsSql } from './definitions';

/**
 * The monthly rollup (report_unit_months) and how it stays correct.
 *
 * Triggers on tickets and callbacks append (unit, instant) pairs to report_dirty whenever a change
 * can move a figure: old and new unit, acceptance, resolution and callback times. A late event
 * (a reopen in November of a ticket resolved in October, a re-dispatch, a callback recorded late)
 * thus marks the old month too. Before a report is read, `refreshRollup` recomputes exactly the
 * marked (month, unit) cells from the base tables. Refreshes take one advisory lock, so an older
 * computation can never overwrite a newer one; a change committed while a refresh runs leaves its
 * own mark for the next one.
 */
const REFRESH_LOCK = 7_003_001;
const COLUMN_LIST = SUM_COLUMNS.join(', ');

interface Cell {
  month: string;
  unit_key: number;
}

export async function refreshRollup(knex: Knex, timezone: string, now: Date): Promise<number> {
  return knex.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(?)', [REFRESH_LOCK]);
    const marked = await trx.raw<{ rows: Cell[] }>(
      `WITH d AS (DELETE FROM report_dirty RETURNING unit_key, at)
       SELECT DISTINCT to_char(date_trunc('month', at AT TIME ZONE ?), 'YYYY-MM-DD') AS month, unit_key FROM d`,
      [timezone],
    );
    const byMonth = new Map<string, number[]>();
    for (const cell of marked.rows) byMonth.set(cell.month, [...(byMonth.get(cell.month) ?? []), Number(cell.unit_key)]);
    for (const [month, unitKeys] of byMonth) await recomputeCells(trx, timezone, month, unitKeys, now);
    return marked.rows.length;
  });
}

async function recomputeCells(trx: Knex.Transaction, tz: string, month: string, unitKeys: number[], now: Date): Promise<void> {
  const keys = `{${unitKeys.join(',')}}`;
  const from = `(:month::date)::timestamp AT TIME ZONE :tz`;
  const to = `(:month::date + interval '1 month')::timestamp AT TIME ZONE :tz`;
  const inCell = (column: string, unit: string) => `${column} >= ${from} AND ${column} < ${to} AND ${unit} = ANY(:keys::bigint[])`;
  await trx.raw(`DELETE FROM report_unit_months WHERE month = ?::date AND unit_key = ANY(?::bigint[])`, [month, keys]);
  await trx.raw(
    `INSERT INTO report_unit_months (month, unit_key, ${COLUMN_LIST}, refreshed_at)
     SELECT month, unit_key, ${COLUMN_LIST}, :now FROM (${cellSumsSql({
       accepted: inCell('t.created_at', 'COALESCE(t.unit_id, 0)'),
       resolved: inCell('t.resolved_at', 'COALESCE(t.unit_id, 0)'),
       callbacks: inCell('c.done_at', 'COALESCE(t.unit_id, 0)'),
     })}) AS cells`,
    { tz, month, keys, now },
  );
}

/** Rebuilds every cell from scratch (after a bulk load with triggers off, or a time-zone change). */
export async function rebuildRollup(knex: Knex, timezone: string, now: Date): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(?)', [REFRESH_LOCK]);
    await trx.raw('TRUNCATE report_dirty, report_unit_months');
    await trx.raw(
      `INSERT INTO report_unit_months (month, unit_key, ${COLUMN_LIST}, refreshed_at)
       SELECT month, unit_key, ${COLUMN_LIST}, :now FROM (${cellSumsSql({ accepted: 'true', resolved: 'true', callbacks: 'true' })}) AS cells`,
      { tz: timezone, now },
    );
  });
}
