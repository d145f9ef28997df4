/**
 * The authorization matrix: which role may call which action. Every route names its action and
 * the route layer checks it here; row-level scope (unit subtree) is decided by the services.
 */
export const ROLES = ['agent', 'handler', 'unit_head', 'supervisor', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const everyone = ROLES;
const deskStaff = ['agent', 'supervisor'] as const;
const unitStaff = ['handler', 'unit_head'] as const;

export const PERMISSIONS = {
  'session.read': everyone,
  'units.read': everyone,
  'units.write': ['admin'],
  'users.read': ['unit_head', 'supervisor', 'manager', 'admin'],
  'users.write': ['admin'],
  'customers.read': ['agent', 'handler', 'unit_head', 'supervisor', 'manager', 'admin'],
  'customers.write': [...deskStaff, 'admin'],
  'tickets.read': everyone,
  'tickets.create': deskStaff,
  'tickets.dispatch': deskStaff,
  'tickets.resolve': [...deskStaff, ...unitStaff],
  'tickets.callback': deskStaff,
  'tickets.comment': everyone,
  // callbacks (回访): unit heads read their subtree's list and figures; agents set their own duty only
  'callbacks.read': ['agent', 'unit_head', 'supervisor', 'manager', 'admin'],
  'callbacks.reschedule': deskStaff,
  'callbacks.policy.read': ['agent', 'supervisor', 'manager', 'admin'],
  'callbacks.policy.write': ['supervisor', 'manager', 'admin'],
  'callbacks.agents.read': ['agent', 'supervisor', 'manager', 'admin'],
  'callbacks.duty': ['agent', 'supervisor', 'admin'],
  'callbacks.figures': ['unit_head', 'supervisor', 'manager', 'admin'],
  'tickets.hold': [...deskStaff, ...unitStaff],
  'sla.read': everyone,
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
  'reports.targets': ['manager'],
  'incidents.read': everyone,
  'incidents.manage': ['unit_head', 'supervisor', 'manager'],
  'incidents.link': ['supervisor', 'manager'],
  'incidents.detectors.read': ['supervisor', 'manager', 'admin'],
  'incidents.detectors.write': ['admin'],
  'escalations.ack': ['unit_head', 'manager'],
  'escalations.policy.read': ['supervisor', 'manager', 'admin'],
  'escalations.policy.write': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

export function isAllowed(role: Role, action: Action): boolean {
  return (PERMISSIONS[action] as readonly Role[]).includes(role);
}

/** Roles that see every ticket; the others see their unit's subtree only. */
export const SEES_ALL_UNITS: readonly Role[] = ['agent', 'supervisor', 'manager', 'admin'];

export interface Principal {
  id: number;
  username: string;
  name: string;
  role: Role;
  unitId: number | null;
  /** The materialised path of the user's unit ('/1/4/'); null for users without a unit. */
  unitPath: string | null;
}

/** Null means "no restriction"; otherwise the unit-path prefix the caller is confined to. */
export function scopePrefix(principal: Principal): string | null {
  if (SEES_ALL_UNITS.includes(principal.role)) return null;
  // A scoped user without a unit sees nothing: a prefix no path can have.
  return principal.unitPath ?? '/none/';
}
