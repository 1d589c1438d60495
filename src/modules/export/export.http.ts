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
import type { Plugin } from 'graphql-yoga';
import { RELATIONSHIP_TYPES, RELATIONSHIP_TYPE_NAMES, type RelationshipType } from '../../domain/model.js';
import type { Database, QueryRunner } from '../../db/query.js';
import type { Logger } from '../../logger.js';
import { expandFrontier, typesOrAll } from '../analytics/analytics.repository.js';
import { countGraph } from '../../../seed/load.js';
import { EXPORT_RELATIONSHIP_TYPES, countNodeRows, streamEdges, streamNodes, streamSources, type ExportEdge } from './export.repository.js';

const MAX_EXPORT_NODES = 50_000;

class ExportRequestError extends Error {}

/** RFC 4180: quote fields with commas, quotes or line breaks; double the quotes. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = Array.isArray(value) ? value.join('|') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvRow = (values: unknown[]) => `${values.map(csvField).join(',')}\r\n`;

const NODE_COLUMNS = ['id', 'label', 'kind', 'name', 'aliases', 'description', 'date', 'code', 'countryCode', 'location'] as const;
const SOURCE_COLUMNS = ['id', 'title', 'kind', 'language', 'file', 'publisher', 'url', 'published'] as const;
/** Kinds and languages are written as the GraphQL enums (and groupCount keys) spell them: STATE, ID. */
const ENUM_COLUMNS = new Set<string>(['kind', 'language']);
const enumCased = (column: string, value: unknown) => (ENUM_COLUMNS.has(column) && typeof value === 'string' ? value.toUpperCase() : value);

function edgeColumns(type: string): string[] {
  const specific =
    type === 'ATTESTS'
      ? ['property', 'value']
      : type === 'MENTIONS'
        ? ['start', 'end', 'matched']
        : Object.keys(RELATIONSHIP_TYPES[type as RelationshipType].properties);
  return ['source_node', 'target_node', ...specific, 'evidence_source', 'excerpt', 'asOf'];
}

function edgeCsvValues(edge: ExportEdge, columns: string[]): unknown[] {
  return columns.map((c) =>
    c === 'source_node' ? edge.start : c === 'target_node' ? edge.end : c === 'evidence_source' ? edge.props.source : edge.props[c],
  );
}

function stream(generate: () => AsyncGenerator<string>, logger: Logger): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = generate();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        // Batch small strings into chunks of ~64 KB to keep syscalls few.
        let chunk = '';
        while (chunk.length < 65_536) {
          const { value, done } = await iterator.next();
          if (done) {
            if (chunk) controller.enqueue(encoder.encode(chunk));
            controller.close();
            return;
          }
          chunk += value;
        }
        controller.enqueue(encoder.encode(chunk));
      } catch (error) {
        logger.error({ err: error }, 'export failed mid-stream');
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return(undefined);
    },
  });
}

async function scopeIds(cypher: QueryRunner, params: URLSearchParams): Promise<string[] | null> {
  const around = params.get('around');
  if (!around) return null;
  const depth = Number(params.get('depth') ?? '1');
  if (!Number.isInteger(depth) || depth < 1 || depth > 3) throw new ExportRequestError('depth must be 1, 2 or 3');
  const [exists] = await cypher.read<{ found: boolean }>('Export.centreExists', 'RETURN EXISTS { MATCH (:Entity {id: $id}) } AS found', { id: around });
  if (!exists?.found) throw new ExportRequestError(`no node has id "${around}"`);
  const seen = [around];
  let frontier = [around];
  for (let hop = 0; hop < depth && frontier.length > 0; hop++) {
    frontier = await expandFrontier(cypher, frontier, seen, typesOrAll(null), null, MAX_EXPORT_NODES - seen.length + 1);
    seen.push(...frontier);
    if (seen.length > MAX_EXPORT_NODES) throw new ExportRequestError(`the neighbourhood has more than ${MAX_EXPORT_NODES} nodes; lower depth`);
  }
  return seen;
}

async function* jsonExport(cypher: QueryRunner, ids: string[] | null): AsyncGenerator<string> {
  yield '{"nodes":[';
  let first = true;
  for await (const node of streamNodes(cypher, ids)) {
    yield (first ? '' : ',') + JSON.stringify(node);
    first = false;
  }
  yield '],"sources":[';
  first = true;
  for await (const source of streamSources(cypher)) {
    yield (first ? '' : ',') + JSON.stringify(source);
    first = false;
  }
  yield '],"edges":[';
  first = true;
  for await (const edge of streamEdges(cypher, null, ids)) {
    const { source, excerpt, asOf, ...properties } = edge.props;
    yield (first ? '' : ',') +
      JSON.stringify({ source: edge.start, target: edge.end, type: edge.type, properties, evidence: { source, excerpt, asOf: asOf ?? null } });
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

export function useExport(db: Database, logger: Logger): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (!url.pathname.startsWith('/export')) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(new Response('Exports are read with GET.\n', { status: 405, headers: { allow: 'GET, HEAD' } }));
        return;
      }
      const cypher = db.observed(() => {});
      const path = url.pathname.replace(/\/+$/, '');
      try {
        if (path === '/export') {
          endResponse(Response.json(await exportIndex(cypher, '/export')));
          return;
        }
        const ids = await scopeIds(cypher, url.searchParams);
        const csvHeaders = (name: string) => ({
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${name}"`,
        });
        let body: ReadableStream<Uint8Array>;
        let headers: Record<string, string>;
        const relationshipFile = /^\/export\/relationships\/([A-Z_]+)\.csv$/.exec(path);
        if (path === '/export/graph.json') {
          body = stream(() => jsonExport(cypher, ids), logger);
          headers = { 'content-type': 'application/json; charset=utf-8' };
        } else if (path === '/export/nodes.csv') {
          body = stream(() => csvExport(NODE_COLUMNS, streamNodes(cypher, ids), (n) => NODE_COLUMNS.map((c) => enumCased(c, n[c]))), logger);
          headers = csvHeaders('nodes.csv');
        } else if (path === '/export/sources.csv') {
          body = stream(() => csvExport(SOURCE_COLUMNS, streamSources(cypher), (s) => SOURCE_COLUMNS.map((c) => enumCased(c, s[c]))), logger);
          headers = csvHeaders('sources.csv');
        } else if (relationshipFile && (EXPORT_RELATIONSHIP_TYPES as readonly string[]).includes(relationshipFile[1])) {
          const type = relationshipFile[1] as (typeof EXPORT_RELATIONSHIP_TYPES)[number];
          const columns = edgeColumns(type);
          body = stream(() => csvExport(columns, streamEdges(cypher, type, ids), (e) => edgeCsvValues(e, columns)), logger);
          headers = csvHeaders(`${type}.csv`);
        } else {
          const known = ['graph.json', 'nodes.csv', 'sources.csv', ...RELATIONSHIP_TYPE_NAMES.map((t) => `relationships/${t}.csv`)];
          endResponse(Response.json({ error: `No export at ${path}. See /export for the list (e.g. ${known.slice(0, 4).join(', ')}).` }, { status: 404 }));
          return;
        }
        endResponse(new Response(request.method === 'HEAD' ? null : body, { status: 200, headers }));
      } catch (error) {
        if (error instanceof ExportRequestError) {
          endResponse(Response.json({ error: error.message }, { status: 400 }));
          return;
        }
        throw error;
      }
    },
  };
}
