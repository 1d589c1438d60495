/**
 * Who is asking, and what they may do. Reads are public by default; writes need a bearer
 * token: an API key from configuration (stored as a SHA-256 hash, compared in constant time)
 * or a JWT (HS256 secret or a JWKS URL). Scopes: `curator` writes, `admin` also deletes.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';
import { ClientError, ErrorCode } from '../errors.js';

export const SCOPES = ['reader', 'curator', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

export interface Principal {
  /** The token's subject: the API key's name or the JWT `sub`. Recorded in the audit trail. */
  subject: string;
  scopes: ReadonlySet<Scope>;
  via: 'api-key' | 'jwt';
}

export const apiKeySchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9._@-]{1,100}$/, 'must be a short name (letters, digits, . _ @ -)'),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be the hex SHA-256 of the key (npm run apikey prints it)'),
    scopes: z.array(z.enum(SCOPES)).min(1),
  })
  .strict();
export type ApiKeyEntry = z.infer<typeof apiKeySchema>;

export interface AuthConfig {
  apiKeys: ApiKeyEntry[];
  jwtSecret?: string;
  jwksUrl?: string;
  jwtIssuer?: string;
  jwtAudience?: string;
  /** Refuse JWTs without `exp` (default true). */
  jwtRequireExp?: boolean;
  /** Longest accepted lifetime in seconds: exp - iat (or exp - now without iat). Default 1 day. */
  jwtMaxLifetimeSeconds?: number;
  /** When false, reads need a token too (any scope). */
  readsPublic: boolean;
}

export class AuthError extends ClientError {}

const unauthenticated = (message: string) => new AuthError(ErrorCode.UNAUTHENTICATED, message);

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export const DEFAULT_JWT_MAX_LIFETIME_SECONDS = 86_400;

/**
 * The claims a JWT must carry, checked after its signature: a string subject (it is written to
 * the audit trail), scopes as a string or lists of strings, and numeric times.
 */
const jwtClaimsSchema = z
  .object({
    sub: z
      .string()
      .min(1)
      .max(200)
      // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point (they are refused)
      .regex(/^[^\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069]+$/, 'must be printable'),
    scope: z.string().max(1000).optional(),
    scp: z.array(z.string().max(100)).max(50).optional(),
    roles: z.array(z.string().max(100)).max(50).optional(),
    exp: z.number().finite().optional(),
    iat: z.number().finite().optional(),
  })
  .loose();

/** Scopes a JWT grants: `scope` (space-separated), `scp` (list) or `roles` (list). */
function scopesOf(payload: JWTPayload): Set<Scope> {
  const raw = [
    ...(typeof payload.scope === 'string' ? payload.scope.split(' ') : []),
    ...(Array.isArray(payload.scp) ? payload.scp : []),
    ...(Array.isArray(payload.roles) ? payload.roles : []),
  ].map(String);
  return new Set(raw.filter((s): s is Scope => (SCOPES as readonly string[]).includes(s)));
}

export class Authenticator {
  private readonly keyHashes: Array<{ entry: ApiKeyEntry; hash: Buffer }>;
  private readonly jwks?: ReturnType<typeof createRemoteJWKSet>;
  private readonly secret?: Uint8Array;

  constructor(readonly config: AuthConfig) {
    this.keyHashes = config.apiKeys.map((entry) => ({ entry, hash: Buffer.from(entry.sha256, 'hex') }));
    if (config.jwksUrl) this.jwks = createRemoteJWKSet(new URL(config.jwksUrl));
    if (config.jwtSecret) this.secret = new TextEncoder().encode(config.jwtSecret);
  }

  /** The principal behind an Authorization header; null without one; AuthError for a bad one. */
  async authenticate(authorization: string | null): Promise<Principal | null> {
    if (!authorization) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>".');
    const token = match[1] ?? '';
    if (token.split('.').length === 3 && (this.secret || this.jwks)) return this.verifyJwt(token);
    return this.verifyApiKey(token);
  }

  private verifyApiKey(token: string): Principal {
    const presented = Buffer.from(sha256Hex(token), 'hex');
    let found: ApiKeyEntry | undefined;
    // Compare against every key (constant time each), so timing reveals nothing about which matched.
    for (const { entry, hash } of this.keyHashes) {
      if (timingSafeEqual(presented, hash) && !found) found = entry;
    }
    if (!found) throw unauthenticated('The token is not a valid API key or JWT.');
    return { subject: `key:${found.name}`, scopes: withImplied(new Set(found.scopes)), via: 'api-key' };
  }

  private async verifyJwt(token: string): Promise<Principal> {
    try {
      const requireExp = this.config.jwtRequireExp ?? true;
      const options = { issuer: this.config.jwtIssuer, audience: this.config.jwtAudience, requiredClaims: requireExp ? ['exp'] : [] };
      const { payload } = this.secret
        ? await jwtVerify(token, this.secret, { ...options, algorithms: ['HS256'] })
        : await jwtVerify(token, this.jwks!, options);
      const claims = jwtClaimsSchema.safeParse(payload);
      if (!claims.success) {
        const issue = claims.error.issues[0]!; // a failed parse has at least one issue
        throw new Error(`claim ${issue.path.join('.') || '?'} ${issue.message}`);
      }
      const maxLifetime = this.config.jwtMaxLifetimeSeconds ?? DEFAULT_JWT_MAX_LIFETIME_SECONDS;
      const { exp, iat } = claims.data;
      if (requireExp && exp !== undefined && exp - (iat ?? Date.now() / 1000) > maxLifetime) {
        throw new Error(`its lifetime is over ${maxLifetime} s (JWT_MAX_LIFETIME_SECONDS)`);
      }
      return { subject: claims.data.sub, scopes: withImplied(scopesOf(payload)), via: 'jwt' };
    } catch (error) {
      throw unauthenticated(`The JWT was not accepted: ${(error as Error).message}.`);
    }
  }
}

/** admin implies curator implies reader. */
function withImplied(scopes: Set<Scope>): Set<Scope> {
  if (scopes.has('admin')) scopes.add('curator');
  if (scopes.has('curator')) scopes.add('reader');
  return scopes;
}

/** Throws UNAUTHENTICATED without a principal, FORBIDDEN without the scope. */
export function requireScope(principal: Principal | null, scope: Scope, action: string): Principal {
  if (!principal)
    throw new AuthError(ErrorCode.UNAUTHENTICATED, `${action} needs a bearer token (an API key or a JWT) with the ${scope} scope.`);
  if (!principal.scopes.has(scope)) {
    throw new AuthError(
      ErrorCode.FORBIDDEN,
      `${action} needs the ${scope} scope; the token of ${principal.subject} has ${[...principal.scopes].join(', ') || 'none'}.`,
      {
        requiredScope: scope,
      },
    );
  }
  return principal;
}
