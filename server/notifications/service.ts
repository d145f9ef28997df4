import type { Principal } from '../auth/permissions';
import type { Deps } from '../deps';
import { DEFAULT_NOTIFICATION_SETTINGS, notificationSettingsSchema, type NotificationSettings } from './schemas';

/** Each user's switches for console alerts; unset means the defaults. */
export function createNotificationsService(deps: Deps) {
  const { knex, clock } = deps;
  return {
    async get(principal: Principal): Promise<NotificationSettings> {
      const row = await knex('user_notification_settings').where({ user_id: principal.id }).first<{ settings: unknown } | undefined>('settings');
      // a stored shape from an older console (a kind added since) falls back to the defaults per field
      const parsed = notificationSettingsSchema.safeParse({ ...DEFAULT_NOTIFICATION_SETTINGS, ...(row?.settings as object | undefined), kinds: { ...DEFAULT_NOTIFICATION_SETTINGS.kinds, ...(row?.settings as { kinds?: object } | undefined)?.kinds } });
      return parsed.success ? parsed.data : DEFAULT_NOTIFICATION_SETTINGS;
    },

    async put(principal: Principal, settings: NotificationSettings): Promise<NotificationSettings> {
      await knex('user_notification_settings')
        .insert({ user_id: principal.id, settings: JSON.stringify(settings), updated_at: clock.now() })
        .onConflict('user_id').merge();
      return settings;
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
