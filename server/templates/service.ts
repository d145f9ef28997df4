import { writeAudit } from '../audit';
import type { Principal } from '../auth/permissions';
import { inTransaction } from '../db/unit-of-work';
import type { Deps } from '../deps';
import { errors } from '../http/errors';
import type { TicketsService } from '../tickets/service';
import { unitsRepository } from '../units/repository';
import { fill, type Placeholder } from './placeholders';
import { templatesRepository as repo, type TemplateRow } from './repository';
import type { CreateTemplateInput, TemplateListQuery, TemplateView, UpdateTemplateInput } from './schemas';

const toView = (row: TemplateRow): TemplateView => ({
  id: row.id, name: row.name, purpose: row.purpose as TemplateView['purpose'], category: row.category as TemplateView['category'],
  ticket_type: row.ticket_type as TemplateView['ticket_type'], body_zh: row.body_zh, body_en: row.body_en, active: row.active,
  version: row.version, updated_at: row.updated_at.toISOString(),
});

const OPEN_TIMER_STATES = ['running', 'warning'];

/** Reply templates (常用语 / 话术): offered by purpose, category and type, filled from a ticket. */
export function createTemplatesService(deps: Deps, tickets: TicketsService) {
  const { knex, bus, clock, config } = deps;
  const deskTime = new Intl.DateTimeFormat('sv-SE', { timeZone: config.timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

  /** The placeholder values of a ticket, as the caller may see it (a ticket out of scope is a 404). */
  async function valuesOf(principal: Principal, ticketId: number) {
    const ticket = await tickets.get(principal, ticketId);
    const due = ticket.timers.filter((t) => OPEN_TIMER_STATES.includes(t.state)).map((t) => t.due_at).sort()[0];
    const unit = ticket.unit_id === null ? undefined : await unitsRepository.find(knex, ticket.unit_id);
    const values: Partial<Record<Placeholder, string | null>> = {
      customer_name: ticket.customer.name, customer_phone: ticket.customer.phone, ticket_number: ticket.number,
      due_at: due ? deskTime.format(new Date(due)) : null, unit: unit?.name ?? null, agent_name: principal.name,
    };
    return { ticket, values };
  }

  return {
    async list(principal: Principal, q: TemplateListQuery): Promise<TemplateView[]> {
      if (q.ticket_id === undefined) {
        return (await repo.list(knex, { purpose: q.purpose, category: q.category, type: q.type, includeInactive: q.include_inactive })).map(toView);
      }
      const { ticket, values } = await valuesOf(principal, q.ticket_id);
      const rows = await repo.list(knex, { purpose: q.purpose, category: ticket.category, type: ticket.type, includeInactive: q.include_inactive });
      return rows.map((row) => ({ ...toView(row), rendered: { zh: fill(row.body_zh, values), en: fill(row.body_en, values) } }));
    },

    create(principal: Principal, input: CreateTemplateInput): Promise<TemplateView> {
      return inTransaction(knex, bus, async ({ trx }) => {
        const now = clock.now();
        const row = await repo.insert(trx, { ...input, active: true, created_by: principal.id, created_at: now, updated_at: now });
        await writeAudit(trx, { at: now, actorId: principal.id, entity: 'reply_template', entityId: row.id, action: 'template_created', data: { after: toView(row) } });
        return toView(row);
      });
    },

    /** Versioned: the admin's If-Match must be the version they edited, or 409 stale_version. */
    update(principal: Principal, templateId: number, version: number, input: UpdateTemplateInput): Promise<TemplateView> {
      return inTransaction(knex, bus, async ({ trx }) => {
        const before = await repo.findForUpdate(trx, templateId);
        if (!before) throw errors.notFound(`template ${templateId}`);
        if (before.version !== version) throw errors.staleVersion(before.version);
        const now = clock.now();
        const after = await repo.update(trx, templateId, { ...input, updated_at: now });
        const action = input.active === false && before.active ? 'template_deactivated' : input.active === true && !before.active ? 'template_reactivated' : 'template_updated';
        await writeAudit(trx, { at: now, actorId: principal.id, entity: 'reply_template', entityId: templateId, action, data: { before: toView(before), after: toView(after) } });
        return toView(after);
      });
    },
  };
}

export type TemplatesService = ReturnType<typeof createTemplatesService>;
