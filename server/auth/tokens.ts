import { SignJWT, jwtVerify } from 'jose';
import type { Clock } from '../clock';

export interface TokenService {
  issue(userId: number): Promise<{ token: string; expiresAt: Date }>;
  /** The user id, or null when the token is forged, malformed or expired. */
  verify(token: string): Promise<number | null>;
}

export function createTokenService(secret: string, ttlSeconds: number, clock: Clock): TokenService {
  const key = new TextEncoder().encode(secret);
  return {
    async issue(userId) {
      const issuedAt = Math.floor(clock.now().getTime() / 1000);
      const expiresAt = new Date((issuedAt + ttlSeconds) * 1000);
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(String(userId))
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + ttlSeconds)
        .sign(key);
      return { token, expiresAt };
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          currentDate: clock.now(),
        });
        const id = Number(payload.sub);
        return Number.isSafeInteger(id) ? id : null;
      } catch {
        return null;
      }
    },
  };
}
