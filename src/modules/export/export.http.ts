/**
 * GET /export...: the graph (or a neighbourhood of it) as JSON or CSV, streamed as Neo4j reads
 * it, for people who analyse elsewhere (Gephi, pandas, spreadsheets).
 *
 *   /export                         index: the files below with their row counts
 *   /export/graph.json              {"nodes": [...], "sources": [...], "edges": [...]}
 *   /export/nodes.csv               one row per node
 *   /export/sources.csv             one row per source
 *   /export/relationships/TYPE.csv  one row per relationship of TYPE (PARTNER_IN, ..., MENTIONS)
 *
 * Query parameters (all files): around=<slug>&depth=1..3 restricts to a neighbourhood.
 */
import { stringify, type Options as StringifyOptions } from 'csv-stringify/sync';
import type { Plugin } from 'graphql-yoga';
import { RELATIONSHIP_TYPE_NAMES, propertyKeysOf, type RelationshipType } from '../../domain/model.js';
import type { Database, QueryRunner } from '../../db/query.js';
import { ErrorCode } from '../../errors.js';
import { isMemoryLimit } from '../../db/driver-errors.js';
import { isDatabaseUnavailable, isTimeout } from '../../http/errors.plugin.js';
import type { Limits } from '../../limits.js';
import type { Logger } from '../../logger.js';
import { typesOrAll } from '../analytics/analytics.repository.js';
import { expandFrontier } from '../analytics/neighbourhood.repository.js';
import { countGraph } from '../graph/graph.repository.js';
import {
  EXPORT_RELATIONSHIP_TYPES,
  centreExists,
  countNodeRows,
  streamEdges,
  streamNodes,
  streamSources,
  type ExportEdge,
} from './export.repository.js';

const MAX_EXPORT_NODES = 50_000;

/** Each export statement's own (server-side) timeout: just past the export's deadline, which fires first. */
const txTimeoutOf = (limits: Pick<Limits, 'exportTimeoutMs'>) => limits.exportTimeoutMs + 5_000;

class ExportRequestError extends Error {}

/**
 * One CSV row (csv-stringify): RFC 4180 with CRLF line ends; fields with commas, quotes or any
 * line break (CR or LF alone too) quoted, their quotes doubled; lists joined with "|"; null and
 * missing values empty; every other value as String() writes it (true, 12, 1.5).
 */
const CSV_OPTIONS: StringifyOptions = {
  record_delimiter: 'windows',
  quoted_match: /[\r\n]/,
  cast: { boolean: String, number: String, bigint: String, date: String, object: String },
};
const csvRow = (values: unknown[]) => stringify([values.map((v) => (Array.isArray(v) ? v.join('|') : v))], CSV_OPTIONS);

const NODE_COLUMNS = ['id', 'label', 'kind', 'name', 'aliases', 'description', 'date', 'code', 'countryCode', 'location'] as const;
const SOURCE_COLUMNS = ['id', 'title', 'kind', 'language', 'file', 'publisher', 'url', 'published'] as const;
/** Kinds and languages are written as the GraphQL enums (and groupCount keys) spell them, in CSV and JSON alike: STATE, ID. */
const ENUM_COLUMNS = new Set<string>(['kind', 'language']);
const enumCased = (column: string, value: unknown) => (ENUM_COLUMNS.has(column) && typeof value === 'string' ? value.toUpperCase() : value);

function edgeColumns(type: string): string[] {
  const specific =
    type === 'ATTESTS'
      ? ['property', 'value']
      : type === 'MENTIONS'
        ? ['start', 'end', 'matched']
        : propertyKeysOf(type as RelationshipType);
  return ['source_node', 'target_node', ...specific, 'evidence_source', 'excerpt', 'asOf'];
}

function edgeCsvValues(edge: ExportEdge, columns: string[]): unknown[] {
  return columns.map((c) =>
    c === 'source_node' ? edge.start : c === 'target_node' ? edge.end : c === 'evidence_source' ? edge.props.source : edge.props[c],
  );
}

/** Why a stream stopped early; the response is then cut (the client sees an incomplete transfer). */
class ExportAborted extends Error {}

interface StreamBounds {
  /** The whole export must finish within this. */
  deadlineMs: number;
  /** A reader that takes nothing for this long is dropped. */
  stallMs: number;
}

