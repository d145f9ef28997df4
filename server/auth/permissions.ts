/**
 * The authorization matrix: which role may call which action. Every route names its action and
 * the route layer checks it here; row-level scope (unit subtree) is decided by the services.
 */
/** `integration` is a system client (the phone system): it may only announce ringing calls. */
export const ROLES = ['agent', 'handler', 'unit_head', 'supervisor', 'manager', 'admin', 'integration'] as const;
export type Role = (typeof ROLES)[number];

const everyone = ROLES;
/** the people who use the console (every role but the system clients) */
const people = ['agent', 'handler', 'unit_head', 'supervisor', 'manager', 'admin'] as const;
const deskStaff = ['agent', 'supervisor'] as const;
const unitStaff = ['handler', 'unit_head'] as const;

export const PERMISSIONS = {
  'session.read': everyone,
  'units.read': people,
  'units.write': ['admin'],
  'users.read': ['unit_head', 'supervisor', 'manager', 'admin'],
  'users.write': ['admin'],
  // bulk import of units, users and customers from a file
  'imports.write': ['admin'],
  // names (id, name, role, unit) of the people one works with; the service scopes it
  'directory.read': everyone,
  'customers.read': ['agent', 'handler', 'unit_head', 'supervisor', 'manager', 'admin'],
  'customers.write': [...deskStaff, 'admin'],
  'tickets.read': people,
  'tickets.create': deskStaff,
  'tickets.dispatch': deskStaff,
  'tickets.resolve': [...deskStaff, ...unitStaff],
  'tickets.callback': deskStaff,
  'tickets.comment': people,
  // callbacks (回访): unit heads read their subtree's list and figures; agents set their own duty only
  'callbacks.read': ['agent', 'unit_head', 'supervisor', 'manager', 'admin'],
  'callbacks.reschedule': deskStaff,
  'callbacks.policy.read': ['agent', 'supervisor', 'manager', 'admin'],
  'callbacks.policy.write': ['supervisor', 'manager', 'admin'],
  'callbacks.agents.read': ['agent', 'supervisor', 'manager', 'admin'],
  'callbacks.duty': ['agent', 'supervisor', 'admin'],
  'callbacks.figures': ['unit_head', 'supervisor', 'manager', 'admin'],
  // a customer's callback channel, language and opt-out, set by the desk on the customer's word
  'callbacks.preference': [...deskStaff, 'admin'],
  'tickets.hold': [...deskStaff, ...unitStaff],
  // claim (接单) and release: unit staff take a dispatched ticket of their subtree for themselves
  'tickets.claim': unitStaff,
  'tickets.assign': ['supervisor', 'unit_head'],
  // one request, many tickets: each still its own versioned change, checked by its own action
  'tickets.bulk': ['supervisor', 'unit_head'],
  // urge (催单): the caller chases an open ticket instead of a duplicate being opened
  'tickets.urge': deskStaff,
  // a duplicate complaint closed into the ticket that carries on (both timelines kept)
  'tickets.merge': deskStaff,
  // reply templates (常用语) and the cause tree (原因分类): everyone uses them, admins keep them
  'templates.read': people,
  'templates.write': ['admin'],
  'causes.read': people,
  'causes.write': ['admin'],
  'urges.settings.read': ['agent', 'supervisor', 'manager', 'admin'],
  'urges.settings.write': ['admin'],
  // caller pop: the phone system announces a ringing call to an agent's console
  'cti.calls': ['integration', 'admin'],
  // billing's and provisioning's feeds are API clients (scopes below); admins post the CSV fallback through the same endpoints
  'integrations.upload': ['admin'],
  'reconnection.queue': people,
  'notifications.settings': people,
  'sla.read': people,
  'sla.policies.write': ['admin'],
  // leadership case ownership: the service also checks the caller is the case owner / recipient
  'ownership.rules.read': ['supervisor', 'manager', 'admin'],
  'ownership.rules.write': ['admin'],
  'ownership.act': ['unit_head', 'manager'],
  'ownership.flag': ['supervisor', 'manager'],
  'ownership.mine': ['unit_head', 'manager'],
  // the monthly case-analysis report: unit heads are confined to their subtree by the service
  'reports.read': ['unit_head', 'supervisor', 'manager', 'admin'],
  'reports.review': ['supervisor', 'manager'],
  'reports.rectify': ['unit_head', 'supervisor', 'manager'],
  'reports.subscribers': ['manager', 'admin'],
  'audit.read': ['manager', 'admin'],
  'reports.targets': ['manager'],
  'incidents.read': people,
  'incidents.manage': ['unit_head', 'supervisor', 'manager'],
  'incidents.link': ['supervisor', 'manager'],
  // at intake the agent links the caller's ticket to the open incident of the area (not open or unlink one)
  'incidents.attach': ['agent', 'supervisor', 'manager'],
  'incidents.detectors.read': ['supervisor', 'manager', 'admin'],
  'incidents.detectors.write': ['admin'],
  'escalations.ack': ['unit_head', 'manager'],
  'escalations.policy.read': ['supervisor', 'manager', 'admin'],
  'escalations.policy.write': ['admin'],
  // parked mail (refused by the mail server): seen and sent again by the desk's administrators
  'mail.parked.read': ['supervisor', 'admin'],
  'mail.retry': ['supervisor', 'admin'],
  // API clients (service accounts of other systems): admins manage them, managers and supervisors look
  'clients.read': ['supervisor', 'manager', 'admin'],
  'clients.write': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as [Action, ...Action[]];

/** What a role may do, as the console is told it (GET /api/auth/me `actions`): the console keeps no copy of this matrix. */
export function actionsOf(role: Role): Action[] {
  return ACTIONS.filter((action) => isAllowed(role, action));
}

export function isAllowed(role: Role, action: Action): boolean {
  return (PERMISSIONS[action] as readonly Role[]).includes(role);
}

/** Roles that see every ticket; the others see their unit's subtree only. */
export const SEES_ALL_UNITS: readonly Role[] = ['agent', 'supervisor', 'manager', 'admin'];

export interface Principal {
  /** a user's id; for an API client, the id of the service account it acts as (timelines, audit rows) */
  id: number;
  username: string;
  name: string;
  role: Role;
  unitId: number | null;
  /** The materialised path of the user's unit ('/1/4/'); null for users without a unit. */
  unitPath: string | null;
  /** an admin reset the password: only `session.read` actions (change it, sign out, who am I) until changed */
  mustChangePassword?: boolean;
  /** set when the caller is an API client (OAuth client credentials), not a person */
  client?: ClientIdentity;
}

/**
 * What an API client may be granted. A route opens itself to clients with `requireScope`; a
 * client holding none of a route's scopes gets 403 `insufficient_scope`.
 */
export const SCOPES = ['tmf621.read', 'tmf621.write', 'tmf621.hub', 'integrations.payments', 'integrations.restorations', 'cti.calls'] as const;
export type Scope = (typeof SCOPES)[number];

export interface ClientIdentity {
  /** api_clients.id */
  id: number;
  /** the public `client_id` it authenticates with */
  clientId: string;
  scopes: readonly Scope[];
  /** the units it acts for, with their paths: it sees and changes their subtrees only */
  units: readonly { id: number; path: string }[];
}

export type ClientPrincipal = Principal & { client: ClientIdentity };

export function isClient(principal: Principal): principal is ClientPrincipal {
  return principal.client !== undefined;
}

/** A route's door for API clients: the scope a client needs, and optionally the action that lets people in too. */
export interface ScopeRequirement {
  scope: Scope;
  users?: Action;
}

/** `action: requireScope('integrations.payments')`: clients with the scope may call the route (people only with `users`). */
export function requireScope(scope: Scope, users?: Action): ScopeRequirement {
  return users ? { scope, users } : { scope };
}

/** Null means "no restriction"; otherwise the unit-path prefix the caller is confined to. */
export function scopePrefix(principal: Principal): string | null {
  if (SEES_ALL_UNITS.includes(principal.role)) return null;
  // A scoped user without a unit sees nothing: a prefix no path can have.
  return principal.unitPath ?? '/none/';
}
