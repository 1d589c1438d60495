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
import type { Plugin } from 'graphql-yoga';
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

export function usePersistedNamedOperations(operations: Map<string, string>): Plugin {
  return usePersistedOperations({
    allowArbitraryOperations: true,
    getPersistedOperation: (key) => operations.get(key) ?? null,
    extractPersistedOperationId: (params, request) => {
      const fromExtension = (params.extensions as { persistedQuery?: { sha256Hash?: string } } | undefined)?.persistedQuery?.sha256Hash;
      const fromBody = (params as { documentId?: string }).documentId;
      return fromExtension ?? fromBody ?? new URL(request.url).searchParams.get('documentId');
    },
    customErrors: {
      notFound: { message: 'No persisted operation has that name or hash (see schema/examples/).', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
    },
  }) as Plugin;
}
