/**
 * Named operations a dashboard can call by a stable name instead of sending the query text:
 * every file in schema/examples/ is one, callable as `documentId=<file name>` (in the URL or
 * the body) or by the SHA-256 of its text (Apollo's persistedQuery extension). Arbitrary
 * queries remain allowed.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { PROJECT_ROOT } from './paths.js';

export const OPERATIONS_DIR = path.join(PROJECT_ROOT, 'schema/examples');

export function loadPersistedOperations(dir = OPERATIONS_DIR): Map<string, string> {
  const operations = new Map<string, string>();
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.graphql'));
  } catch {
    return operations;
  }
  for (const file of files.sort()) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    operations.set(file.replace(/\.graphql$/, ''), text);
    operations.set(createHash('sha256').update(text).digest('hex'), text);
  }
  return operations;
}

/** The operation names the persisted documents declare (e.g. "EuCyberDirectPartners"). */
export function persistedOperationNames(operations: ReadonlyMap<string, string>): Set<string> {
  const names = new Set<string>();
  for (const text of operations.values()) {
    for (const match of text.matchAll(/^\s*(?:query|mutation|subscription)\s+([A-Za-z_][A-Za-z0-9_]*)/gm)) names.add(match[1]!);
  }
  return names;
}

/** The persisted operation a request names (by hash, documentId in the body, or in the URL), if any. */
export function persistedOperationId(params: { extensions?: unknown; documentId?: unknown }, url: URL): string | null {
  const fromExtension = (params.extensions as { persistedQuery?: { sha256Hash?: string } } | undefined)?.persistedQuery?.sha256Hash;
  const fromBody = typeof params.documentId === 'string' ? params.documentId : undefined;
  return fromExtension ?? fromBody ?? url.searchParams.get('documentId');
}

/**
 * A request with neither a query nor a persisted operation is a client mistake: 400 saying the
 * query is missing (instead of the persisted-operation plugin's "not found").
 */
export function useMissingQuery(): Plugin {
  return {
    onParams({ params, request }) {
      if (params.query || persistedOperationId(params as { extensions?: unknown; documentId?: unknown }, new URL(request.url))) return;
      throw createGraphQLError("The request has no GraphQL query: send `query` (or a persisted operation's `documentId`).", {
        extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
      });
    },
  };
}

export function usePersistedNamedOperations(operations: Map<string, string>): Plugin {
  return usePersistedOperations({
    allowArbitraryOperations: true,
    getPersistedOperation: (key) => operations.get(key) ?? null,
    extractPersistedOperationId: (params, request) =>
      persistedOperationId(params as { extensions?: unknown; documentId?: unknown }, new URL(request.url)),
    customErrors: {
      notFound: {
        message: 'No persisted operation has that name or hash (see schema/examples/).',
        extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
      },
    },
  }) as Plugin;
}
