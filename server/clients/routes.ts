import { z } from 'zod';
import type { FieldError } from '../http/errors';
import { defineRoute, type Reply, type RouteSpec } from '../http/route';
import { idParams } from '../http/schemas';
import {
  clientListQuery, clientSchema, clientWithSecretSchema, createClientBody, oauthErrorSchema, rotateClientBody, tokenBody, tokenSchema, updateClientBody,
} from './schemas';
import { OAuthError, type ClientsService } from './service';

/** RFC 6749 §5.1: token answers are never cached. */
const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

function oauthReply(error: OAuthError): Reply {
  return {
    status: error.status,
    body: { error: error.error, error_description: error.message },
    headers: { ...NO_STORE, ...(error.status === 401 ? { 'WWW-Authenticate': 'Basic realm="loopdesk", charset="UTF-8"' } : {}) },
  };
}

export const clientRoutes = (clients: ClientsService): RouteSpec[] => [
  defineRoute({
    method: 'get', path: '/api/clients', action: 'clients.read', tag: 'clients', summary: 'API clients (service accounts of other systems)',
    query: clientListQuery,
    responses: { 200: { description: 'clients, oldest first', schema: z.object({ items: z.array(clientSchema) }) } },
    handler: async ({ query }) => ({ body: { items: await clients.list(query) } }),
  }),
  defineRoute({
    method: 'post', path: '/api/clients', action: 'clients.write', tag: 'clients', summary: 'Create an API client: its secret is shown once',
    description: 'The client exchanges `client_id` and `client_secret` for a bearer token at `POST /oauth/token`. Unknown unit: 422 `unknown_reference`.',
    body: createClientBody,
    bodyExample: { name: '网管 OSS', scopes: ['tmf621.read', 'tmf621.write', 'tmf621.hub'], unit_ids: [1] },
    responses: { 201: { description: 'created; `client_secret` is not shown again', schema: clientWithSecretSchema } },
    handler: async ({ principal, body }) => ({ status: 201, body: await clients.create(principal, body), headers: NO_STORE }),
  }),
  defineRoute({
    method: 'get', path: '/api/clients/:id', action: 'clients.read', tag: 'clients', summary: 'One API client',
    params: idParams,
    responses: { 200: { description: 'the client', schema: clientSchema }, 404: { description: 'no such client' } },
    handler: async ({ params }) => ({ body: await clients.get(params.id) }),
  }),
  defineRoute({
    method: 'patch', path: '/api/clients/:id', action: 'clients.write', tag: 'clients', summary: 'Change an API client (name, scopes, units) or deactivate it',
    description: 'Deactivating, or changing scopes or units, ends every token issued so far.',
    params: idParams, body: updateClientBody,
    responses: { 200: { description: 'updated', schema: clientSchema }, 404: { description: 'no such client' } },
    handler: async ({ principal, params, body }) => ({ body: await clients.update(principal, params.id, body) }),
  }),
  defineRoute({
    method: 'post', path: '/api/clients/:id/rotate', action: 'clients.write', tag: 'clients', summary: 'A new secret; the old one keeps working for an overlap',
    params: idParams, body: rotateClientBody,
    bodyExample: { previous_valid_seconds: 86400 },
    responses: { 200: { description: 'the new secret, shown once', schema: clientWithSecretSchema }, 404: { description: 'no such client' } },
    handler: async ({ principal, params, body }) => ({ body: await clients.rotate(principal, params.id, body.previous_valid_seconds), headers: NO_STORE }),
  }),
  defineRoute({
    method: 'post', path: '/oauth/token', action: 'public', tag: 'clients', summary: 'OAuth 2.0 client credentials grant (RFC 6749 §4.4): a bearer token for an API client',
    description:
      '`grant_type=client_credentials`, form-encoded or JSON; the client id and secret in HTTP Basic or in the body. ' +
      'Errors follow RFC 6749 §5.2 (`{error, error_description}`): 400 `invalid_request`, `unsupported_grant_type`, `invalid_scope`; 401 `invalid_client`.',
    bodyTypes: ['application/x-www-form-urlencoded', 'application/json'],
    body: tokenBody,
    bodyExample: { grant_type: 'client_credentials', client_id: 'ld_abc', client_secret: 's3cret' },
    invalidInput: (fieldErrors: FieldError[]) => oauthReply(new OAuthError('invalid_request', fieldErrors.map((e) => `${e.path}: ${e.message}`).join('; '))),
    responses: {
      200: { description: 'a bearer token', schema: tokenSchema },
      400: { description: 'RFC 6749 §5.2 error', schema: oauthErrorSchema },
      401: { description: 'invalid_client', schema: oauthErrorSchema },
    },
    handler: async ({ body, req }) => {
      try {
        return { body: await clients.token(body, req.get('Authorization')), headers: NO_STORE };
      } catch (err) {
        if (err instanceof OAuthError) return oauthReply(err);
        throw err;
      }
    },
  }),
];
