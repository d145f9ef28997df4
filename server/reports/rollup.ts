import type { Knex } from 'knex';
import { callbackFigures } from '../callbacks/figures';
import { CALLBACK_SUM_COLUMNS, SUM_COLUMNS, TICKET_SUM_COLUMNS, ZERO_SUMS, addSums, callbackSums, ticketSumsSql, type Sums } from './definitions';

/**
 * The monthly rollup (report_unit_months) and how it stays correct.
 *
 * Triggers on tickets, callbacks and SLA timers append (unit, instant) pairs to report_dirty
 * whenever a change can move a figure: old and new unit, acceptance, resolution and callback
 * times. A late event (a reopen in November of a ticket resolved in October, a re-dispatch, a
 * callback recorded late, a timer breached late) thus marks the old month too. Before a report is
 * read, `refreshRollup` recomputes exactly the marked (month, unit) cells from the base tables.
 * Refreshes take one advisory lock, so an older computation never overwrites a newer one; a change
 * committed while a refresh runs leaves its own mark for the next one.
 */
const REFRESH_LOCK = 7_003_001;
const INSERT_CHUNK = 1000;

type Cells = Map<string, Sums>; // key: `${month 'YYYY-MM-01'}|${unit_key}`

const cellKey = (month: string, unitKey: number) => `${month}|${unitKey}`;

function add(cells: Cells, key: string, sums: Partial<Sums>): void {
  cells.set(key, addSums(cells.get(key) ?? ZERO_SUMS, sums));
}

async function ticketCells(trx: Knex.Transaction, tz: string, filters: { accepted: string; resolved: string }, bindings: Record<string, unknown>, cells: Cells, keep: (key: string) => boolean) {
  const rows = await trx.raw<{ rows: (Sums & { month: string; unit_key: number })[] }>(
    `SELECT to_char(month, 'YYYY-MM-DD') AS month, unit_key, ${TICKET_SUM_COLUMNS.join(', ')}
     FROM (${ticketSumsSql(filters)}) AS cells`,
    { tz, ...bindings },
  );
  for (const row of rows.rows) {
    const key = cellKey(row.month, Number(row.unit_key));
    if (keep(key)) add(cells, key, row);
  }
}

async function callbackCells(trx: Knex.Transaction, tz: string, from: string, to: string, cells: Cells, unitKeys?: readonly number[]) {
  for (const row of await callbackFigures(trx, { from, to, timezone: tz, scopePrefix: null, unitKeys })) {
    add(cells, cellKey(`${row.month}-01`, row.unit_id ?? 0), callbackSums(row));
  }
}

async function store(trx: Knex.Transaction, cells: Cells, now: Date): Promise<void> {
  const rows = [...cells].map(([key, sums]) => {
    const [month, unitKey] = key.split('|') as [string, string];
    return { month, unit_key: Number(unitKey), ...sums, refreshed_at: now };
  });
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) await trx('report_unit_months').insert(rows.slice(i, i + INSERT_CHUNK));
}

/** JIT compiles longer than these recounts run (~0.25 s measured); a month's sort fits in 64 MB, not in 4. */
async function tuneForRecounts(trx: Knex.Transaction): Promise<void> {
  await trx.raw(`SET LOCAL jit = off`);
  await trx.raw(`SET LOCAL work_mem = '64MB'`);
}

/**
 * Recomputes the marked cells of the given months ('YYYY-MM'); marks of other months wait until
 * a report asks for them, so a late event in an old month costs nothing until that month is read.
 * A mark names the half of the cell it moves: ticket sums are recounted per unit from the covering
 * indexes; callback sums come from the callbacks domain, asked for the marked units only.
 */
