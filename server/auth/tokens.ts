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

/** What a valid API client token says: which client, issued in which of its generations. */
export interface ClientTokenClaims {
  clientId: number;
  generation: number;
  /** the scopes granted to this token (a subset of the client's) */
  scopes: string[];
  expiresAt: Date;
}

export interface TokenService {
  issue(userId: number, generation?: number): Promise<{ token: string; expiresAt: Date; jti: string }>;
  /** The claims, or null when the token is forged, malformed or expired. */
  verify(token: string): Promise<TokenClaims | null>;
  /** An API client's bearer token (OAuth client credentials), with its own lifetime. */
  issueClient(clientId: number, generation: number, ttlSeconds: number, scopes: readonly string[]): Promise<{ token: string; expiresAt: Date }>;
  /** The client claims, or null for anything else (a user's token included). */
  verifyClient(token: string): Promise<ClientTokenClaims | null>;
}

/** Client tokens name their subject `client:<id>`, which no user token's numeric subject can be. */
const CLIENT_SUBJECT = /^client:([1-9][0-9]{0,15})$/;

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
/** Canonical unpadded base64url: Node's decoder skips junk (`sig!!`, `sig==`), so the text itself is checked. */
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** An HMAC-SHA256 signature is 32 bytes: exactly 43 base64url characters, the last one of 16 possible. */
const SIGNATURE = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

/** HS256 JSON Web Tokens with node:crypto: the one algorithm we issue is the only one we accept. */
export function createTokenService(secret: string, ttlSeconds: number, clock: Clock): TokenService {
  const sign = (input: string) => crypto.createHmac('sha256', secret).update(input).digest();
  const signed = (claims: Record<string, unknown>) => {
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${HEADER}.${payload}.${sign(`${HEADER}.${payload}`).toString('base64url')}`;
  };
  /** The payload of a well-formed, correctly signed, unexpired token; null otherwise. */
  const readPayload = (token: string): Record<string, unknown> | null => {
    const [header, payload, signature, ...rest] = token.split('.');
    if (header !== HEADER || !payload || !signature || rest.length > 0) return null;
    if (!BASE64URL.test(payload) || !SIGNATURE.test(signature)) return null;
    const expected = sign(`${header}.${payload}`);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as unknown;
      if (!claims || typeof claims !== 'object') return null;
      const exp = (claims as { exp?: unknown }).exp;
      if (typeof exp !== 'number' || exp * 1000 <= clock.now().getTime()) return null;
      return claims as Record<string, unknown>;
    } catch {
      return null;
    }
  };
  return {
    async issue(userId, generation = 0) {
      const iat = Math.floor(clock.now().getTime() / 1000);
      const exp = iat + ttlSeconds;
      const jti = crypto.randomBytes(16).toString('base64url');
      return { token: signed({ sub: String(userId), gen: generation, jti, iat, exp }), expiresAt: new Date(exp * 1000), jti };
    },
    async verify(token) {
      const claims = readPayload(token);
      if (!claims) return null;
      const id = Number(claims.sub);
      if (typeof claims.jti !== 'string' || !BASE64URL.test(claims.jti) || !Number.isSafeInteger(claims.gen)) return null;
      if (!Number.isSafeInteger(id) || id <= 0) return null;
      return { userId: id, jti: claims.jti, generation: claims.gen as number, expiresAt: new Date((claims.exp as number) * 1000) };
    },
    async issueClient(clientId, generation, clientTtlSeconds, scopes) {
      const iat = Math.floor(clock.now().getTime() / 1000);
      const exp = iat + clientTtlSeconds;
      return { token: signed({ sub: `client:${clientId}`, gen: generation, scope: scopes.join(' '), iat, exp }), expiresAt: new Date(exp * 1000) };
    },
    async verifyClient(token) {
      const claims = readPayload(token);
      const subject = typeof claims?.sub === 'string' ? CLIENT_SUBJECT.exec(claims.sub) : null;
      if (!claims || !subject || !Number.isSafeInteger(claims.gen) || typeof claims.scope !== 'string') return null;
      return { clientId: Number(subject[1]), generation: claims.gen as number, scopes: claims.scope.split(' ').filter(Boolean), expiresAt: new Date((claims.exp as number) * 1000) };
    },
  };
}
