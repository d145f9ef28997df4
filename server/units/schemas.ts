import { z } from 'zod';
import { area, id, text } from '../http/schemas';

export const unitSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    parent_id: z.number().int().nullable(),
    head_user_id: z.number().int().nullable(),
    area,
    subscribers: z.number().int().describe('subscriber lines served, the denominator of the fault-report rate'),
    path: z.string().describe('materialised path of ids from the root, e.g. /1/4/'),
    active: z.boolean().describe('inactive units keep their history but take no new work'),
  })
  .meta({ id: 'Unit' });

export const createUnitBody = z
  .object({
    code: z.string().trim().regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, _ and -, at most 32'),
    name: text(100),
    parent_id: id.nullable().optional(),
    area,
    head_user_id: id.nullable().optional(),
    subscribers: z.number().int().min(0).optional(),
  })
  .strict();

export const updateUnitBody = createUnitBody.omit({ code: true })
  .extend({ active: z.boolean().describe('false deactivates: refused while the unit has active sub-units, active users or open tickets') })
  .partial().strict();

export type CreateUnitInput = z.output<typeof createUnitBody>;
export type UpdateUnitInput = z.output<typeof updateUnitBody>;
export type UnitView = z.output<typeof unitSchema>;