export async function refreshRollup(db: Knex, timezone: string, now: Date, months: readonly string[]): Promise<number> {
  return db.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(?)', [REFRESH_LOCK]);
    await tuneForRecounts(trx);
    const marked = await trx.raw<{ rows: { month: string; unit_key: number; part: 't' | 'c' }[] }>(
      `WITH d AS (
         DELETE FROM report_dirty
         WHERE to_char(at AT TIME ZONE ?, 'YYYY-MM') = ANY(?::text[])
         RETURNING unit_key, at, part
       )
       SELECT DISTINCT to_char(date_trunc('month', at AT TIME ZONE ?), 'YYYY-MM-DD') AS month, unit_key, part FROM d`,
      [timezone, `{${months.join(',')}}`, timezone],
    );
    const byMonth = new Map<string, { t: Set<number>; c: Set<number> }>();
    for (const cell of marked.rows) {
      if (!byMonth.has(cell.month)) byMonth.set(cell.month, { t: new Set(), c: new Set() });
      byMonth.get(cell.month)![cell.part].add(Number(cell.unit_key));
    }
    for (const [month, parts] of byMonth) await recomputeCells(trx, timezone, month, parts, now);
    return marked.rows.length;
  });
}

async function recomputeCells(trx: Knex.Transaction, tz: string, month: string, parts: { t: Set<number>; c: Set<number> }, now: Date): Promise<void> {
  const unitKeys = [...new Set([...parts.t, ...parts.c])];
  const keys = `{${unitKeys.join(',')}}`;
  // start from what the cells hold, with the marked halves emptied
  const cells: Cells = new Map();
  const current: (Sums & { unit_key: number })[] = await trx('report_unit_months').where({ month }).whereRaw('unit_key = ANY(?::bigint[])', [keys]);
  for (const row of current) {
    const kept = { ...row };
    for (const column of parts.t.has(Number(row.unit_key)) ? TICKET_SUM_COLUMNS : []) kept[column] = 0;
    for (const column of parts.c.has(Number(row.unit_key)) ? CALLBACK_SUM_COLUMNS : []) kept[column] = 0;
    add(cells, cellKey(month, Number(row.unit_key)), Object.fromEntries(SUM_COLUMNS.map((c) => [c, kept[c]])));
  }
  if (parts.t.size > 0) {
    const ticketKeys = `{${[...parts.t].join(',')}}`;
    const inCell = (column: string) =>
      `${column} >= (:month::date)::timestamp AT TIME ZONE :tz AND ${column} < (:month::date + interval '1 month')::timestamp AT TIME ZONE :tz
       AND COALESCE(t.unit_id, 0) = ANY(:keys::bigint[])`;
    await ticketCells(trx, tz, { accepted: inCell('t.created_at'), resolved: inCell('t.resolved_at') }, { month, keys: ticketKeys }, cells, () => true);
  }
  if (parts.c.size > 0) {
    await callbackCells(trx, tz, month.slice(0, 7), month.slice(0, 7), cells, [...parts.c]);
  }
  await trx.raw(`DELETE FROM report_unit_months WHERE month = ?::date AND unit_key = ANY(?::bigint[])`, [month, keys]);
  await store(trx, cells, now);
}

/** Rebuilds every cell from scratch (after a bulk load with triggers off, or a time-zone change). */
export async function rebuildRollup(db: Knex, timezone: string, now: Date): Promise<void> {
  await db.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(?)', [REFRESH_LOCK]);
    await tuneForRecounts(trx);
    await trx.raw('TRUNCATE report_dirty, report_unit_months');
    const cells: Cells = new Map();
    await ticketCells(trx, timezone, { accepted: 'true', resolved: 'true' }, {}, cells, () => true);
    const span = await trx.raw<{ rows: { first: string | null; last: string | null }[] }>(
      `SELECT to_char(min(done_at) AT TIME ZONE ?, 'YYYY-MM') AS first, to_char(max(done_at) AT TIME ZONE ?, 'YYYY-MM') AS last FROM callbacks WHERE state = 'done'`,
      [timezone, timezone],
    );
    const { first, last } = span.rows[0]!;
    if (first && last) await callbackCells(trx, timezone, first, last, cells);
    await store(trx, cells, now);
  });
}
