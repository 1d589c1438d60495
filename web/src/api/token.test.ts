import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearCache, operation, request } from './client';
import { authorizationHeader, normaliseToken, readToken, saveToken, type TokenStorage } from './token';

function memoryStorage(): TokenStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

describe('the access token for a service with private reads', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    clearCache();
  });

  it('is kept in the given storage, read back, and forgotten when emptied', () => {
    const storage = memoryStorage();
    expect(readToken(storage)).toBeNull();
    expect(saveToken('  curator-key-123  ', storage)).toBe('curator-key-123');
    expect(readToken(storage)).toBe('curator-key-123');
    expect(saveToken('', storage)).toBeNull();
    expect(readToken(storage)).toBeNull();
    expect(storage.items.size).toBe(0);
  });

  it('loses a pasted "Bearer " prefix and refuses what cannot be a header value', () => {
    expect(normaliseToken('Bearer eyJhbGciOi.x.y')).toBe('eyJhbGciOi.x.y');
    expect(() => normaliseToken('two words')).toThrow(/without spaces/);
    expect(() => normaliseToken('key\r\nx-injected: 1')).toThrow();
    expect(() => normaliseToken('clé')).toThrow();
  });

  it('becomes an Authorization: Bearer header, and no header without one', () => {
    expect(authorizationHeader('abc')).toEqual({ authorization: 'Bearer abc' });
    expect(authorizationHeader(null)).toEqual({});
  });

  it('is sent with every GraphQL request once stored in sessionStorage, and not before', async () => {
    const storage = memoryStorage();
    vi.stubGlobal('sessionStorage', storage);
    const seen: Array<Record<string, string>> = [];
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      seen.push(init.headers as Record<string, string>);
      return new Response(JSON.stringify({ data: { __typename: 'Query' } }), { headers: { 'content-type': 'application/json' } });
    });
    const typename = operation<{ __typename: string }>('query Typename { __typename }');

    await request(typename, {});
    saveToken('curator-key-123');
    clearCache();
    await request(typename, {});

    expect(seen.map((h) => h.authorization ?? null)).toEqual([null, 'Bearer curator-key-123']);
  });
});