/**
 * Streams the generator's text, pull-driven: Neo4j is read only as fast as the client takes the
 * bytes (the driver fetches 1,000 records at a time and waits), so a slow client holds at most
 * a batch in memory. The first chunk is read before the response starts, so a database failure
 * at the start is still a coded 503. After that, a failure, the deadline or a stalled reader
 * ends the generator (rolling back its transaction), logs, and cuts the connection: the stream
 * itself never errors towards the HTTP layer, so nothing can reject unhandled.
 */
async function boundedStream(
  generate: () => AsyncGenerator<string>,
  bounds: StreamBounds,
  logger: Logger,
  cut: (() => void) | null,
  onClose: () => void,
): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const iterator = generate();
  let finished = false;
  let stallTimer: NodeJS.Timeout | undefined;
  let deadlineTimer: NodeJS.Timeout | undefined;
  let controllerRef: ReadableStreamDefaultController<Uint8Array> | undefined;

  const finish = () => {
    if (finished) return;
    finished = true;
    clearTimeout(stallTimer);
    clearTimeout(deadlineTimer);
    onClose();
  };
  const abandon = (reason: Error) => {
    if (finished) return;
    finish();
    logger.warn({ reason: reason.message }, 'export stopped early; cutting the response');
    // Ends the generator: its finally blocks roll back the transaction and close the session.
    void iterator.return(undefined).catch(() => {});
    if (cut) {
      cut();
      try {
        controllerRef?.close();
      } catch {
        // already closed
      }
    } else {
      // In-process callers (app.fetch) have no socket to cut: they see a failed body instead.
      try {
        controllerRef?.error(reason);
      } catch {
        // already closed
      }
    }
  };
  const armStall = () => {
    clearTimeout(stallTimer);
    stallTimer = setTimeout(() => abandon(new ExportAborted(`the client read nothing for ${bounds.stallMs} ms`)), bounds.stallMs);
    stallTimer.unref();
  };

  const readChunk = async (): Promise<{ text: string; done: boolean }> => {
    // Batch small strings into chunks of ~64 KB to keep syscalls few.
    let text = '';
    while (text.length < 65_536) {
      const { value, done } = await iterator.next();
      if (done) return { text, done: true };
      text += value;
    }
    return { text, done: false };
  };

  // The first chunk before any byte is sent: failures here become a coded error response.
  let first: { text: string; done: boolean };
  try {
    first = await readChunk();
  } catch (error) {
    finish();
    void iterator.return(undefined).catch(() => {});
    throw error;
  }
  deadlineTimer = setTimeout(() => abandon(new ExportAborted(`the export ran past ${bounds.deadlineMs} ms`)), bounds.deadlineMs);
  deadlineTimer.unref();

  let pending: { text: string; done: boolean } | null = first;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controllerRef = controller;
        armStall();
      },
      async pull(controller) {
        if (finished) return;
        armStall();
        try {
          const chunk = pending ?? (await readChunk());
          pending = null;
          if (finished) return;
          if (chunk.text) controller.enqueue(encoder.encode(chunk.text));
          if (chunk.done) {
            finish();
            controller.close();
          }
        } catch (error) {
          logger.error({ err: error }, 'export failed mid-stream');
          abandon(error as Error);
        }
      },
      cancel() {
        // The client went away: release the transaction now.
        finish();
        void iterator.return(undefined).catch(() => {});
      },
    },
    { highWaterMark: 1 },
  );
}

async function scopeIds(cypher: QueryRunner, params: URLSearchParams): Promise<string[] | null> {
  const around = params.get('around');
  if (!around) return null;
  const depth = Number(params.get('depth') ?? '1');
  if (!Number.isInteger(depth) || depth < 1 || depth > 3) throw new ExportRequestError('depth must be 1, 2 or 3');
  if (!(await centreExists(cypher, around))) throw new ExportRequestError(`no node has id "${around}"`);
  const seen = [around];
  let frontier = [around];
  for (let hop = 0; hop < depth && frontier.length > 0; hop++) {
    frontier = await expandFrontier(cypher, frontier, seen, typesOrAll(null), null, MAX_EXPORT_NODES - seen.length + 1);
    seen.push(...frontier);
    if (seen.length > MAX_EXPORT_NODES)
      throw new ExportRequestError(`the neighbourhood has more than ${MAX_EXPORT_NODES} nodes; lower depth`);
  }
  return seen;
}

