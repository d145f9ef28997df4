import type { Knex } from 'knex';
import { writeAudit } from '../audit';
import { scopePrefix, type Principal } from '../auth/permissions';
import { inTransaction, type UnitOfWork } from '../db/unit-of-work';
import type { Deps } from '../deps';
import { causesRepository } from '../causes/repository';
import { errors } from '../http/errors';
import { channelFigures, CHANNEL_FIGURE_DEFINITIONS } from '../callbacks/figures';
import { ticketsRepository } from '../tickets/repository';
import type { AnswerVia, CallbackChannel } from '../tickets/status';
import { toTicketView } from '../tickets/view';
import { DEFINITIONS, RATE_KPIS, TARGET_KPIS, TARGET_KPI_KEYS, ZERO_SUMS, addSums, kpisFrom, targetMet, type Kpis, type Sums, type TargetKpi } from './definitions';
import { reportsRepository as repo, type CaseRow, type CellRow, type RectificationListRow, type RectificationRow, type ScopeUnit, type TargetRow } from './repository';
import { refreshRollup } from './rollup';
import type { TimelineEventType } from '../tickets/timeline';
import type {
  Bulletin, CallbackChannelsView, CaseReviewInput, CaseView, RectificationInput, RectificationListItem, RectificationPatch, RectificationView, Report, Targets, TargetsInput, UnitKpis,
} from './schemas';

