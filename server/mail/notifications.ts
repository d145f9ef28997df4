import type { Knex } from 'knex';
import type { Config } from '../config';
import type { EventBus } from '../events/bus';
import type { DomainEvent } from '../events/types';
import { incidentsRepository } from '../incidents/repository';
import { ownershipRepository } from '../ownership/repository';
import { ticketsRepository } from '../tickets/repository';
import type { TicketView } from '../tickets/view';
import { unitsRepository } from '../units/repository';
import { usersRepository } from '../users/repository';
import type { Mailer, Notification, Recipient } from './service';
import { maskPhone, type TicketMailData } from './templates';

const DESCRIPTION_CHARS = 200;

const consoleLink = (config: Config, ticketId: number) => `${config.publicUrl.replace(/\/+$/, '')}/tickets/${ticketId}`;

/** What every ticket mail shows: number, customer with the phone masked, deadline, console link. */
export async function ticketMailData(knex: Knex, config: Config, ticket: TicketView): Promise<TicketMailData> {
  // the soonest running SLA deadline (regulatory or internal), if any runs
  const timer = await knex('sla_timers').where({ ticket_id: ticket.id, state: 'running' }).whereNotNull('due_at').orderBy('due_at').first<{ due_at: Date } | undefined>('due_at');
  return {
    ticketNumber: ticket.number,
    customerName: ticket.customer.name,
    customerPhone: maskPhone(ticket.customer.phone),
    deadline: timer ? timer.due_at.toISOString() : null,
    link: consoleLink(config, ticket.id),
    category: ticket.category,
    description: ticket.description.length > DESCRIPTION_CHARS ? `${ticket.description.slice(0, DESCRIPTION_CHARS)}…` : ticket.description,
  };
}

async function recipient(knex: Knex, userId: number): Promise<Recipient[]> {
  const user = await usersRepository.find(knex, userId);
  return user?.active && user.email ? [{ userId, email: user.email }] : [];
}

/**
 * Mail is a durable consumer of the one event path: ownership assigned, mass complaint opened,
 * escalation raised and deadline warnings of owned cases reach the leader. Each event is recorded
 * as mail once, in the transaction that marks it handled; the worker sends it after commit.
 */
export function subscribeMail(bus: EventBus, knex: Knex, config: Config, mailer: Mailer): () => void {
  return bus.subscribeDurable({
    name: 'mail',
    types: ['ownership.assigned', 'escalation.raised', 'incident.opened', 'sla.warning'],
    knex,
    async handle(event, { trx }) {
      // wake the worker once this commits (a savepoint inside the relay's batch is found by its poll)
      void trx.executionPromise.then(() => mailer.kick(), () => undefined);
      await record(trx, event);
    },
  });

  async function record(knex: Knex.Transaction, event: DomainEvent): Promise<void> {
    const notify = (notification: Notification) => mailer.record(knex, notification);
    switch (event.type) {
      case 'ownership.assigned': {
        // a mass complaint's owner already had the incident's one mail: no mail per linked ticket
        if (event.reasons.length === 1 && event.reasons[0] === 'mass_complaint') {
          const incident = await incidentsRepository.ofTicket(knex, event.ticket.id);
          if (incident?.owner_id === event.ownerId) return;
        }
        await notify({
          id: `ownership:${event.ticket.id}:${event.ownerId}:${Date.parse(event.at)}`,
          ticketId: event.ticket.id,
          template: { kind: 'ownership.assigned', data: { ...(await ticketMailData(knex, config, event.ticket)), reasons: event.reasons, transferred: event.previousOwnerId !== null } },
          recipients: await recipient(knex, event.ownerId),
        });
        return;
      }
      case 'escalation.raised': {
        const owner = await usersRepository.find(knex, event.ownerId);
        await notify({
          id: `escalation:${event.escalationId}`,
          ticketId: event.ticket.id,
          template: { kind: 'escalation.raised', data: { ...(await ticketMailData(knex, config, event.ticket)), level: event.level, reason: event.reason, ownerName: owner?.name ?? `#${event.ownerId}` } },
          recipients: await recipient(knex, event.recipientId),
        });
        return;
      }
      case 'incident.opened': {
        if (event.ownerId === null) return;
        const unit = await unitsRepository.find(knex, event.unitId);
        const tickets = await ticketsRepository.numbers(knex, event.ticketIds);
        await notify({
          id: `incident:${event.incidentId}`,
          ticketId: null,
          template: { kind: 'incident.opened', data: { title: event.title, unitName: unit?.name ?? `#${event.unitId}`, tickets: tickets.map((x) => ({ number: x.number, link: consoleLink(config, x.id) })), listed: 20 } },
          recipients: await recipient(knex, event.ownerId),
        });
        return;
      }
      case 'sla.warning': {
        // the owner of a leadership case hears of its deadline before it passes
        const owned = await ownershipRepository.find(knex, event.ticket.id);
        if (!owned?.active) return;
        await notify({
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
  }
}
