import { defineRoute, type RouteSpec } from '../http/route';
import { notificationSettingsSchema } from './schemas';
import type { NotificationsService } from './service';

export const notificationRoutes = (notifications: NotificationsService): RouteSpec[] => [
  defineRoute({
    method: 'get', path: '/api/me/notification-settings', action: 'notifications.settings', tag: 'notifications', summary: 'My console alert switches',
    responses: { 200: { description: 'the switches', schema: notificationSettingsSchema } },
    handler: async ({ principal }) => ({ body: await notifications.get(principal) }),
  }),
  defineRoute({
    method: 'put', path: '/api/me/notification-settings', action: 'notifications.settings', tag: 'notifications', summary: 'Replace my console alert switches',
    body: notificationSettingsSchema,
    responses: { 200: { description: 'the switches', schema: notificationSettingsSchema } },
    handler: async ({ principal, body }) => ({ body: await notifications.put(principal, body) }),
  }),
];