async function* jsonExport(cypher: QueryRunner, ids: string[] | null, txTimeout: number): AsyncGenerator<string> {
  yield '{"nodes":[';
  let first = true;
  for await (const node of streamNodes(cypher, ids, txTimeout)) {
    yield (first ? '' : ',') + JSON.stringify({ ...node, kind: enumCased('kind', node.kind) });
    first = false;
  }
  yield '],"sources":[';
  first = true;
  for await (const source of streamSources(cypher, txTimeout)) {
    yield (first ? '' : ',') +
      JSON.stringify({ ...source, kind: enumCased('kind', source.kind), language: enumCased('language', source.language) });
    first = false;
  }
  yield '],"edges":[';
  first = true;
  for await (const edge of streamEdges(cypher, null, ids, txTimeout)) {
    const { source, excerpt, asOf, ...properties } = edge.props;
    yield (first ? '' : ',') +
      JSON.stringify({
        source: edge.start,
        target: edge.end,
        type: edge.type,
        properties,
        evidence: { source, excerpt, asOf: asOf ?? null },
      });
    first = false;
  }
  yield ']}\n';
}

async function* csvExport<T>(header: readonly string[], rows: AsyncGenerator<T>, values: (row: T) => unknown[]): AsyncGenerator<string> {
  yield csvRow([...header]);
  for await (const row of rows) yield csvRow(values(row));
}

async function exportIndex(cypher: QueryRunner, base: string) {
  // Node rows are counted as the files stream them (every :Entity), not summed per label: a
  // sum over labels counted any other label too (test probes, future markers) and a node
  // with two domain labels twice.
  const [rows, counts] = [await countNodeRows(cypher), await countGraph(cypher)];
  return {
    description: 'Exports of the graph. Add ?around=<slug>&depth=1..3 to any file for a neighbourhood.',
    files: [
      { path: `${base}/graph.json`, format: 'json', rows: { nodes: rows.entities, sources: rows.sources } },
      { path: `${base}/nodes.csv`, format: 'csv', rows: rows.entities },
      { path: `${base}/sources.csv`, format: 'csv', rows: rows.sources },
      ...EXPORT_RELATIONSHIP_TYPES.map((type) => ({
        path: `${base}/relationships/${type}.csv`,
        format: 'csv',
        rows: counts.relationships[type] ?? 0,
      })),
    ],
  };
}

function problem(status: number, code: string, message: string, requestId: string, headers: Record<string, string> = {}): Response {
  return Response.json({ error: message, code, requestId }, { status, headers });
}