/** 'YYYY-MM' → the month `offset` months later, as 'YYYY-MM'. */
export function shiftMonth(month: string, offset: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The calendar month ('YYYY-MM') of an instant in the desk's time zone. */
export function monthOf(at: Date, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit' }).formatToParts(at);
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
}

const firstDay = (month: string) => `${month}-01`;
const iso = (value: Date | null) => (value ? value.toISOString() : null);

interface Scope {
  /** null: the whole company (tickets never dispatched included) */
  root: ScopeUnit | null;
  units: ScopeUnit[];
  /** every unit of the tree: targets are inherited from ancestors outside the scope */
  all: ScopeUnit[];
}

/** unit_key of the company-wide targets (the tree's root), as in the rollup */
const COMPANY = 0;

/**
 * The targets in force in a month: for each unit and figure the row of the latest month not after
 * it; a unit without one takes its nearest ancestor's, and the top units the company's.
 */
export function targetResolver(rows: TargetRow[], all: ScopeUnit[], month: string) {
  const latest = new Map<string, TargetRow>(); // `${unit_key}|${kpi}`
  for (const row of rows) if (row.from_month <= month) latest.set(`${Number(row.unit_key)}|${row.kpi}`, row); // rows come oldest first
  const byId = new Map(all.map((u) => [u.id, u]));
  const chain = (unitId: number | null): number[] => {
    const ids: number[] = [];
    for (let u = unitId === null ? undefined : byId.get(unitId); u; u = u.parent_id === null ? undefined : byId.get(u.parent_id)) ids.push(u.id);
    return [...ids, COMPANY];
  };
  return {
    /** the applying targets of a unit (null: the company), judged against its figures when given */
    targets(unitId: number | null, kpis: Kpis | null): Targets {
      const out: Targets = {};
      const keys = chain(unitId);
      for (const kpi of TARGET_KPI_KEYS) {
        const key = keys.find((k) => latest.has(`${k}|${kpi}`));
        if (key === undefined) continue;
        const row = latest.get(`${key}|${kpi}`)!;
        const target = Number(row.value);
        out[kpi] = { target, direction: TARGET_KPIS[kpi], met: kpis === null ? null : targetMet(kpi, kpis[kpi], target), source_unit_id: key === COMPANY ? null : key, from_month: row.from_month };
      }
      return out;
    },
    own: () => [...latest.values()].map((r) => ({ unit_id: Number(r.unit_key) === COMPANY ? null : Number(r.unit_key), kpi: r.kpi as TargetKpi, from_month: r.from_month, value: Number(r.value) })),
  };
}

export function createReportsService(deps: Deps) {
  const { knex, bus, clock, config } = deps;
  const tz = config.timezone;

  /** A unit head is confined to their subtree; a unit outside it is answered as not found. */
  async function resolveScope(db: Knex, principal: Principal, unitId: number | undefined): Promise<Scope> {
    const prefix = scopePrefix(principal);
    const rootId = unitId ?? (prefix === null ? undefined : principal.unitId ?? undefined);
    const all = await repo.units(db, null);
    if (rootId === undefined) {
      if (prefix !== null) throw errors.notFound('your unit');
      return { root: null, units: all, all };
    }
    const root = all.find((u) => u.id === rootId);
    if (!root || (prefix !== null && !root.path.startsWith(prefix))) throw errors.notFound(`unit ${rootId}`);
    return { root, units: all.filter((u) => u.path.startsWith(root.path)), all };
  }

  /** Sums of the cells of one month over a set of units (null: every cell, the desk's included). */
  function sumOf(cells: CellRow[], month: string, unitIds: Set<number> | null): Sums {
    let sums = ZERO_SUMS;
    for (const cell of cells) {
      if (cell.month !== firstDay(month)) continue;
      if (unitIds === null || unitIds.has(Number(cell.unit_key))) sums = addSums(sums, cell);
    }
    return sums;
  }

  function subtreeIds(units: ScopeUnit[], root: ScopeUnit): Set<number> {
    return new Set(units.filter((u) => u.path.startsWith(root.path)).map((u) => u.id));
  }

  /** The figures for each requested month, for the scope's root and for each unit in it. */
  async function figures(db: Knex, scope: Scope, months: string[]) {
    const needed = [...new Set(months.flatMap((m) => [m, shiftMonth(m, -1), shiftMonth(m, -12)]))];
    await refreshRollup(db, tz, clock.now(), needed);
    const cells = await repo.cells(db, needed.map(firstDay));
    const subscribers = await repo.subscribers(db, months.map(firstDay));
    const kpisFor = (month: string, ids: Set<number> | null): Kpis => {
      const perUnit = subscribers.get(firstDay(month)) ?? new Map<number, number>();
      let subs = 0;
      for (const [unitId, count] of perUnit) if (ids === null || ids.has(unitId)) subs += count;
      return kpisFrom(sumOf(cells, month, ids), { prevMonth: sumOf(cells, shiftMonth(month, -1), ids), prevYear: sumOf(cells, shiftMonth(month, -12), ids) }, subs);
    };
    const rootIds = scope.root ? subtreeIds(scope.units, scope.root) : null;
    const targetRows = await repo.targets(db, firstDay(months.reduce((a, b) => (a > b ? a : b))));
    const resolvers = new Map(months.map((m) => [m, targetResolver(targetRows, scope.all, m)]));
    return {
      root: (month: string) => {
        const kpis = kpisFor(month, rootIds);
        return { kpis, targets: resolvers.get(month)!.targets(scope.root?.id ?? null, kpis) };
      },
      units: (month: string): UnitKpis[] =>
        scope.units.map((u) => {
          const kpis = kpisFor(month, subtreeIds(scope.units, u));
          return { unit_id: u.id, name: u.name, parent_id: u.parent_id, path: u.path, kpis, targets: resolvers.get(month)!.targets(u.id, kpis) };
        }),
    };
  }

  /** Counts per picked cause rolled up to category → cause → sub-cause, names from the cause tree's owner. */
  async function causeTree(counts: { category: string; cause_id: number | null; tickets: number }[]) {
    const picked = await causesRepository.byIds(knex, counts.flatMap((c) => (c.cause_id === null ? [] : [c.cause_id])));
    const parents = await causesRepository.byIds(knex, [...new Set(picked.flatMap((c) => (c.parent_id === null ? [] : [c.parent_id])))]);
    const byId = new Map([...picked, ...parents].map((c) => [c.id, c]));
    type Node = { category: string; cause_id: number | null; name_zh: string | null; name_en: string | null; active: boolean | null; tickets: number; sub_causes: { cause_id: number; name_zh: string; name_en: string; active: boolean; tickets: number }[] };
    const nodes = new Map<string, Node>();
    for (const count of counts) {
      const cause = count.cause_id === null ? undefined : byId.get(count.cause_id);
      const top = cause?.parent_id ? byId.get(cause.parent_id) : cause;
      const key = `${count.category}:${top?.id ?? '-'}`;
      const node = nodes.get(key) ?? { category: count.category, cause_id: top?.id ?? null, name_zh: top?.name_zh ?? null, name_en: top?.name_en ?? null, active: top?.active ?? null, tickets: 0, sub_causes: [] };
      node.tickets += count.tickets;
      if (cause && top && cause.id !== top.id) node.sub_causes.push({ cause_id: cause.id, name_zh: cause.name_zh, name_en: cause.name_en, active: cause.active, tickets: count.tickets });
      nodes.set(key, node);
    }
    for (const node of nodes.values()) node.sub_causes.sort((a, b) => b.tickets - a.tickets || a.cause_id - b.cause_id);
    return [...nodes.values()].sort((a, b) => b.tickets - a.tickets || a.category.localeCompare(b.category) || (a.cause_id ?? 0) - (b.cause_id ?? 0));
  }

  function toRectificationView(row: RectificationRow, today: string): RectificationView {
    return {
      id: row.id, ticket_id: row.ticket_id, description: row.description, owner_id: row.owner_id, owner_name: row.owner_name,
      due_on: row.due_on, done: row.done_at !== null, overdue: row.done_at === null && row.due_on < today,
      done_at: iso(row.done_at), done_by: row.done_by, done_note: row.done_note, evidence: row.evidence, created_by: row.created_by,
      created_at: row.created_at.toISOString(),
    };
  }

  const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(clock.now());

  function toListItem(row: RectificationListRow, month: string): RectificationListItem {
    return {
      ...toRectificationView(row, today()), ticket_number: row.ticket_number, unit_id: row.unit_id, unit_name: row.unit_name,
      carried_over: monthOf(row.created_at, tz) < month && (row.done_at === null || monthOf(row.done_at, tz) >= month),
    };
  }

  async function rectificationList(db: Knex, principal: Principal, month: string, q: { unit_id?: number; mine?: boolean }): Promise<RectificationListItem[]> {
    const scope = await resolveScope(db, principal, q.unit_id);
    const rows = await repo.rectificationList(db, tz, firstDay(month), { prefix: scope.root?.path ?? null, ownerId: q.mine ? principal.id : undefined });
    return rows.map((r) => toListItem(r, month));
  }

  /** Cases with their review, rectification items and the owner's actions and explanation. */
  async function caseViews(db: Knex, rows: CaseRow[]): Promise<CaseView[]> {
    const ids = rows.map((r) => r.id);
    if (ids.length === 0) return [];
    const rectifications = await repo.rectifications(db, ids);
    const ownerships = await repo.ownerships(db, ids);
    const actions = await repo.ownerActions(db, ids);
    const day = today();
    return rows.map((row) => {
      const ownership = ownerships.find((o) => o.ticket_id === row.id);
      const kinds: CaseView['kinds'] = [];
      if (row.type === 'complaint' && row.responsibility === 'company') kinds.push('responsibility');
      if (row.type === 'complaint' && row.category === 'service_attitude') kinds.push('service_attitude');
      if (row.discuss) kinds.push('marked');
      return {
        ticket_id: row.id, number: row.number, unit_id: row.unit_id, unit_name: row.unit_name, type: row.type, category: row.category,
        channel: row.channel, status: row.status, responsibility: row.responsibility, kinds, description: row.description, cause: row.cause,
        resolution: row.resolution, handling_round: row.handling_round, accepted_at: row.created_at.toISOString(), resolved_at: iso(row.resolved_at),
        review: row.review_month
          ? {
              month: row.review_month, discuss: row.discuss ?? false, analysis: row.analysis, example: row.example, conclusion: row.conclusion,
              updated_at: row.review_updated_at!.toISOString(), updated_by: row.review_updated_by,
            }
          : null,
        rectifications: rectifications.filter((r) => r.ticket_id === row.id).map((r) => toRectificationView(r, day)),
        ownership: ownership
          ? {
              owner_id: ownership.owner_id, owner_name: ownership.owner_name, reasons: ownership.reasons, active: ownership.active,
              actions: actions.filter((a) => a.ticket_id === row.id).map((a) => ({ kind: a.kind, note: a.note, at: a.at.toISOString(), actor_id: a.actor_id })),
              explanation: ownership.explanation, explanation_at: iso(ownership.explanation_at),
            }
          : null,
      };
    });
  }

  /** The ticket as a case, if the caller may see it (404 otherwise: existence is not revealed). */
  async function visibleCase(db: Knex, principal: Principal, ticketId: number): Promise<CaseRow> {
    const row = await repo.caseOf(db, ticketId);
    const prefix = scopePrefix(principal);
    if (!row || (prefix !== null && !(row.unit_path ?? '').startsWith(prefix))) throw errors.notFound(`ticket ${ticketId}`);
    return row;
  }

  /** Case-review changes go on the ticket's timeline and reach the ticket's viewers. */
  async function recordOnTicket(uow: UnitOfWork, principal: Principal, ticketId: number, type: TimelineEventType, data: Record<string, unknown>, now: Date) {
    await ticketsRepository.insertEvent(uow.trx, { ticket_id: ticketId, type, at: now, actor_id: principal.id, data });
    const ticket = (await ticketsRepository.find(uow.trx, ticketId))!;
    const customer = (await ticketsRepository.customersByIds(uow.trx, [ticket.customer_id])).get(ticket.customer_id)!;
    uow.emit({ type: 'ticket.updated', at: now.toISOString(), actorId: principal.id, change: type, ticket: toTicketView(ticket, customer) });
  }

  async function caseView(principal: Principal, ticketId: number): Promise<CaseView> {
    return (await caseViews(knex, [await visibleCase(knex, principal, ticketId)]))[0]!;
  }

  return {
    /** `db`: a job builds the report inside its own transaction (PGlite has one connection). */
    async report(principal: Principal, month: string, unitId: number | undefined, db: Knex = knex): Promise<Report> {
      const scope = await resolveScope(db, principal, unitId);
      const made = await figures(db, scope, [month]);
      const cases = await caseViews(db, await repo.cases(db, tz, firstDay(month), scope.root?.path ?? scopePrefix(principal)));
      const root = made.root(month);
      return { month, unit_id: scope.root?.id ?? null, kpis: root.kpis, targets: root.targets, units: made.units(month), cases, definitions: { ...DEFINITIONS } };
    },

    /** Callbacks by channel in a month (SMS, IVR, agents): answers, reply rates, opt-outs, callbacks that needed no agent. */
    async callbackChannels(principal: Principal, month: string): Promise<CallbackChannelsView> {
      const figures = await channelFigures(knex, { month, timezone: tz, scopePrefix: scopePrefix(principal) });
      return {
        month, timezone: tz, definitions: { ...CHANNEL_FIGURE_DEFINITIONS }, ...figures,
        attempts: figures.attempts.map((a) => ({ ...a, channel: a.channel as CallbackChannel })),
        answers: figures.answers.map((a) => ({ ...a, via: a.via as AnswerVia })),
      };
    },

    async trend(principal: Principal, q: { to?: string; months: number; unit_id?: number }) {
      const scope = await resolveScope(knex, principal, q.unit_id);
      const last = q.to ?? monthOf(clock.now(), tz);
      const months = Array.from({ length: q.months }, (_v, i) => shiftMonth(last, i - q.months + 1));
      const made = await figures(knex, scope, months);
      return { unit_id: scope.root?.id ?? null, months: months.map((month) => ({ month, ...made.root(month) })) };
    },

    /** 服务情况通报: the month's figures and cases, unit by unit (a unit lists the cases of its own tickets). */
    async bulletin(principal: Principal, month: string, unitId: number | undefined, db: Knex = knex): Promise<Bulletin> {
      const report = await this.report(principal, month, unitId, db);
      const all = await repo.units(db, null);
      const missed: Bulletin['missed'] = [];
      for (const u of report.units) {
        for (const kpi of TARGET_KPI_KEYS) {
          const t = u.targets[kpi];
          const value = u.kpis[kpi];
          if (t && t.met === false && value !== null) missed.push({ unit_id: u.unit_id, name: u.name, kpi, value, target: t.target, direction: t.direction });
        }
      }
      return {
        month,
        title: `${month.replace('-', '年')}月服务情况通报`,
        company: all.find((u) => u.parent_id === null)?.name ?? 'LoopDesk',
        unit_id: report.unit_id,
        kpis: report.kpis,
        targets: report.targets,
        units: report.units.map((u) => ({ ...u, cases: report.cases.filter((c) => c.unit_id === u.unit_id) })),
        missed,
        rectifications: await rectificationList(db, principal, month, { unit_id: unitId }),
      };
    },

    /** Complaints of the month by category and by cause, for the scope. */
    async breakdown(principal: Principal, month: string, unitId: number | undefined) {
      const scope = await resolveScope(knex, principal, unitId);
      const { byCategory, byCause, byCauseId } = await repo.breakdown(knex, tz, firstDay(month), scope.root?.path ?? null);
      const top = byCause.slice(0, 10);
      const rest = byCause.slice(10).reduce((sum, r) => sum + r.tickets, 0);
      return {
        month, unit_id: scope.root?.id ?? null, by_category: byCategory,
        by_cause: rest > 0 ? [...top, { cause: '其他', tickets: rest }] : top,
        by_cause_tree: await causeTree(byCauseId),
      };
    },

    async rectifications(principal: Principal, q: { month: string; unit_id?: number; mine?: boolean }) {
      return { month: q.month, items: await rectificationList(knex, principal, q.month, q) };
    },

    /** The targets in force in a month for every unit (and the company), with each unit's own rows. */
    async targets(month: string) {
      const all = await repo.units(knex, null);
      const resolver = targetResolver(await repo.targets(knex, firstDay(month)), all, month);
      return {
        month,
        kpis: TARGET_KPI_KEYS.map((key) => ({ key, direction: TARGET_KPIS[key], rate: RATE_KPIS.has(key) })),
        units: [
          { unit_id: null, name: all.find((u) => u.parent_id === null)?.name ?? 'Company', parent_id: null, targets: resolver.targets(null, null) },
          ...all.map((u) => ({ unit_id: u.id, name: u.name, parent_id: u.parent_id, targets: resolver.targets(u.id, null) })),
        ],
        own: resolver.own(),
      };
    },

    /** Sets (or with null removes) one unit's own targets from a month on; every change is audited. */
    async setTargets(principal: Principal, month: string, input: TargetsInput) {
      await inTransaction(knex, bus, async ({ trx }) => {
        if (input.unit_id !== null && !(await trx('units').where({ id: input.unit_id }).first('id'))) {
          throw errors.rule(`unit ${input.unit_id} does not exist`, { errors: [{ path: 'unit_id', message: 'no such unit' }] });
        }
        const now = clock.now();
        const unitKey = input.unit_id ?? COMPANY;
        for (const [kpi, value] of Object.entries(input.targets) as [TargetKpi, number | null | undefined][]) {
          if (value === undefined) continue;
          if (value === null) await repo.deleteTarget(trx, { unit_key: unitKey, kpi, from_month: firstDay(month) });
          else await repo.upsertTarget(trx, { unit_key: unitKey, kpi, from_month: firstDay(month), value, set_by: principal.id, set_at: now });
        }
        await writeAudit(trx, { at: now, actorId: principal.id, entity: 'unit', entityId: input.unit_id ?? 0, action: 'targets_set', data: { month, targets: input.targets } });
      });
      return this.targets(month);
    },

    caseView,

    async reviewCase(principal: Principal, ticketId: number, input: CaseReviewInput): Promise<CaseView> {
      await inTransaction(knex, bus, async (uow) => {
        const row = await visibleCase(uow.trx, principal, ticketId);
        await uow.trx('tickets').where({ id: ticketId }).forUpdate().first('id');
        const now = clock.now();
        const month = input.month ?? row.review_month ?? monthOf(row.resolved_at ?? row.created_at, tz);
        await uow.trx('report_cases')
          .insert({
            ticket_id: ticketId, month: firstDay(month), discuss: input.discuss ?? row.discuss ?? false,
            analysis: input.analysis === undefined ? row.analysis : input.analysis,
            example: input.example === undefined ? row.example : input.example,
            conclusion: input.conclusion === undefined ? row.conclusion : input.conclusion,
            updated_by: principal.id, updated_at: now,
          })
          .onConflict('ticket_id')
          .merge();
        await recordOnTicket(uow, principal, ticketId, 'case_reviewed', { ...input, month }, now);
      });
      return caseView(principal, ticketId);
    },

    async addRectification(principal: Principal, ticketId: number, input: RectificationInput): Promise<RectificationView> {
      const id = await inTransaction(knex, bus, async (uow) => {
        await visibleCase(uow.trx, principal, ticketId);
        const owner = await uow.trx('users').where({ id: input.owner_id, active: true }).first('id');
        if (!owner) throw errors.rule(`user ${input.owner_id} does not exist`, { errors: [{ path: 'owner_id', message: 'no such active user' }] });
        const now = clock.now();
        const [inserted] = await uow.trx('report_rectifications')
          .insert({ ticket_id: ticketId, description: input.description, owner_id: input.owner_id, due_on: input.due_on, created_by: principal.id, created_at: now, updated_at: now })
          .returning<{ id: number }[]>('id');
        await recordOnTicket(uow, principal, ticketId, 'rectification_added', { rectification_id: inserted!.id, ...input }, now);
        return inserted!.id;
      });
      return (await caseView(principal, ticketId)).rectifications.find((r) => r.id === id)!;
    },

    async updateRectification(principal: Principal, rectificationId: number, input: RectificationPatch): Promise<RectificationView> {
      const ticketId = await inTransaction(knex, bus, async (uow) => {
        const current = await repo.findRectificationForUpdate(uow.trx, rectificationId);
        if (!current) throw errors.notFound(`rectification ${rectificationId}`);
        await visibleCase(uow.trx, principal, current.ticket_id);
        const now = clock.now();
        const evidence = input.evidence ?? current.evidence;
        if (input.evidence !== undefined && input.evidence !== current.evidence) {
          await uow.trx('report_rectifications').where({ id: rectificationId }).update({ evidence: input.evidence, updated_at: now });
          await recordOnTicket(uow, principal, current.ticket_id, 'rectification_evidence', { rectification_id: rectificationId, evidence: input.evidence }, now);
        }
        if (input.done === undefined || input.done === (current.done_at !== null)) return current.ticket_id;
        // a rectification is closed on what shows it was made, not on a tick
        if (input.done && !evidence) {
          throw errors.rule('give the evidence of the rectification before closing it', { code: 'evidence_required', errors: [{ path: 'evidence', message: 'required to close' }] });
        }
        await uow.trx('report_rectifications').where({ id: rectificationId }).update(
          input.done ? { done_at: now, done_by: principal.id, done_note: input.note ?? null, updated_at: now } : { done_at: null, done_by: null, done_note: input.note ?? null, updated_at: now },
        );
        await recordOnTicket(uow, principal, current.ticket_id, input.done ? 'rectification_done' : 'rectification_reopened', { rectification_id: rectificationId, note: input.note ?? null }, now);
        return current.ticket_id;
      });
      return (await caseView(principal, ticketId)).rectifications.find((r) => r.id === rectificationId)!;
    },

    /** Who the monthly bulletin mail is for, and the scope each gets; unit heads see the heads of their subtree. */
    async mailRecipients(principal: Principal) {
      const rows = await repo.mailRecipients(knex, scopePrefix(principal));
      return {
        items: rows.map((r) => ({
          user_id: Number(r.id), username: r.username, name: r.name, role: r.role, unit_id: r.unit_id === null ? null : Number(r.unit_id), unit_name: r.unit_name,
          scope_unit_id: r.role === 'manager' || r.unit_id === null ? null : Number(r.unit_id), email: r.email, receives: r.email !== null,
        })),
      };
    },

    async subscribers(principal: Principal, month: string) {
      const rows = await repo.subscriberRows(knex, firstDay(month), scopePrefix(principal));
      return { month, items: rows.rows.map((r) => ({ ...r, unit_id: Number(r.unit_id), subscribers: Number(r.subscribers) })) };
    },

    async setSubscribers(principal: Principal, unitId: number, month: string, subscribers: number) {
      return inTransaction(knex, bus, async ({ trx }) => {
        if (!(await trx('units').where({ id: unitId }).first('id'))) throw errors.notFound(`unit ${unitId}`);
        const now = clock.now();
        await repo.upsertSubscribers(trx, { unit_id: unitId, month: firstDay(month), subscribers, updated_by: principal.id, updated_at: now });
        await writeAudit(trx, { at: now, actorId: principal.id, entity: 'unit', entityId: unitId, action: 'subscribers_set', data: { month, subscribers } });
        return { unit_id: unitId, month, subscribers };
      });
    },
  };
}

export type ReportsService = ReturnType<typeof createReportsService>;
