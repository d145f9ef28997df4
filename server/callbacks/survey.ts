import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { settingsStore } from '../db/settings';

/**
 * Survey links: `<surveyId>.<expiresAt seconds>.<HMAC-SHA256>`. The signature makes a guessed or
 * edited link worthless; the expiry is inside the signed part and checked again against the row;
 * single use is the row's `answered_at` plus the callback still being open.
 */
export type SurveyTokenCheck = { ok: true; surveyId: number; expiresAt: Date } | { ok: false; reason: 'invalid' | 'expired' };

const SECRET_KEY = 'callback_survey_secret';

/** The signing secret lives in `settings` so every instance and restart shares it. */
export async function surveySecret(knex: Knex): Promise<string> {
  return settingsStore.once(knex, SECRET_KEY, 32);
}

const sign = (secret: string, body: string) => crypto.createHmac('sha256', secret).update(`survey:${body}`).digest('base64url');

export function signSurveyToken(secret: string, surveyId: number, expiresAt: Date): string {
  const body = `${surveyId}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${body}.${sign(secret, body)}`;
}

export function verifySurveyToken(secret: string, token: string, now: Date): SurveyTokenCheck {
  const match = /^(\d{1,15})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(sign(secret, `${match[1]}.${match[2]}`));
  const given = Buffer.from(match[3]!);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  const expiresAt = new Date(Number(match[2]) * 1000);
  if (expiresAt <= now) return { ok: false, reason: 'expired' };
  return { ok: true, surveyId: Number(match[1]), expiresAt };
}
