/**
 * The access token the explorer sends when the service keeps reads private
 * (READS_PUBLIC=false): an API key or a JWT, typed once into the header's "Access token" field
 * and kept in sessionStorage (gone when the tab closes; never in the URL or localStorage). Every
 * request of the API module carries it as `Authorization: Bearer <token>`.
 */

const STORAGE_KEY = 'cdg.accessToken';

/** The part of the Web Storage API used here (sessionStorage in the browser, a fake in tests). */
export type TokenStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function defaultStorage(): TokenStorage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    // Storage refused (privacy settings): no token then.
    return null;
  }
}

/**
 * A token as it may be sent: visible ASCII without spaces (what a header value and a bearer
 * token allow). A pasted "Bearer ..." loses its prefix; anything else is refused.
 */
export function normaliseToken(input: string): string | null {
  const token = input.trim().replace(/^Bearer\s+/i, '');
  if (!token) return null;
  if (!/^[\x21-\x7E]+$/.test(token) || token.length > 4096) throw new Error('A token is letters, digits and symbols without spaces.');
  return token;
}

export function readToken(storage: TokenStorage | null = defaultStorage()): string | null {
  try {
    return storage?.getItem(STORAGE_KEY) || null;
  } catch {
    return null;
  }
}

/** Stores the token (or forgets it for an empty input); throws for one that cannot be sent. */
export function saveToken(input: string, storage: TokenStorage | null = defaultStorage()): string | null {
  const token = normaliseToken(input);
  if (!storage) return token;
  if (token) storage.setItem(STORAGE_KEY, token);
  else storage.removeItem(STORAGE_KEY);
  return token;
}

/** The header to add to a request: none without a token. */
export function authorizationHeader(token: string | null): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}
