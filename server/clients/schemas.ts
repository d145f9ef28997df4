import { z } from 'zod';
import { SCOPES } from '../auth/permissions';
import { id, text } from '../http/schemas';

export const scope = z.enum(SCOPES);

export const createClientBody = z
  .object({
    name: text(100).describe('what the system is, e.g. 网管 OSS (fault tickets)'),
    scopes: z.array(scope).min(1).max(SCOPES.length).describe('what the client may call'),
    unit_ids: z.array(id).min(1).max(50).describe("the units it acts for: it sees and changes tickets of their subtrees and those it opened"),
  })
  .strict();

export const updateClientBody = z
  .object({
    name: text(100),
    scopes: z.array(scope).min(1).max(SCOPES.length),
    unit_ids: z.array(id).min(1).max(50),
    active: z.boolean().describe('false deactivates: its tokens stop working at once and its secrets are refused'),
  })
  .partial()
  .strict();

export const rotateClientBody = z
  .object({
    previous_valid_seconds: z.number().int().min(0).max(30 * 86400).default(86400)
      .describe('how long the old secret keeps working beside the new one (0: at once refused)'),
  })
  .strict();

export const clientSchema = z
  .object({
    id: z.number().int(),
    client_id: z.string(),
    name: z.string(),
    scopes: z.array(scope),
    unit_ids: z.array(z.number().int()),
    active: z.boolean(),
    user_id: z.number().int().describe('the service account the client acts as: timelines and the audit log name it'),
    previous_secret_until: z.string().nullable().describe('a rotated-out secret still works until then'),
    created_at: z.string(),
    last_used_at: z.string().nullable().describe('the last token it was issued'),
  })
  .meta({ id: 'ApiClient' });

export const clientWithSecretSchema = clientSchema
  .extend({ client_secret: z.string().describe('shown once: only its hash is kept') })
  .meta({ id: 'ApiClientWithSecret' });

/** RFC 6749 §4.4.2: client id and secret may come in the body when not in HTTP Basic. */
export const tokenBody = z
  .object({
    grant_type: z.string().max(100),
    client_id: z.string().max(200).optional(),
    client_secret: z.string().max(200).optional(),
    scope: z.string().max(500).optional().describe('space-separated subset of the client\'s scopes; absent: all of them'),
  })
  .strict();

export const tokenSchema = z
  .object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int(),
    scope: z.string(),
  })
  .meta({ id: 'OAuthToken' });

export const OAUTH_ERRORS = ['invalid_request', 'invalid_client', 'invalid_grant', 'unauthorized_client', 'unsupported_grant_type', 'invalid_scope'] as const;

/** RFC 6749 §5.2 error response (not problem+json: OAuth clients read `error`). */
export const oauthErrorSchema = z
  .object({ error: z.enum(OAUTH_ERRORS), error_description: z.string().optional() })
  .meta({ id: 'OAuthError' });

export const clientListQuery = z.object({ active: z.enum(['true', 'false']).transform((v) => v === 'true').optional() }).strict();

export type CreateClientInput = z.output<typeof createClientBody>;
export type UpdateClientInput = z.output<typeof updateClientBody>;
export type ClientView = z.output<typeof clientSchema>;
export type ClientWithSecret = z.output<typeof clientWithSecretSchema>;
export type TokenInput = z.output<typeof tokenBody>;
export type TokenView = z.output<typeof tokenSchema>;
export type OAuthErrorCode = (typeof OAUTH_ERRORS)[number];
