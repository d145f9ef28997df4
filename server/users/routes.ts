import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../http/route';
import { idParams } from '../http/schemas';
import { createUserBody, listUsersQuery, updateUserBody, userSchema } from './schemas';
import type { UsersService } from './service';

export const userRoutes = (users: UsersService): RouteSpec[] => [
  defineRoute({
    method: 'get', path: '/api/users', action: 'users.read', tag: 'users', summary: 'List users (unit heads: their subtree)',
    query: listUsersQuery,
    responses: { 200: { description: 'users', schema: z.object({ items: z.array(userSchema) }) } },
    handler: async ({ principal, query }) => ({ body: { items: await users.list(principal, query) } }),
  }),
  defineRoute({
    method: 'post', path: '/api/users', action: 'users.write', tag: 'users', summary: 'Create a user', body: createUserBody,
    responses: { 201: { description: 'created', schema: userSchema } },
    handler: async ({ principal, body }) => ({ status: 201, body: await users.create(principal, body) }),
  }),
  defineRoute({
    method: 'patch', path: '/api/users/:id', action: 'users.write', tag: 'users', summary: 'Change a user (role, unit, password, active)',
    params: idParams, body: updateUserBody,
    responses: { 200: { description: 'updated', schema: userSchema } },
    handler: async ({ principal, params, body }) => ({ body: await users.update(principal, params.id, body) }),
  }),
];
