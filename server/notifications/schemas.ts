import { z } from 'zod';

/** What a console may alert its user about (badge, window title, desktop notification, sound). */
export const NOTIFICATION_KINDS = ['dispatched', 'callback_due', 'escalation', 'sla_warning'] as const;

export const notificationSettingsSchema = z
  .object({
    kinds: z.object(Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, z.boolean()])) as Record<(typeof NOTIFICATION_KINDS)[number], z.ZodBoolean>).strict()
      .describe('dispatched: a ticket dispatched to my unit or me; callback_due: a callback due to me; escalation: raised to me; sla_warning: on my tickets'),
    desktop: z.boolean().describe('also as a desktop notification (the browser asks the user first)'),
    sound: z.boolean().describe('with a short sound'),
  })
  .strict()
  .meta({ id: 'NotificationSettings' });

export type NotificationSettings = z.output<typeof notificationSettingsSchema>;

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  kinds: { dispatched: true, callback_due: true, escalation: true, sla_warning: true },
  desktop: true,
  sound: false,
};
