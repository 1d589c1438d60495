/**
 * POST /import: a bulk import over HTTP, for curators.
 *
 *   content-type application/json, application/yaml (or text/yaml, application/x-yaml): a bundle
 *   content-type text/csv: relationships
 *   ?name=<file name>: the audit record's target (default import.yaml / import.csv)
 *
 * 401 without a valid token, 403 without the curator scope (GraphQL error shape with
 * extensions.code), 415 for another content type, 422 {problems} when anything is wrong (nothing
 * is written), 200 with the load report otherwise. Never a 500 or a stack trace: 413 when the
 * import is too large to read or apply (MAX_IMPORT_BYTES, MAX_IMPORT_ENTRIES, time, memory),
 * 503 DATABASE_UNAVAILABLE when Neo4j is down, 503 IMPORT_BUSY while another import is read.
 * The text is parsed in a worker thread (import-parser.ts), so the event loop stays free.
 */
import type { Plugin } from 'graphql-yoga';
import { requireScope, AuthError, type Principal } from '../../auth/auth.js';
import { ErrorCode } from '../../errors.js';
import type { Database } from '../../db/query.js';
import type { Logger } from '../../logger.js';
import { isDatabaseUnavailable, isTimeout } from '../../http/errors.plugin.js';
import { limits } from '../../limits.js';
import { ImportParser, ImportRefused } from './import-parser.js';
import { runImport, type ImportInput } from './import.service.js';

export interface ImportDeps {
  db: Database;
  logger: Logger;
  /** The request's principal; null without a token; throws AuthError for a bad one. */
  authenticate: (request: Request) => Promise<Principal | null>;
  /** Called after a successful import (invalidates the read cache). */
  onWrite: () => void;
  requestIdOf?: (request: Request) => string;
}

/** Neo4j refusing a transaction for its size: the import is too large to apply at once. */
const isTooLargeForOneTransaction = (error: unknown) =>
  /MemoryPoolOutOfMemoryError|MemoryLimitExceeded|memory limit|OutOfMemory/i.test(
    `${(error as { code?: string })?.code ?? ''} ${(error as Error)?.message ?? ''}`,
  );

