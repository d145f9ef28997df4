/**
 * The socket.io protocol between the desk and its console, shared by server/realtime and
 * client/src/realtime. It imports nothing, so the console compiles it as it is: the ticket and
 * timer shapes are parameters (the server's views, the console's generated API types). The
 * server proves at compile time that the events it sends (events/types.ts `DomainEvent`, in the
 * API's snake_case: realtime/bridge.ts `toWire`) are exactly these payloads.
 */

/** The domain events a console hears, by name, as sent (snake_case, the ticket as the API shows it). */
export interface RealtimeEvents<Ticket, Timer> {
  'ticket.created': { type: 'ticket.created'; at: string; actor_id: number | null; ticket: Ticket };
  'ticket.updated': { type: 'ticket.updated'; at: string; actor_id: number | null; change: string; ticket: Ticket };
  'ticket.urge_escalated': {
    type: 'ticket.urge_escalated'; at: string; actor_id: number | null; ticket_id: number; ticket_number: string; unit_id: number | null; user_id: number | null; count: number;
  };
  'cti.ringing': { type: 'cti.ringing'; at: string; user_id: number; call_id: string; caller: string; customer_id: number | null };
  'callback.due': { type: 'callback.due'; at: string; ticket: Ticket; callback_id: number; assignee_id: number | null };
  'callback.unsatisfied': { type: 'callback.unsatisfied'; at: string; ticket: Ticket; handling_round: number; user_id: number | null; unit_id: number | null; due_at: string };
  'callback.second_handling_overdue': { type: 'callback.second_handling_overdue'; at: string; ticket: Ticket; handling_round: number; user_id: number | null; due_at: string };
  'ownership.assigned': {
    type: 'ownership.assigned'; at: string; actor_id: number | null; ticket: Ticket; owner_id: number; previous_owner_id: number | null; unit_id: number; reasons: string[];
  };
  'incident.opened': { type: 'incident.opened'; at: string; actor_id: number | null; incident_id: number; title: string; unit_id: number; owner_id: number | null; ticket_ids: number[] };
  'escalation.raised': {
    type: 'escalation.raised'; at: string; ticket: Ticket; escalation_id: number; level: number; recipient_id: number; unit_id: number; owner_id: number; reason: string;
  };
  'sla.warning': { type: 'sla.warning'; at: string; ticket: Ticket; timer: Timer; fraction: number };
  'sla.breached': { type: 'sla.breached'; at: string; ticket: Ticket; timer: Timer; escalate: boolean };
  /** how far a bulk import has come; to the uploading user only */
  'import.progress': {
    type: 'import.progress'; at: string; user_id: number; import_id: number | null; key: string; kind: 'units' | 'users' | 'customers';
    phase: 'validating' | 'applying' | 'done'; rows: number; total: number | null; percent: number;
  };
}

export type RealtimeEventName = keyof RealtimeEvents<unknown, unknown>;

/** How an event reached this console: its place in the desk's stream, and whether it was replayed after a reconnect. */
export interface Delivery {
  seq?: number;
  replayed?: true;
}

export interface Viewer {
  id: number;
  name: string;
  role: string;
}

/** The first message on every connection. */
export interface Hello {
  user: { id: number; name: string; role: string; unit_id: number | null };
  /** the desk's time zone and clock: countdowns follow them, not the PC's clock */
  timezone: string;
  server_time: string;
  /** the last event this process streamed: a console that comes back sends it as `resume` */
  seq: number;
}

/** What the server sends. */
export type ServerToClientEvents<Ticket, Timer> = {
  [K in RealtimeEventName]: (payload: RealtimeEvents<Ticket, Timer>[K] & Delivery) => void;
} & {
  hello: (hello: Hello) => void;
  /** who has a watched ticket open (presence) */
  'ticket.viewers': (presence: { ticket_id: number; viewers: Viewer[] }) => void;
};

export type Ack = (reply: { ok: true } | { ok: false; status: number; detail: string }) => void;
export type ResumeAck = (reply: { ok: true; replayed: number; seq: number } | { ok: false; reload: true; detail: string }) => void;

/** What the console sends (validated by the server: these types are the contract, not a guarantee). */
export interface ClientToServerEvents {
  /** replay what this console may see after the last seq it heard */
  resume: (payload: { after_seq: number }, ack: ResumeAck) => void;
  'ticket.watch': (payload: { ticket_id: number }, ack?: Ack) => void;
  'ticket.unwatch': (payload: { ticket_id: number }) => void;
}
