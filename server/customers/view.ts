import type { CustomerRow } from './repository';
import type { CustomerView } from './schemas';

/** A customer row as the API shows it; its own module so ticket views can use it without importing the customers service. */
export function toCustomerView(row: CustomerRow): CustomerView {
  return { id: row.id, phone: row.phone, name: row.name, account_no: row.account_no, area: row.area, tier: row.tier, email: row.email, unit_id: row.unit_id };
}
