import { queueApiQuery, queueHref, readQueueFilters } from '../../client/src/features/queues/filters';

/** The queue's one filter vocabulary: every way in (toolbar, SLA board, report) reaches the API the same. */
const user = { id: 7, unit_id: 3 };
const apiOf = (href: string, scoped = false) => queueApiQuery(readQueueFilters(new URL(href, 'http://desk').searchParams, scoped), user);
const defined = (q: Record<string, unknown>) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined));

describe('queue filters', () => {
  it('a board number opens exactly its tickets: the unit itself, a state, a policy', () => {
    expect(defined(apiOf(queueHref({ unit_id: 5, subtree: false, sla_state: 'breached', sla_policy: 'fault_repair' })))).toEqual({
      status: 'accepted,dispatched,resolved', sort: 'newest', unit_id: 5, subtree: 'false', sla_state: 'breached', sla_policy: 'fault_repair',
    });
    expect(defined(apiOf(queueHref({ no_unit: true })))).toMatchObject({ no_unit: 'true' });
  });

  it('a report figure keeps its unit and month', () => {
    expect(defined(apiOf(queueHref({ status: 'any', figure: 'complaints', month: '2026-11', unit_id: 9 })))).toEqual({ sort: 'newest', figure: 'complaints', month: '2026-11', unit_id: 9 });
    // a figure without its month is no figure
    expect(apiOf('/queues?figure=complaints').figure).toBeUndefined();
  });

  it("the toolbar's unit is the same key, survives the board's other filters, and old bookmarks still work", () => {
    expect(apiOf('/queues?unit_id=4&sla_state=warning')).toMatchObject({ unit_id: 4, sla_state: 'warning' });
    expect(apiOf('/queues?unit=4')).toMatchObject({ unit_id: 4 });
    // subtree=false only means something with a unit
    expect(apiOf('/queues?subtree=false').subtree).toBeUndefined();
  });

  it("a handler's default is the unit's dispatched work by soonest due; 'mine' and 'me' are the signed-in user", () => {
    expect(defined(apiOf('/queues', true))).toEqual({ status: 'dispatched', sort: 'due', unit_id: 3 });
    expect(apiOf('/queues?view=mine').assignee_id).toBe(7);
    expect(apiOf('/queues?assignee=none')).toMatchObject({ unassigned: 'true', assignee_id: undefined });
    expect(apiOf('/queues?view=bogus&sort=bogus&round=third')).toMatchObject({ sort: 'newest', round: undefined });
  });
});
