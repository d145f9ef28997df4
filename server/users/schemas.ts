import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/password-policy';
import { ROLES } from '../auth/permissions';
import { email, id, text } from '../http/schemas';

export const role = z.enum(ROLES);

export const userSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    name: z.string(),
    role,
    unit_id: z.number().int().nullable(),
    email: z.string().nullable(),
    active: z.boolean(),
    must_change_password: z.boolean().describe('an admin reset the password: the user must choose a new one before anything else'),
    last_sign_in_at: z.string().nullable().describe('the last successful sign-in'),
  })
  .meta({ id: 'User' });

// The full policy (common passwords, the username) is checked by the service; the length here documents it.
export const password = z.string().min(PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters`).max(PASSWORD_MAX_LENGTH)
  .describe(`at least ${PASSWORD_MIN_LENGTH} characters, not a common password, not containing the username`);

export const createUserBody = z
  .object({
    username: z.string().trim().regex(/^[A-Za-z0-9_.-]{2,40}$/, 'letters, digits, _ . -; 2 to 40'),
    name: text(100),
    role,
    unit_id: id.nullable().optional(),
    email: email.nullable().optional(),
    password,
  })
  .strict();

export const updateUserBody = createUserBody
  .omit({ username: true })
  .extend({ active: z.boolean() })
  .partial()
  .strict();

export const listUsersQuery = z.object({ role: role.optional(), unit_id: id.optional() }).strict();

const roles = z
  .string()
  .transform((value) => value.split(',').map((v) => v.trim()).filter(Boolean))
  .pipe(z.array(role).min(1));

export const directoryQuery = z
  .object({
    unit_id: id.optional().describe("people of this unit's subtree (e.g. who a ticket can be dispatched to)"),
    role: roles.optional().describe('one or more roles, comma-separated'),
  })
  .strict();

export const personSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    role,
    unit_id: z.number().int().nullable(),
    unit_name: z.string().nullable(),
    active: z.boolean().describe('inactive people still name their past actions'),
  })
  .meta({ id: 'Person' });

export type UserView = z.output<typeof userSchema>;
export type DirectoryQuery = z.output<typeof directoryQuery>;
export type PersonView = z.output<typeof personSchema>;
export type CreateUserInput = z.output<typeof createUserBody>;
export type UpdateUserInput = z.output<typeof updateUserBody>;
