import type { Knex } from 'knex';
import { SEES_ALL_UNITS, type Principal, type Role } from '../auth/permissions';

/**
 * Room names. A socket joins the rooms its principal may hear; the bridge sends each event to the
 * rooms that may see it, so visibility is decided once, here, and never by the client.
 */
export const rooms = {
  /** Roles that see every unit (agent, supervisor, manager, admin). */
  role: (role: Role) => `role:${role}`,
  /** Handlers and unit heads of one unit; a ticket's event goes to every unit on its path. */
  unit: (unitId: number) => `unit:${unitId}`,
  user: (userId: number) => `user:${userId}`,
  /** Sockets that have this ticket open (presence, timeline refresh). */
  ticket: (ticketId: number) => `ticket:${ticketId}`,
};

/** The rooms a freshly authenticated socket joins. */
export function roomsOf(principal: Principal): string[] {
  const joined = [rooms.role(principal.role), rooms.user(principal.id)];
  // Scoped roles hear their own unit's room; every ticket event goes to all units on its path,
  // so a unit head of /1/4/ hears tickets of /1/4/9/ and a handler of /1/5/ does not.
  if (!SEES_ALL_UNITS.includes(principal.role) && principal.unitId !== null) joined.push(rooms.unit(principal.unitId));
  return joined;
}

/** Unit ids on a materialised path: '/1/4/9/' → [1, 4, 9]. */
export function unitsOnPath(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

/**
 * The rooms that may see a ticket in a unit: the see-all roles, and every unit from the root down
 * to the ticket's unit. A ticket not yet dispatched (no unit) is seen by the see-all roles only.
 */
export async function ticketAudience(knex: Knex, unitId: number | null): Promise<string[]> {
  const targets = SEES_ALL_UNITS.map(rooms.role);
  if (unitId === null) return targets;
  const unit = await knex('units').where({ id: unitId }).first<{ path: string } | undefined>('path');
  return unit ? [...targets, ...unitsOnPath(unit.path).map(rooms.unit)] : targets;
}
