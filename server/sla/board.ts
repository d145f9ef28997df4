import { scopePrefix, type Principal } from '../auth/permissions';
import type { Deps } from '../deps';
import { errors } from '../http/errors';
import { boardRepository as repo, type BoardScope, type LateRow, type UnitRow } from './board-repository';
import type { BoardTimerRow, BoardViewBody } from './board-schemas';

const LATE_LIMIT = 100;
const SOONEST_LIMIT = 20;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const rate = (met: number, onTime: number) => (met === 0 ? null : onTime / met);

/**
 * The supervisors' SLA board and a unit's page: what is open by SLA state under a unit (per
 * child unit, per policy, per reconnection tier), which timers are late, and how today and the
 * month went. Every count is one the queue can list (see the tile description in the schema).
 */
export function createSlaBoard(deps: Deps) {
  const { knex, clock, config } = deps;

  /** The default view: the caller's own unit when scoped; the single top unit (the company) otherwise. */
  async function defaultUnit(principal: Principal): Promise<UnitRow | null> {
    if (scopePrefix(principal) !== null) {
      if (principal.unitId === null) throw errors.forbidden('you belong to no unit');
      return (await repo.unit(knex, principal.unitId)) ?? null;
    }
    const roots = await repo.roots(knex);
    return roots.length === 1 ? roots[0]! : null;
  }

  async function view(principal: Principal, unit: UnitRow | null, undispatched: boolean): Promise<BoardViewBody> {
    const now = clock.now();
    const scope: BoardScope = { path: unit?.path ?? '/', undispatched };
    const prefix = scopePrefix(principal);
    const [children, tiles, policies, tiers, late, soonest, periods, breadcrumb, names] = await Promise.all([
      unit ? repo.children(knex, unit.id) : repo.roots(knex),
      repo.tiles(knex, scope),
      repo.policies(knex, scope),
      repo.tiers(knex, scope),
      repo.late(knex, scope, LATE_LIMIT),
      repo.soonest(knex, scope, SOONEST_LIMIT),
      repo.periods(knex, scope, now, config.timezone),
      unit ? repo.ancestors(knex, unit.path) : Promise.resolve([]),
      repo.unitNames(knex),
    ]);
    const grandchildren = new Set(await repo.withChildren(knex, children.map((c) => c.id)));
    const byBucket = new Map(tiles.map((r) => [r.bucket, r]));
    const zero = { ok: 0, warning: 0, breached: 0, soonest_due_at: null };
    const tile = (kind: 'unit' | 'self' | 'undispatched', u: UnitRow | null, bucket: string) => {
      const r = byBucket.get(bucket) ?? zero;
      return { kind, unit_id: u?.id ?? null, name: u?.name ?? null, has_children: u ? grandchildren.has(u.id) : false, ok: r.ok, warning: r.warning, breached: r.breached, soonest_due_at: iso(r.soonest_due_at) };
    };
    const tileList = [
      ...(undispatched ? [tile('undispatched', null, 'none')] : []),
      // tickets placed on the viewed unit itself, shown when there are any
      ...(unit && byBucket.has('self') ? [tile('self', unit, 'self')] : []),
      ...children.map((c) => tile('unit', c, String(c.id))),
    ];
    const totals = { ok: 0, warning: 0, breached: 0 };
    for (const r of tiles) { totals.ok += r.ok; totals.warning += r.warning; totals.breached += r.breached; }

    const timer = (r: LateRow): BoardTimerRow => ({
      timer_id: r.timer_id, ticket_id: r.ticket_id, number: r.number, type: r.type, unit_id: r.unit_id,
      unit_name: r.unit_id === null ? null : names.get(r.unit_id) ?? null, policy_key: r.policy_key, policy_name: r.policy_name,
      regulatory: r.regulatory, tier: r.tier,
      state: r.breached_at ? 'breached' : r.level >= 1 ? 'warning' : r.state === 'paused' ? 'paused' : 'running',
      due_at: iso(r.due_at), breached_at: iso(r.breached_at),
      late_seconds: r.breached_at ? Math.max(0, Math.round((now.getTime() - r.breached_at.getTime()) / 1000)) : null,
      remaining_seconds: !r.breached_at && r.due_at ? Math.round((r.due_at.getTime() - now.getTime()) / 1000) : null,
      assignee_id: r.assignee_id, assignee_name: r.assignee_name, owner_id: r.owner_id, owner_name: r.owner_name,
    });

    const today = { breached: 0, met: 0, on_time: 0 };
    const month = { breached: 0, met: 0, on_time: 0 };
    const hourly = Array.from({ length: 24 }, (_, hour) => ({ hour, breached: 0, met: 0, on_time: 0 }));
    for (const b of periods.breaches) {
      month.breached += b.n;
      if (b.today) { today.breached += b.n; hourly[b.hour!]!.breached += b.n; }
    }
    for (const s of periods.stops) {
      month.met += s.met; month.on_time += s.on_time;
      if (s.today) { today.met += s.met; today.on_time += s.on_time; hourly[s.hour!]!.met += s.met; hourly[s.hour!]!.on_time += s.on_time; }
    }

    const tierNames = new Map(policies.map((p) => [p.policy_key, p.name]));
    const tierGroups = new Map<string, BoardViewBody['tiers'][number]>();
    for (const cell of tiers) {
      const group = tierGroups.get(cell.policy_key) ?? { policy_key: cell.policy_key, name: tierNames.get(cell.policy_key) ?? cell.policy_key, cells: [] };
      group.cells.push({ payment_channel: cell.payment_channel, area: cell.area as 'city' | 'county', tier: cell.tier, ok: cell.ok, warning: cell.warning, breached: cell.breached, soonest_due_at: iso(cell.soonest_due_at) });
      tierGroups.set(cell.policy_key, group);
    }
    for (const group of tierGroups.values()) group.cells.sort((a, b) => (a.tier ?? 99) - (b.tier ?? 99) || String(a.payment_channel).localeCompare(String(b.payment_channel)) || a.area.localeCompare(b.area));

    return {
      generated_at: now.toISOString(),
      unit: unit ? { id: unit.id, name: unit.name } : null,
      // a scoped caller's breadcrumb starts at their own unit
      breadcrumb: breadcrumb.filter((u) => prefix === null || u.path.startsWith(prefix)).map((u) => ({ id: u.id, name: u.name })),
      totals,
      tiles: tileList,
      policies: policies.map((p) => ({ policy_key: p.policy_key, name: p.name, regulatory: p.regulatory, target_seconds: p.target_seconds, ok: p.ok, warning: p.warning, breached: p.breached })),
      tiers: [...tierGroups.values()],
      late: { warning: late.counts.warning, breached: late.counts.breached, items: late.rows.map(timer) },
      soonest: soonest.map(timer),
      today: { ...today, rate: rate(today.met, today.on_time) },
      month: { ...month, rate: rate(month.met, month.on_time) },
      hourly,
    };
  }

  return {
    /** The board's landing view: the caller's unit (scoped roles) or the company, with the undispatched for the see-all roles. */
    async overview(principal: Principal): Promise<BoardViewBody> {
      const unit = await defaultUnit(principal);
      return view(principal, unit, scopePrefix(principal) === null);
    },

    /** One unit's page: the unit and its subtree. Units outside the caller's scope are not found. */
    async unit(principal: Principal, id: number): Promise<BoardViewBody> {
      const unit = await repo.unit(knex, id);
      const prefix = scopePrefix(principal);
      if (!unit || (prefix !== null && !unit.path.startsWith(prefix))) throw errors.notFound(`unit ${id}`);
      return view(principal, unit, false);
    },
  };
}

export type SlaBoard = ReturnType<typeof createSlaBoard>;
