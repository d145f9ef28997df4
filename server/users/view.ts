import type { UserRow } from './repository';
import type { UserView } from './schemas';

/** A user as the API shows them (never the password hash). */
export function toUserView(row: UserRow): UserView {
  return { id: row.id, username: row.username, name: row.name, role: row.role, unit_id: row.unit_id, email: row.email, active: row.active,
    must_change_password: row.must_change_password, last_sign_in_at: row.last_sign_in_at?.toISOString() ?? null };
}
