import { z } from 'zod';
import { defineRoute, type Reply, type RouteSpec } from '../http/route';
import { idParams } from '../http/schemas';
import { DEFINITIONS_MARKDOWN } from './definitions';
import { langFrom } from './labels';
import { htmlToPdf } from './pdf';
import { bulletinHtml, reportCsv } from './render';
import {
  breakdownQuery, breakdownSchema, callbackChannelsQuery, callbackChannelsSchema, bulletinQuery, bulletinSchema, caseReviewBody, caseSchema, rectificationBody, rectificationListSchema,
  mailRecipientsSchema, rectificationPatch, rectificationSchema, rectificationsQuery, reportQuery, reportSchema, subscribersBody, subscribersListSchema,
  subscribersParams, subscribersQuery, targetsBody, targetsListSchema, targetsParams, targetsQuery, ticketIdParams, trendQuery, trendSchema,
} from './schemas';
import type { ReportsService } from './service';

const scopeName = (unitId: number | null, units: { unit_id: number; name: string }[]) =>
  unitId === null ? '全公司 Company' : units.find((u) => u.unit_id === unitId)?.name ?? String(unitId);

export const reportRoutes = (reports: ReportsService): RouteSpec[] => [
  defineRoute({
    method: 'get', path: '/api/reports/case-analysis', action: 'reports.read', tag: 'reports',
    summary: 'The monthly case-analysis report (典型案例分析): figures for the scope and each unit, and the typical cases',
    description:
      'A unit head sees their subtree (their unit when unit_id is absent); supervisors and managers see all. ' +
      'Rates are fractions 0–1, null where nothing was counted. `format=csv` gives the figures, one row for the scope and one per unit, ' +
      "headed by the figures' names in `lang` (or Accept-Language), or by the machine keys with `keys=machine`; UTF-8 with a BOM, " +
      'text cells that a spreadsheet would run as a formula prefixed with an apostrophe.\n\n' +
      'Definitions:\n' + DEFINITIONS_MARKDOWN,
    query: reportQuery,
    responses: {
      200: { description: 'the report; `format=csv`: its figures as CSV', schema: reportSchema, textAlternatives: ['text/csv'] },
      404: { description: 'the unit does not exist or is outside your units' },
    },
    handler: async ({ principal, query, req }) => {
      const report = await reports.report(principal, query.month, query.unit_id);
      if (query.format === 'json') return { body: report };
      return {
        body: reportCsv(report, scopeName(report.unit_id, report.units), { lang: query.lang ?? langFrom(req.headers['accept-language']), keys: query.keys }),
        headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="case-analysis-${query.month}${report.unit_id ? `-unit${report.unit_id}` : ''}.csv"` },
      };
    },
  }),
  defineRoute({
    method: 'get', path: '/api/reports/callback-channels', action: 'reports.read', tag: 'reports',
    summary: 'Callbacks by channel in a month: answers by SMS, voice platform, mail survey and agents, reply rates, opt-outs, callbacks that needed no agent',
    description: 'A unit head sees their subtree; opt-outs are counted company-wide (a number is not a unit\'s).',
    query: callbackChannelsQuery,
    responses: { 200: { description: 'the month\'s channel figures', schema: callbackChannelsSchema } },
    handler: async ({ principal, query }) => ({ body: await reports.callbackChannels(principal, query.month) }),
  }),
  defineRoute({
    method: 'get', path: '/api/reports/trend', action: 'reports.read', tag: 'reports',
    summary: 'Monthly figures for the trend charts (default: the last twelve months up to this one)',
    description: 'Same scope rules and definitions as the case-analysis report.',
    query: trendQuery,
    responses: { 200: { description: 'one entry per month, oldest first', schema: trendSchema } },
    handler: async ({ principal, query }) => ({ body: await reports.trend(principal, query) }),
  }),
  defineRoute({
    method: 'get', path: '/api/reports/bulletin', action: 'reports.read', tag: 'reports',
    summary: 'The service bulletin (服务情况通报): figures, targets missed, typical cases and rectifications of the month',
    description:
      '`format=html` is the A4 portrait print layout (company and month on every page, page numbers); `format=pdf` is the same page ' +
      'rendered by the server with Chromium (503 `pdf_unavailable` where the server has none).',
    query: bulletinQuery,
    responses: {
      200: { description: 'the bulletin; `format=html`: a printable page; `format=pdf`: the same page as PDF', schema: bulletinSchema, textAlternatives: ['text/html', 'application/pdf'] },
      503: { description: 'format=pdf and no Chromium on the server (code pdf_unavailable)' },
    },
    handler: async ({ principal, query }): Promise<Reply> => {
      const bulletin = await reports.bulletin(principal, query.month, query.unit_id);
      if (query.format === 'json') return { body: bulletin };
      const html = bulletinHtml(bulletin, scopeName(bulletin.unit_id, bulletin.units));
      if (query.format === 'html') return { body: html, headers: { 'Content-Type': 'text/html; charset=utf-8' } };
      const file = `bulletin-${query.month}${bulletin.unit_id ? `-unit${bulletin.unit_id}` : ''}.pdf`;
      return { body: await htmlToPdf(html), headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${file}"` } };
    },
  }),
  defineRoute({
    method: 'get', path: '/api/reports/breakdown', action: 'reports.read', tag: 'reports',
    summary: 'Complaints of the month by category and by cause (same scope rules as the report)',
    query: breakdownQuery,
    responses: { 200: { description: 'the breakdown', schema: breakdownSchema } },
    handler: async ({ principal, query }) => ({ body: await reports.breakdown(principal, query.month, query.unit_id) }),
  }),
  defineRoute({
    method: 'get', path: '/api/reports/rectifications', action: 'reports.read', tag: 'reports',
    summary: 'Rectification items of a month: still open (carried over month to month until done) and done in it',
    query: rectificationsQuery,
    responses: { 200: { description: 'open first, by due date', schema: rectificationListSchema } },
    handler: async ({ principal, query }) => ({ body: await reports.rectifications(principal, query) }),
  }),
  defineRoute({
    method: 'get', path: '/api/reports/targets', action: 'reports.read', tag: 'reports',
    summary: 'Targets per unit and figure in force in a month (目标管理), inherited down the tree',
    query: targetsQuery,
    responses: { 200: { description: 'every unit with the targets that apply to it', schema: targetsListSchema } },
    handler: async ({ query }) => ({ body: await reports.targets(query.month) }),
  }),
  defineRoute({
    method: 'put', path: '/api/reports/targets/:month', action: 'reports.targets', tag: 'reports',
    summary: "Set a unit's (or the company's) own targets from a month on; null removes that month's own target",
    params: targetsParams, body: targetsBody,
    responses: { 200: { description: 'the targets in force that month', schema: targetsListSchema }, 422: { description: 'no such unit' } },
    handler: async ({ principal, params, body }) => ({ body: await reports.setTargets(principal, params.month, body) }),
  }),
  defineRoute({
    method: 'get', path: '/api/reports/cases/:ticketId', action: 'reports.read', tag: 'reports',
    summary: 'A ticket as a typical case: review, rectification items, owner actions and explanation (shown on the ticket)',
    params: ticketIdParams,
    responses: { 200: { description: 'the case', schema: caseSchema } },
    handler: async ({ principal, params }) => ({ body: await reports.caseView(principal, params.ticketId) }),
  }),
  defineRoute({
    method: 'put', path: '/api/reports/cases/:ticketId', action: 'reports.review', tag: 'reports',
    summary: 'Mark a case for the meeting and record its analysis',
    params: ticketIdParams, body: caseReviewBody,
    responses: { 200: { description: 'the case', schema: caseSchema } },
    handler: async ({ principal, params, body }) => ({ body: await reports.reviewCase(principal, params.ticketId, body) }),
  }),
  defineRoute({
    method: 'post', path: '/api/reports/cases/:ticketId/rectifications', action: 'reports.review', tag: 'reports',
    summary: 'Add a rectification item with a responsible person and due date',
    params: ticketIdParams, body: rectificationBody,
    responses: { 201: { description: 'the item', schema: rectificationSchema }, 422: { description: 'no such active owner' } },
    handler: async ({ principal, params, body }) => ({ status: 201, body: await reports.addRectification(principal, params.ticketId, body) }),
  }),
  defineRoute({
    method: 'patch', path: '/api/reports/rectifications/:id', action: 'reports.rectify', tag: 'reports',
    summary: 'Record the evidence of a rectification item, mark it done (needs evidence) or not done again',
    params: idParams, body: rectificationPatch,
    responses: { 200: { description: 'the item', schema: rectificationSchema } },
    handler: async ({ principal, params, body }) => ({ body: await reports.updateRectification(principal, params.id, body) }),
  }),
  defineRoute({
    method: 'get', path: '/api/reports/recipients', action: 'reports.read', tag: 'reports',
    summary: 'Who receives the monthly bulletin mail, and which scope each gets',
    description: 'Every active manager (the whole company) and unit head (their subtree), the same rule the mail uses; `receives: false` when no e-mail address is on file. Unit heads see the heads of their subtree only.',
    responses: { 200: { description: 'the recipients', schema: mailRecipientsSchema } },
    handler: async ({ principal }) => ({ body: await reports.mailRecipients(principal) }),
  }),
  defineRoute({
    method: 'get', path: '/api/reports/subscribers', action: 'reports.read', tag: 'reports',
    summary: 'Subscribers per unit for a month (the fault-report rate\'s denominator)',
    description: 'Unit heads see their subtree\'s units only.',
    query: subscribersQuery,
    responses: { 200: { description: 'per unit; source unit = no row for the month, the unit\'s own field applies', schema: subscribersListSchema } },
    handler: async ({ principal, query }) => ({ body: await reports.subscribers(principal, query.month) }),
  }),
  defineRoute({
    method: 'put', path: '/api/reports/subscribers/:unit_id/:month', action: 'reports.subscribers', tag: 'reports',
    summary: 'Set a unit\'s subscriber count for a month',
    params: subscribersParams, body: subscribersBody,
    responses: { 200: { description: 'stored', schema: z.object({ unit_id: z.number().int(), month: z.string(), subscribers: z.number().int() }) } },
    handler: async ({ principal, params, body }) => ({ body: await reports.setSubscribers(principal, params.unit_id, params.month, body.subscribers) }),
  }),
];
