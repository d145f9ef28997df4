import crypto from 'node:crypto';
import type { Clock } from '../clock';

export interface TokenService {
  issue(userId: number): Promise<{ token: string; expiresAt: Date }>;
  /** The user id, or null when the token is forged, malformed or expired. */
  verify(token: string): Promise<number | null>;
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/** HS256 JSON Web Tokens with node:crypto: the one algorithm we issue is the only one we accept. */
export function createTokenService(secret: string, ttlSeconds: number, clock: Clock): TokenService {
  const sign = (input: string) => crypto.createHmac('sha256', secret).update(input).digest();
  return {
    async issue(userId) {
      const iat = Math.floor(clock.now().getTime() / 1000);
      const exp = iat + ttlSeconds;
      const payload = Buffer.from(JSON.stringify({ sub: String(userId), iat, exp })).toString('base64url');
      const signature = sign(`${HEADER}.${payload}`).toString('base64url');
      return { token: `${HEADER}.${payload}.${signature}`, expiresAt: new Date(exp * 1000) };
    },
    async verify(token) {
      const [header, payload, signature, ...rest] = token.split('.');
      if (header !== HEADER || !payload || !signature || rest.length > 0) return null;
      const expected = sign(`${header}.${payload}`);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
      try {
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub?: unknown; exp?: unknown };
        const id = Number(claims.sub);
        if (typeof claims.exp !== 'number' || claims.exp * 1000 <= clock.now().getTime()) return null;
        return Number.isSafeInteger(id) && id > 0 ? id : null;
      } catch {
        return null;
      }
    },
  };
}
