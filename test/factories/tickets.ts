import { auth, complaintBody, type TestApp, type TestUser } from '../helpers/app';

/** A ticket as the API answers it (the fields stories look at). */
export interface TicketBody {
  id: number;
  number: string;
  version: number;
  status: string;
  unit_id: number | null;
  [field: string]: unknown;
}

/** What a story may change: intake fields (`customer` is merged into the default caller), who acts, where it goes. */
export interface TicketOverrides {
  intake?: Record<string, unknown>;
  customer?: Record<string, unknown>;
  by?: TestUser;
  unitId?: number;
  handler?: TestUser;
  resolution?: Record<string, unknown>;
}

export const RESOLUTION = { resolution: '已上门修复', cause: '光猫故障', responsibility: 'company' } as const;

/**
 * Tickets in each state, made the way the desk makes them (through the HTTP API, so every rule and
 * participant runs): `await tickets.resolvedTicket({ intake: { category: 'network_quality' } })`.
 * Each step fails the test at once if the API refuses it.
 */
export function ticketFactories(t: TestApp) {
  const act = async (path: string, user: TestUser, version: number, body: Record<string, unknown>): Promise<TicketBody> => {
    const res = await t.http.post(path).set(auth(user)).set('If-Match', String(version)).send(body);
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as TicketBody;
  };

  async function acceptedTicket(o: TicketOverrides = {}): Promise<TicketBody> {
    const body = complaintBody(o.intake);
    const res = await t.http.post('/api/tickets').set(auth(o.by ?? t.fixture.users.agent))
      .send({ ...body, customer: { ...(body.customer as object), ...o.customer } });
    if (res.status !== 201) throw new Error(`intake answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as TicketBody;
  }

  /** Accepted, then dispatched (to the county team unless `unitId`). */
  async function dispatchedTicket(o: TicketOverrides = {}): Promise<TicketBody> {
    const ticket = await acceptedTicket(o);
    return act(`/api/tickets/${ticket.id}/dispatch`, o.by ?? t.fixture.users.agent, ticket.version, { unit_id: o.unitId ?? t.fixture.units.countyTeam });
  }

  /** Dispatched, then resolved by the unit's handler. */
  async function resolvedTicket(o: TicketOverrides = {}): Promise<TicketBody> {
    const ticket = await dispatchedTicket(o);
    return act(`/api/tickets/${ticket.id}/resolve`, o.handler ?? t.fixture.users.handler, ticket.version, { ...RESOLUTION, ...o.resolution });
  }

  /** Resolved in callable hours, and the scheduler has made its first callback attempt due. */
  async function callbackDueTicket(o: TicketOverrides = {}): Promise<TicketBody> {
    const ticket = await resolvedTicket(o);
    // the first pass makes the attempt due; a second one runs what that pass scheduled (assignment, survey)
    await t.services.scheduler.runDue();
    await t.services.scheduler.runDue();
    return ticket;
  }

  /** A leadership case: a service-attitude complaint dispatched to a unit with a head (the county's owns it). */
  async function ownedCase(o: TicketOverrides = {}): Promise<TicketBody> {
    return dispatchedTicket({ ...o, intake: { category: 'service_attitude', ...o.intake } });
  }

  return { acceptedTicket, dispatchedTicket, resolvedTicket, callbackDueTicket, ownedCase };
}
