import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../http/route';
import {
  calendarChangeSchema, calendarKeyParams, calendarSchema, calendarSummarySchema, importCalendarBody, previewQuery, previewSchema, putCalendarBody,
} from './calendar-schemas';
import type { CalendarService } from './calendars';
import { policyKeyParams } from './schemas';

export const calendarRoutes = (calendars: CalendarService): RouteSpec[] => [
  defineRoute({
    method: 'get', path: '/api/calendars', action: 'sla.read', tag: 'sla', summary: 'Working calendars: business hours, callable hours, holidays',
    responses: { 200: { description: 'every calendar', schema: z.object({ items: z.array(calendarSummarySchema) }) } },
    handler: async () => ({ body: { items: await calendars.list() } }),
  }),
  defineRoute({
    method: 'get', path: '/api/calendars/:key', action: 'sla.read', tag: 'sla', summary: 'One working calendar with its holidays and make-up working days',
    params: calendarKeyParams,
    responses: { 200: { description: 'the calendar', schema: calendarSchema } },
    handler: async ({ params }) => ({ body: await calendars.get(params.key) }),
  }),
  defineRoute({
    method: 'put', path: '/api/calendars/:key', action: 'sla.policies.write', tag: 'sla', summary: 'Create or replace a working calendar',
    description: 'Running timers that count on the calendar get their due times from the new one in the same transaction; `moved_timers` says how many moved. The weekly hours of a calendar managed by the callback policy are edited there (409).',
    params: calendarKeyParams, body: putCalendarBody,
    responses: { 200: { description: 'replaced', schema: calendarChangeSchema }, 201: { description: 'created', schema: calendarChangeSchema } },
    handler: async ({ principal, params, body }) => {
      const { view, moved, created } = await calendars.put(principal, params.key, body);
      return { status: created ? 201 : 200, body: { ...view, moved_timers: moved } };
    },
  }),
  defineRoute({
    method: 'post', path: '/api/calendars/:key/import', action: 'sla.policies.write', tag: 'sla', summary: "Import a year's official holidays and make-up working days (CSV or JSON)",
    description: 'Rows `date,kind,name` (kind: holiday or working_day). The whole file is checked first: any bad row answers 422 with every bad line, and nothing is imported.',
    params: calendarKeyParams, body: importCalendarBody,
    responses: { 200: { description: 'imported', schema: calendarChangeSchema.safeExtend({ imported: z.object({ holidays: z.number().int(), working_days: z.number().int() }) }) } },
    handler: async ({ principal, params, body }) => ({ body: await calendars.importDays(principal, params.key, body) }),
  }),
  defineRoute({
    method: 'get', path: '/api/sla-policies/:key/preview', action: 'sla.read', tag: 'sla', summary: 'When a ticket of this policy accepted at a given time falls due',
    description: "Computed by the timers' own calendar arithmetic: working hours, lunch breaks, holidays and make-up working days.",
    params: policyKeyParams, query: previewQuery,
    responses: { 200: { description: 'due time and warning points', schema: previewSchema } },
    handler: async ({ params, query }) => ({ body: await calendars.preview(params.key, query) }),
  }),
];
