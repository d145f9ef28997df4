import crypto from 'node:crypto';
import type { Clock } from '../clock';

/** What a valid token says: whose it is, which of their sessions, and the generation it was issued in. */
export interface TokenClaims {
  userId: number;
  /** The token's own id: a sign-out revokes this one token. */
  jti: string;
  /** The user's token generation when issued; a password or role change bumps it and ends the token. */
  generation: number;
  expiresAt: Date;
}

export interface TokenService {
  issue(userId: number, generation?: number): Promise<{ token: string; expiresAt: Date; jti: string }>;
  /** The claims, or null when the token is forged, malformed or expired. */
  verify(token: string): Promise<TokenClaims | null>;
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
/** Canonical unpadded base64url: Node's decoder skips junk (`sig!!`, `sig==`), so the text itself is checked. */
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** An HMAC-SHA256 signature is 32 bytes: exactly 43 base64url characters, the last one of 16 possible. */
const SIGNATURE = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

/** HS256 JSON Web Tokens with node:crypto: the one algorithm we issue is the only one we accept. */
export function createTokenService(secret: string, ttlSeconds: number, clock: Clock): TokenService {
  const sign = (input: string) => crypto.createHmac('sha256', secret).update(input).digest();
  return {
    async issue(userId, generation = 0) {
      const iat = Math.floor(clock.now().getTime() / 1000);
      const exp = iat + ttlSeconds;
      const jti = crypto.randomBytes(16).toString('base64url');
      const payload = Buffer.from(JSON.stringify({ sub: String(userId), gen: generation, jti, iat, exp })).toString('base64url');
      const signature = sign(`${HEADER}.${payload}`).toString('base64url');
      return { token: `${HEADER}.${payload}.${signature}`, expiresAt: new Date(exp * 1000), jti };
    },
    async verify(token) {
      const [header, payload, signature, ...rest] = token.split('.');
      if (header !== HEADER || !payload || !signature || rest.length > 0) return null;
      if (!BASE64URL.test(payload) || !SIGNATURE.test(signature)) return null;
      const expected = sign(`${header}.${payload}`);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
      try {
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub?: unknown; exp?: unknown; gen?: unknown; jti?: unknown };
        const id = Number(claims.sub);
        if (typeof claims.exp !== 'number' || claims.exp * 1000 <= clock.now().getTime()) return null;
        if (typeof claims.jti !== 'string' || !BASE64URL.test(claims.jti) || !Number.isSafeInteger(claims.gen)) return null;
        if (!Number.isSafeInteger(id) || id <= 0) return null;
        return { userId: id, jti: claims.jti, generation: claims.gen as number, expiresAt: new Date(claims.exp * 1000) };
      } catch {
        return null;
      }
    },
  };
}