const BUNDLE_TYPES = ['application/json', 'application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];
const NAME_PATTERN = /^[\w.@-]{1,200}$/;

function errorResponse(
  status: number,
  message: string,
  extensions: Record<string, unknown>,
  headers: Record<string, string> = {},
): Response {
  return Response.json({ errors: [{ message, extensions }] }, { status, headers });
}

function authFailure(error: AuthError): Response {
  const code = error.extensions.code;
  return code === ErrorCode.FORBIDDEN
    ? errorResponse(403, error.message, error.extensions)
    : errorResponse(401, error.message, { ...error.extensions, code: ErrorCode.UNAUTHENTICATED }, { 'www-authenticate': 'Bearer' });
}

export function useImport(deps: ImportDeps): Plugin {
  const parser = new ImportParser(() => ({ timeoutMs: limits.importParseTimeoutMs, maxEntries: limits.maxImportEntries }));
  return {
    async onRequest({ request, url, endResponse }) {
      if (url.pathname.replace(/\/+$/, '') !== '/import') return;
      const requestId = deps.requestIdOf?.(request) ?? 'none';
      try {
        await handle(request, url, endResponse, requestId);
      } catch (error) {
        endResponse(importFailure(error, requestId, deps.logger));
      }
    },
    onDispose: () => parser.close(),
  };

  async function handle(request: Request, url: URL, endResponse: (response: Response) => void, requestId: string): Promise<void> {
    {
      if (request.method !== 'POST') {
        endResponse(errorResponse(405, 'Imports are sent with POST.', { code: 'METHOD_NOT_ALLOWED' }, { allow: 'POST' }));
        return;
      }

      let principal: Principal;
      try {
        principal = requireScope(await deps.authenticate(request), 'curator', 'Importing');
      } catch (error) {
        if (error instanceof AuthError) {
          endResponse(authFailure(error));
          return;
        }
        throw error;
      }

      const contentType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
      const format = contentType === 'text/csv' ? 'csv' : BUNDLE_TYPES.includes(contentType) ? 'bundle' : null;
      if (!format) {
        endResponse(
          errorResponse(
            415,
            `Send a bundle as application/json or application/yaml, or relationships as text/csv (got "${contentType || 'none'}").`,
            {
              code: 'UNSUPPORTED_MEDIA_TYPE',
            },
          ),
        );
        return;
      }
      const name = url.searchParams.get('name') ?? (format === 'csv' ? 'import.csv' : 'import.yaml');
      if (!NAME_PATTERN.test(name)) {
        endResponse(
          errorResponse(400, 'name must be a file name (letters, digits, . _ @ -, at most 200).', {
            code: ErrorCode.BAD_USER_INPUT,
            argument: 'name',
          }),
        );
        return;
      }

      if (!deps.db.health.available) {
        endResponse(
          errorResponse(
            503,
            'The graph database is unavailable; try again shortly.',
            { code: ErrorCode.DATABASE_UNAVAILABLE, requestId },
            { 'retry-after': '5' },
          ),
        );
        return;
      }
      const input: ImportInput = { format, name, text: await request.text() };
      // Deep nesting can exhaust the parser (a fatal, process-wide out-of-memory in V8's regexp
      // compiler was seen): refuse it with a linear scan before any parsing.
      if (input.format === 'bundle' && nestingDepth(input.text) > MAX_NESTING) {
        throw new ImportRefused(422, 'IMPORT_UNREADABLE', `The import nests lists or maps more than ${MAX_NESTING} deep.`);
      }
      const cypher = deps.db.observed(() => {});
      const outcome = await runImport(cypher, input, { by: principal.subject, comment: url.searchParams.get('comment') }, (f, n, t) =>
        parser.parse(f, n, t),
      );
      if (outcome.status === 'invalid') {
        deps.logger.info({ by: principal.subject, target: name, problems: outcome.problems.length }, 'import refused');
        endResponse(
          Response.json(
            {
              code: 'IMPORT_INVALID',
              problems: outcome.problems.map((p) => ({
                file: p.file,
                line: p.line ?? null,
                entry: p.entry ?? null,
                field: p.field ?? null,
                message: p.message,
              })),
            },
            { status: 422 },
          ),
        );
        return;
      }
      deps.onWrite();
      deps.logger.info({ by: principal.subject, target: name, loaded: outcome.loaded }, 'import applied');
      endResponse(Response.json({ name: outcome.name, loaded: outcome.loaded, graph: outcome.graph }, { status: 200 }));
    }
  }
}

/** Every failure as a coded JSON answer with the request id; never a 500 with a stack trace. */
function importFailure(error: unknown, requestId: string, logger: Logger): Response {
  if (error instanceof ImportRefused) {
    logger.info({ requestId, code: error.code }, 'import refused');
    return errorResponse(error.status, error.message, { code: error.code, requestId }, error.status === 503 ? { 'retry-after': '5' } : {});
  }
  if (isDatabaseUnavailable(error)) {
    logger.warn({ requestId, err: error }, 'import: graph database unavailable');
    return errorResponse(
      503,
      'The graph database is unavailable; nothing was imported. Try again shortly.',
      { code: ErrorCode.DATABASE_UNAVAILABLE, requestId },
      { 'retry-after': '5' },
    );
  }
  if (isTooLargeForOneTransaction(error) || isTimeout(error)) {
    logger.warn({ requestId, err: error }, 'import too large for one transaction');
    return errorResponse(413, 'The import is too large to apply in one transaction (nothing was written); split it into smaller files.', {
      code: 'IMPORT_TOO_LARGE',
      requestId,
    });
  }
  logger.error({ requestId, err: error }, 'import failed');
  return errorResponse(500, `Unexpected error; nothing was imported. Quote request id ${requestId} when reporting it.`, {
    code: 'INTERNAL_SERVER_ERROR',
    requestId,
  });
}

const MAX_NESTING = 64;

/** The deepest [ or { nesting outside quoted strings (a linear scan, no parsing). */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') deepest = Math.max(deepest, ++depth);
    else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return deepest;
}
