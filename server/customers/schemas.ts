import { z } from 'zod';
import { area, email, id, limit, phone } from '../http/schemas';

export const tier = z.enum(['standard', 'vip', 'big_customer']);

export const customerSchema = z
  .object({
    id: z.number().int(),
    phone: z.string(),
    name: z.string().nullable(),
    account_no: z.string().nullable(),
    area: area.nullable(),
    tier,
    email: z.string().nullable(),
    unit_id: z.number().int().nullable().describe('the unit that serves this customer, if known'),
  })
  .meta({ id: 'Customer' });

export const customerFields = z
  .object({
    phone,
    name: z.string().trim().min(1).max(100).optional(),
    account_no: z.string().trim().regex(/^[A-Za-z0-9-]{1,32}$/, 'letters, digits and -, at most 32').optional(),
    area: area.optional(),
    tier: tier.optional(),
    email: email.optional(),
    unit_id: id.optional(),
  })
  .strict();

export const searchCustomersQuery = z
  .object({ phone: phone.optional(), account_no: z.string().trim().max(32).optional(), limit })
  .strict()
  .refine((q) => q.phone !== undefined || q.account_no !== undefined, { message: 'give phone or account_no', path: ['phone'] });

export type CustomerView = z.output<typeof customerSchema>;
export type CustomerInput = z.output<typeof customerFields>;
