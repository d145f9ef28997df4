import { isAllowed, type Action, type Principal } from '../auth/permissions';
import { AppError, errors } from '../http/errors';
import type { BulkInput, BulkResult } from './schemas';
import type { TicketsService } from './service';

const ACTION_OF: Record<BulkInput['action'], Action> = { dispatch: 'tickets.dispatch', assign: 'tickets.assign', comment: 'tickets.comment' };

/**
 * A supervisor's change to many selected tickets. Each ticket is still its own versioned
 * transaction through the ordinary service method (same rules, same timeline, same events), so
 * one stale or closed ticket fails alone; the answer says for each what failed and why.
 */
export async function bulkChange(tickets: TicketsService, principal: Principal, input: BulkInput): Promise<BulkResult> {
  if (!isAllowed(principal.role, ACTION_OF[input.action])) throw errors.forbidden(`your role may not ${input.action} tickets`);
  const results: BulkResult['results'] = [];
  // one after another: a burst of parallel transactions would only queue on the pool
  for (const { id, version } of input.tickets) {
    try {
      const after = await applyOne(tickets, principal, input, id, version);
      results.push({ id, ok: true, version: after, status: null, code: null, detail: null });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const code = typeof err.extra.code === 'string' ? err.extra.code : codeOf(err.status);
      results.push({ id, ok: false, version: null, status: err.status, code, detail: err.message });
    }
  }
  const succeeded = results.filter((r) => r.ok).length;
  return { succeeded, failed: results.length - succeeded, results };
}

async function applyOne(tickets: TicketsService, principal: Principal, input: BulkInput, id: number, version: number): Promise<number | null> {
  switch (input.action) {
    case 'dispatch':
      return (await tickets.dispatch(principal, id, version, { unit_id: input.unit_id!, ...(input.assignee_id ? { assignee_id: input.assignee_id } : {}), ...(input.note ? { note: input.note } : {}) })).version;
    case 'assign':
      return (await tickets.assign(principal, id, version, { assignee_id: input.assignee_id ?? null, ...(input.note ? { note: input.note } : {}) })).version;
    case 'comment':
      // a comment does not change the ticket's version: the one sent is not checked
      await tickets.comment(principal, id, input.body!);
      return null;
  }
}

function codeOf(status: number): string {
  switch (status) {
    case 403: return 'forbidden';
    case 404: return 'not_found';
    case 409: return 'conflict';
    case 422: return 'rule';
    default: return 'bad_request';
  }
}
