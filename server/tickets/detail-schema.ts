import { z } from 'zod';
import { causePathSchema } from '../causes/schemas';
import { incidentSchema } from '../incidents/schemas';
import { ownershipSchema } from '../ownership/schemas';
import { timerSchema } from '../sla/schemas';
import { callbackSchema, ticketSchema, timelineEventSchema } from './schemas';

/**
 * The ticket detail: the ticket, its timeline, and each participating domain's part in that
 * domain's own response schema, so the declared detail is exactly what the participants return.
 * (Its own file: ownership's schemas build on the ticket schema.)
 */
export const ticketDetailSchema = ticketSchema
  .extend({
    events: z.array(timelineEventSchema).describe('the timeline, oldest first'),
    timers: z.array(timerSchema).describe('every SLA timer of the ticket, each with its own countdown'),
    callbacks: z.array(callbackSchema),
    ownership: ownershipSchema.nullable().describe('the leadership case (领导包案), if the ticket is one'),
    incident: incidentSchema
      .nullable()
      .optional()
      .describe('the mass complaint (规模性投诉) this ticket is linked to, with the wording agents give callers'),
    cause_path: causePathSchema,
    related: z.array(z.object({
      ticket_id: z.number().int(),
      number: z.string(),
      relation: z.enum(['merged_into', 'merged_from']).describe('merged_into: this ticket was closed into that one; merged_from: that duplicate was closed into this one'),
    })).describe('tickets linked to this one by a merge, both ways'),
  })
  .meta({ id: 'TicketDetail' });

export type TicketDetailView = z.output<typeof ticketDetailSchema>;
