import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../http/route';
import { idParams } from '../http/schemas';
import { createUserBody, directoryQuery, listUsersQuery, personSchema, updateUserBody, userSchema } from './schemas';
import type { UsersService } from './service';

export const userRoutes = (users: UsersService): RouteSpec[] => [
  defineRoute({
    method: 'get', path: '/api/directory/people', action: 'directory.read', tag: 'users',
    summary: 'Names of the people one works with (handlers and heads: their subtree, the heads above, the desk)',
    description: 'Every role may read it, so timelines, queues and escalations show names, and dispatch can offer the handlers of a unit.',
    query: directoryQuery,
    responses: { 200: { description: 'people', schema: z.object({ items: z.array(personSchema) }) } },
    handler: async ({ principal, query }) => ({ body: { items: await users.directory(principal, query) } }),
  }),
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