export function useExport(
  db: Database,
  logger: Logger,
  limits: Pick<Limits, 'exportTimeoutMs' | 'exportStallMs' | 'maxConcurrentExports'>,
  requestIdOf: (request: Request) => string = () => 'none',
): Plugin {
  /** This app's exports running now, across requests: each holds a read transaction while it streams. */
  let runningExports = 0;
  const txTimeout = txTimeoutOf(limits);
  return {
    async onRequest({ request, url, endResponse, serverContext }) {
      if (!url.pathname.startsWith('/export')) return;
      const requestId = requestIdOf(request);
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(new Response('Exports are read with GET.\n', { status: 405, headers: { allow: 'GET, HEAD' } }));
        return;
      }
      if (!db.health.available) {
        endResponse(
          problem(503, ErrorCode.DATABASE_UNAVAILABLE, 'The graph database is unavailable; try again shortly.', requestId, {
            'retry-after': '5',
          }),
        );
        return;
      }
      const cypher = db.observed(() => {});
      const path = url.pathname.replace(/\/+$/, '');
      const isFile = path !== '/export';
      if (isFile && runningExports >= limits.maxConcurrentExports) {
        endResponse(
          problem(
            503,
            'EXPORT_BUSY',
            `${runningExports} exports are running, the most at once (MAX_CONCURRENT_EXPORTS); retry shortly.`,
            requestId,
            { 'retry-after': '5' },
          ),
        );
        return;
      }
      // The Node response, when there is one: cut on failure, and its close ends the export.
      const res = (
        serverContext as { res?: { destroy(): void; once(event: 'close', listener: () => void): void; writableFinished?: boolean } }
      ).res;
      let slotTaken = false;
      const release = () => {
        if (slotTaken) runningExports--;
        slotTaken = false;
      };
      try {
        if (!isFile) {
          endResponse(Response.json(await exportIndex(cypher, '/export')));
          return;
        }
        runningExports++;
        slotTaken = true;
        const ids = await scopeIds(cypher, url.searchParams);
        const csvHeaders = (name: string) => ({
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${name}"`,
        });
        let generate: () => AsyncGenerator<string>;
        let headers: Record<string, string>;
        const relationshipFile = /^\/export\/relationships\/([A-Z_]+)\.csv$/.exec(path);
        if (path === '/export/graph.json') {
          generate = () => jsonExport(cypher, ids, txTimeout);
          headers = { 'content-type': 'application/json; charset=utf-8' };
        } else if (path === '/export/nodes.csv') {
          generate = () => csvExport(NODE_COLUMNS, streamNodes(cypher, ids, txTimeout), (n) => NODE_COLUMNS.map((c) => enumCased(c, n[c])));
          headers = csvHeaders('nodes.csv');
        } else if (path === '/export/sources.csv') {
          generate = () =>
            csvExport(SOURCE_COLUMNS, streamSources(cypher, txTimeout), (s) => SOURCE_COLUMNS.map((c) => enumCased(c, s[c])));
          headers = csvHeaders('sources.csv');
        } else if (relationshipFile && (EXPORT_RELATIONSHIP_TYPES as readonly string[]).includes(relationshipFile[1] ?? '')) {
          const type = relationshipFile[1] as (typeof EXPORT_RELATIONSHIP_TYPES)[number];
          const columns = edgeColumns(type);
          generate = () => csvExport(columns, streamEdges(cypher, type, ids, txTimeout), (e) => edgeCsvValues(e, columns));
          headers = csvHeaders(`${type}.csv`);
        } else {
          release();
          const known = ['graph.json', 'nodes.csv', 'sources.csv', ...RELATIONSHIP_TYPE_NAMES.map((t) => `relationships/${t}.csv`)];
          endResponse(
            problem(404, 'NOT_FOUND', `No export at ${path}. See /export for the list (e.g. ${known.slice(0, 4).join(', ')}).`, requestId),
          );
          return;
        }
        if (request.method === 'HEAD') {
          release();
          endResponse(new Response(null, { status: 200, headers }));
          return;
        }
        const body = await boundedStream(
          generate,
          { deadlineMs: limits.exportTimeoutMs, stallMs: limits.exportStallMs },
          logger.child({ requestId, export: path }),
          res ? () => res.destroy() : null,
          release,
        );
        endResponse(new Response(body, { status: 200, headers: { ...headers, 'x-request-id': requestId } }));
      } catch (error) {
        release();
        endResponse(exportFailure(error, requestId, logger));
      }
    },
  };
}

/** Every failure before the first byte, as a coded JSON answer (never a stack trace). */
function exportFailure(error: unknown, requestId: string, logger: Logger): Response {
  if (error instanceof ExportRequestError) return problem(400, ErrorCode.BAD_USER_INPUT, error.message, requestId);
  if (isDatabaseUnavailable(error)) {
    logger.warn({ requestId, err: error }, 'export: graph database unavailable');
    return problem(503, ErrorCode.DATABASE_UNAVAILABLE, 'The graph database is unavailable; try again shortly.', requestId, {
      'retry-after': '5',
    });
  }
  if (isMemoryLimit(error)) {
    logger.warn({ requestId, err: error }, 'export: Neo4j refused the memory it needs now');
    return problem(
      503,
      ErrorCode.DATABASE_UNAVAILABLE,
      'The graph database lacks the memory for this export now; try again shortly.',
      requestId,
      {
        'retry-after': '5',
      },
    );
  }
  if (isTimeout(error)) {
    logger.warn({ requestId, err: error }, 'export: timed out');
    return problem(503, 'QUERY_TIMEOUT', 'The export took longer than the database allows; try a neighbourhood (?around=).', requestId);
  }
  logger.error({ requestId, err: error }, 'export failed');
  return problem(500, 'INTERNAL_SERVER_ERROR', `Unexpected error. Quote request id ${requestId} when reporting it.`, requestId);
}
