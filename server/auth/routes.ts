import type { Request } from 'express';
import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../http/route';
import { password, role, userSchema } from '../users/schemas';
import { ACTIONS, actionsOf } from './permissions';
import type { AuthService } from './service';

const loginBody = z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) }).strict();
const actions = z.array(z.enum(ACTIONS)).describe('what this user may do (the server checks the same on every call): the console offers only these');
const signedInSchema = z
  .object({ id: z.number().int(), username: z.string(), name: z.string(), role, unit_id: z.number().int().nullable(), must_change_password: z.boolean(), actions })
  .meta({ id: 'SignedIn' });
const passwordBody = z.object({ current_password: z.string().min(1).max(200), new_password: password }).strict();

/** The bearer token of a request, if it sent one. */
export function bearerToken(req: Request): string | undefined {
  const header = req.get('Authorization');
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

export const authRoutes = (auth: AuthService): RouteSpec[] => [
  defineRoute({
    method: 'post', path: '/api/auth/login', action: 'public', tag: 'auth', summary: 'Sign in with username and password',
    description:
      'Failed attempts are limited per client address and username (LOOPDESK_LOGIN_RATE_LIMIT per 15 minutes), per address ' +
      '(LOOPDESK_LOGIN_ADDRESS_LIMIT per hour) and per account (after 5 failures in a row each attempt waits twice as long, up to 5 minutes): 429 with `retry_after` seconds.',
    body: loginBody,
    bodyExample: { username: 'agent01', password: 'demo12345' },
    responses: {
      200: {
        description: 'a bearer token and the user with what they may do; with `must_change_password` every other call answers 403 `password_change_required` until `POST /api/auth/password`',
        schema: z.object({ token: z.string(), expires_at: z.string(), must_change_password: z.boolean(), user: userSchema.extend({ actions }) }),
      },
      401: { description: 'wrong username or password' },
      429: { description: 'too many attempts' },
    },
    handler: async ({ body, req }) => {
      const signedIn = await auth.login(body.username, body.password, req.ip ?? 'unknown');
      return { body: { ...signedIn, user: { ...signedIn.user, actions: actionsOf(signedIn.user.role) } } };
    },
  }),
  defineRoute({
    method: 'post', path: '/api/auth/logout', action: 'session.read', tag: 'auth', summary: 'Sign out: this token stops working',
    description: 'Other sessions of the user go on; their sockets are dropped only for this token.',
    responses: { 204: { description: 'signed out' } },
    handler: async ({ req }) => {
      await auth.logout(await auth.sessionFromToken(bearerToken(req)));
      return { status: 204, body: '' };
    },
  }),
  defineRoute({
    method: 'post', path: '/api/auth/password', action: 'session.read', tag: 'auth', summary: 'Change my password',
    description: 'Every session of the user ends, this one too; the answer carries a fresh token for this one.',
    body: passwordBody,
    responses: {
      200: { description: 'a fresh token', schema: z.object({ token: z.string(), expires_at: z.string() }) },
      400: { description: 'the current password is wrong, or the new one breaks the policy (`code: weak_password`)' },
    },
    handler: async ({ body, req }) => ({ body: await auth.changePassword(await auth.sessionFromToken(bearerToken(req)), body.current_password, body.new_password, req.ip ?? 'unknown') }),
  }),
  defineRoute({
    method: 'get', path: '/api/auth/me', action: 'session.read', tag: 'auth', summary: 'Who am I',
    responses: { 200: { description: 'the signed-in user and what they may do', schema: signedInSchema } },
    handler: ({ principal }) => ({
      body: {
        id: principal.id, username: principal.username, name: principal.name, role: principal.role, unit_id: principal.unitId,
        must_change_password: principal.mustChangePassword === true, actions: actionsOf(principal.role),
      },
    }),
  }),
];
