import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../http/route';
import { idParams } from '../http/schemas';
import { customerHistorySchema } from './history';
import { customerFields, customerSchema, searchCustomersQuery } from './schemas';
import type { CustomersService } from './service';

export const customerRoutes = (customers: CustomersService): RouteSpec[] => [
  defineRoute({
    method: 'get', path: '/api/customers', action: 'customers.read', tag: 'customers', summary: 'Find customers by phone or account number',
    query: searchCustomersQuery,
    responses: { 200: { description: 'matching customers', schema: z.object({ items: z.array(customerSchema) }) } },
    handler: async ({ principal, query }) => ({ body: { items: await customers.search(principal, query) } }),
  }),
  defineRoute({
    method: 'get', path: '/api/customers/:id', action: 'customers.read', tag: 'customers', summary: 'One customer',
    params: idParams,
    responses: { 200: { description: 'the customer', schema: customerSchema } },
    handler: async ({ principal, params }) => ({ body: await customers.get(principal, params.id) }),
  }),
  defineRoute({
    method: 'get', path: '/api/customers/:id/history', action: 'customers.read', tag: 'customers',
    summary: "The caller's open tickets, recent complaints and the repeat-complaint flag",
    params: idParams,
    responses: { 200: { description: 'the history', schema: customerHistorySchema } },
    handler: async ({ principal, params }) => ({ body: await customers.history(principal, params.id) }),
  }),
  defineRoute({
    method: 'post', path: '/api/customers', action: 'customers.write', tag: 'customers', summary: 'Register a customer', body: customerFields,
    responses: { 201: { description: 'created', schema: customerSchema }, 409: { description: 'the phone number is taken' } },
    handler: async ({ principal, body }) => ({ status: 201, body: await customers.create(principal, body) }),
  }),
];
