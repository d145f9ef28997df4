import type { Knex } from 'knex';
import type { Config } from '../config';
import type { EventBus } from '../events/bus';
import type { TicketView } from '../tickets/view';
import type { Mailer, Recipient } from './service';
import { maskPhone, type TicketMailData } from './templates';

const DESCRIPTION_CHARS = 200;

/** What every ticket mail shows: number, customer with the phone masked, deadline, console link. */
export async function ticketMailData(knex: Knex, config: Config, ticket: TicketView): Promise<TicketMailData> {
  // the soonest running SLA deadline (regulatory or internal), if any runs
  const timer = await knex('sla_timers').where({ ticket_id: ticket.id, state: 'running' }).whereNotNull('due_at').orderBy('due_at').first<{ due_at: Date } | undefined>('due_at');
  return {
    ticketNumber: ticket.number,
    customerName: ticket.customer.name,
    customerPhone: maskPhone(ticket.customer.phone),
    deadline: timer ? timer.due_at.toISOString() : null,
    link: `${config.publicUrl.replace(/\/+$/, '')}/tickets/${ticket.id}`,
    category: ticket.category,
    description: ticket.description.length > DESCRIPTION_CHARS ? `${ticket.description.slice(0, DESCRIPTION_CHARS)}…` : ticket.description,
  };
}

async function recipient(knex: Knex, userId: number): Promise<Recipient[]> {
  const user = await knex('users').where({ id: userId, active: true }).first<{ email: string | null } | undefined>('email');
  return user?.email ? [{ userId, email: user.email }] : [];
}

/** Mail listens on the one event path: ownership assigned, escalation raised and deadline warnings of owned cases reach the leader. */
export function subscribeMail(bus: EventBus, knex: Knex, config: Config, mailer: Mailer): () => void {
  return bus.subscribe(async (event) => {
    switch (event.type) {
      case 'ownership.assigned': {
        await mailer.notify({
          id: `ownership:${event.ticket.id}:${event.ownerId}:${Date.parse(event.at)}`,
          ticketId: event.ticket.id,
          template: { kind: 'ownership.assigned', data: { ...(await ticketMailData(knex, config, event.ticket)), reasons: event.reasons, transferred: event.previousOwnerId !== null } },
          recipients: await recipient(knex, event.ownerId),
        });
        return;
      }
      case 'escalation.raised': {
        const owner = await knex('users').where({ id: event.ownerId }).first<{ name: string } | undefined>('name');
        await mailer.notify({
          id: `escalation:${event.escalationId}`,
          ticketId: event.ticket.id,
          template: { kind: 'escalation.raised', data: { ...(await ticketMailData(knex, config, event.ticket)), level: event.level, reason: event.reason, ownerName: owner?.name ?? `#${event.ownerId}` } },
          recipients: await recipient(knex, event.recipientId),
        });
        return;
      }
      case 'sla.warning': {
        // the owner of a leadership case hears of its deadline before it passes
        const owned = await knex('case_ownerships').where({ ticket_id: event.ticket.id, active: true }).first<{ owner_id: number } | undefined>('owner_id');
        if (!owned) return;
        await mailer.notify({
          id: `deadline-warning:${event.timer.id}:${event.fraction}`,
          ticketId: event.ticket.id,
          template: { kind: 'deadline.warning', data: await ticketMailData(knex, config, event.ticket) },
          recipients: await recipient(knex, owned.owner_id),
        });
        return;
      }
      default:
        return;
    }
  });
}
