import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../http/route';
import { userSchema } from '../users/schemas';
import type { AuthService } from './service';

const loginBody = z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) }).strict();

export const authRoutes = (auth: AuthService): RouteSpec[] => [
  defineRoute({
    method: 'post', path: '/api/auth/login', action: 'public', tag: 'auth', summary: 'Sign in with username and password',
    description: 'Attempts are limited per client address and username (LOOPDESK_LOGIN_RATE_LIMIT per 15 minutes): 429 beyond.',
    body: loginBody,
    bodyExample: { username: 'agent01', password: 'demo12345' },
    responses: {
      200: { description: 'a bearer token and the user', schema: z.object({ token: z.string(), expires_at: z.string(), user: userSchema }) },
      401: { description: 'wrong username or password' },
      429: { description: 'too many attempts' },
    },
    handler: async ({ body, req }) => ({ body: await auth.login(body.username, body.password, req.ip ?? 'unknown') }),
  }),
  defineRoute({
    method: 'get', path: '/api/auth/me', action: 'session.read', tag: 'auth', summary: 'Who am I',
    responses: { 200: { description: 'the signed-in user', schema: z.object({ id: z.number(), username: z.string(), name: z.string(), role: z.string(), unit_id: z.number().nullable() }) } },
    handler: ({ principal }) => ({ body: { id: principal.id, username: principal.username, name: principal.name, role: principal.role, unit_id: principal.unitId } }),
  }),
];
