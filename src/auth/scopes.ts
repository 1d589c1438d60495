/**
 * Who may do what, defined once. The GraphQL schema asks for scopes on its fields through the
 * Pothos scope plugin (`authScopes: { curator: true }`, wired in src/builder.ts); the HTTP routes
 * (/import) ask the same question with requireScope. Both answer from the principal the access
 * rule found (src/http/access.ts), with the same refusals: UNAUTHENTICATED without a token,
 * FORBIDDEN naming the scope without it.
 *
 * Reads need no scope unless READS_PUBLIC=false; that rule is the access rule's, applied before
 * any path (GraphQL or not) is served.
 */
import { ErrorCode } from '../errors.js';
import { AuthError, SCOPES, type Principal, type Scope } from './auth.js';

/** The scopes a principal holds, as the scope plugin's map (anonymous: none). */
export function scopeMap(principal: Principal | null): Record<Scope, boolean> {
  return Object.fromEntries(SCOPES.map((scope) => [scope, principal?.scopes.has(scope) ?? false])) as Record<Scope, boolean>;
}

/** Why `principal` may not do `action`, which needs `scope`. */
export function scopeRefusal(principal: Principal | null, scope: Scope, action: string): AuthError {
  if (!principal) {
    return new AuthError(ErrorCode.UNAUTHENTICATED, `${action} needs a bearer token (an API key or a JWT) with the ${scope} scope.`);
  }
  return new AuthError(
    ErrorCode.FORBIDDEN,
    `${action} needs the ${scope} scope; the token of ${principal.subject} has ${[...principal.scopes].join(', ') || 'none'}.`,
    { requiredScope: scope },
  );
}

/** Throws UNAUTHENTICATED without a principal, FORBIDDEN without the scope. */
export function requireScope(principal: Principal | null, scope: Scope, action: string): Principal {
  if (!principal || !scopeMap(principal)[scope]) throw scopeRefusal(principal, scope, action);
  return principal;
}
