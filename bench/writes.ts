/**
 * The write workload: three writes, each two ways over the same data: our API (GraphQL curation
 * mutations and POST /import, authenticated with a curator API key, audited) and the floor
 * (hand-written Cypher, one statement per request, that writes the same audit record as ours in
 * the same statement). The peer is left out (see bench/README.md).
 *
 * Every write touches only nodes of its own prefix (`bench-w-<server>-...`) and the bench's own
 * source (`bench-w-source`), so the read operations' answers never change; each request gets a
 * fresh number (loadgen's Sequence), so no two requests write the same ids. cleanupWrites()
 * removes all of it, with the audit records the bench wrote (`by` = the bench key's subject).
 */
import neo4j, { type Driver } from 'neo4j-driver';
import { AGGREGATE_LABEL, ENTITY_LABEL } from '../src/domain/model.js';
import { derivedNameProperties } from '../src/modules/search/search.names.js';
import type { HttpCall } from './loadgen.js';

export const WRITE_PREFIX = 'bench-w-';
export const WRITE_SOURCE = `${WRITE_PREFIX}source`;
/**
 * Sources the upserts' facts cite, in turn: creating an ATTESTS relationship locks its source
 * node until commit, so one source for all would make concurrent fact writes queue on it (a hot
 * spot of the benchmark, not a cost of either server). Links only name their source in a property.
 */
const FACT_SOURCES = 16;
const factSource = (n: number) => `${WRITE_SOURCE}-${n % FACT_SOURCES}`;
/** The API key's name; the audit trail records `key:<name>` as the author (ours and floor alike). */
export const WRITER_NAME = 'bench-writer';
export const WRITER_SUBJECT = `key:${WRITER_NAME}`;
/** Endpoints for the link mutation, per server: POOL actors x POOL programmes distinct pairs. */
const POOL = 200;

export type WriteServer = 'ours' | 'floor';
export const WRITE_SERVERS: readonly WriteServer[] = ['ours', 'floor'];

export interface WriteOperation {
  key: string;
  title: string;
  /** Mutations run at every concurrency; the import at concurrency 1, a few times. */
  kind: 'mutation' | 'import';
  /** Rows per request (the import's entries; 1 for a mutation). */
  rows: number;
  /** The floor's statement (one per request), run by the floor server's `write` field. */
  floorCypher: string;
  /** The n-th request of a server (n numbers every request of the run, from 0). */
  request(server: WriteServer, n: number, apiKey: string): HttpCall;
  /** What request n wrote, read back from the database: compared across servers (the "items" check). */
  effect(driver: Driver, database: string, server: WriteServer, n: number): Promise<string>;
}

const FLOOR_WRITE = 'mutation Write($key: String!, $params: JSON!) { write(key: $key, params: $params) }';
const floorCall = (key: string, params: Record<string, unknown>): HttpCall => ({
  body: { query: FLOOR_WRITE, variables: { key, params } },
  expect: '"write":',
});
const auth = (apiKey: string) => ({ authorization: `Bearer ${apiKey}` });

const upsertSlug = (server: WriteServer, n: number) => `${WRITE_PREFIX}${server}-u-${n}`;
const poolActor = (server: WriteServer, i: number) => `${WRITE_PREFIX}${server}-pa-${i}`;
const poolProgramme = (server: WriteServer, i: number) => `${WRITE_PREFIX}${server}-pp-${i}`;
/** Request n's link: every actor with every programme once (POOL^2 pairs), neighbours on distinct nodes. */
const linkPair = (server: WriteServer, n: number) => {
  const a = n % POOL;
  const p = (a + Math.floor(n / POOL)) % POOL;
  return { from: poolActor(server, a), to: poolProgramme(server, p) };
};
const importSlug = (server: WriteServer, n: number, what: 'a' | 'p', i: number) => `${WRITE_PREFIX}${server}-i${n}-${what}-${i}`;

/** The audit record ours writes, field for field (src/modules/curation/audit.repository.ts). */
const CHANGE = (action: string, targetKind: string, target: string, nodes: string, after: string) =>
  `(:Change {id: randomUUID(), at: toString(datetime()), by: $by, action: ${action}, targetKind: '${targetKind}', target: ${target},
            nodes: ${nodes}, before: null, after: ${after}, comment: $comment})`;

async function readOne(driver: Driver, database: string, cypher: string, params: Record<string, unknown>): Promise<string> {
  const result = await driver.executeQuery(cypher, params, { database, routing: neo4j.routing.READ });
  return JSON.stringify(result.records[0]?.toObject() ?? null);
}

export function buildWrites({ importRows }: { importRows: number }): WriteOperation[] {
  const importActors = Math.round(importRows * 0.3);
  const importProgrammes = Math.round(importRows * 0.1);
  const importLinks = importRows - importActors - importProgrammes;
  return [
    {
      key: 'w1-upsert-with-evidence',
      title: '(w1) Upsert a programme and record its start date with a source and an excerpt (one request)',
      kind: 'mutation',
      rows: 1,
      // MERGE the node (label, version), MERGE the attested fact, recompute the headline date from
      // the node's date facts, and write both audit records ours writes (node, then fact).
      floorCypher: `OPTIONAL MATCH (old:${ENTITY_LABEL} {id: $slug})
        WITH old IS NULL AS created
        MERGE (n:${ENTITY_LABEL} {id: $slug})
        ON CREATE SET n:Programme, n.version = 0
        SET n += $props, n.version = coalesce(n.version, 0) + 1
        WITH n, created
        MATCH (s:Source {id: $source})
        MERGE (s)-[a:ATTESTS {property: $property, value: $value}]->(n)
        SET a.source = $source, a.excerpt = $excerpt, a.asOf = $asOf
        WITH n, created
        CALL (n) {
          OPTIONAL MATCH (:Source)-[f:ATTESTS]->(n) WHERE f.property IN $dateProperties AND f.value IS :: STRING
          WITH f ORDER BY size(f.value) DESC, f.value
          RETURN head(collect(f.value)) AS date
        }
        SET n.date = date
        WITH n, created
        CREATE ${CHANGE("CASE WHEN created THEN 'create' ELSE 'update' END", 'node', '$slug', '[$slug]', '$nodeAfter')}
        CREATE ${CHANGE("'fact'", 'fact', "$slug + '.' + $property + '@' + $source", '[$slug]', '$factAfter')}
        RETURN n.version AS version, created`,
      request(server, n, apiKey) {
        const slug = upsertSlug(server, n);
        const name = `Bench Write Programme ${n}`;
        const aliases = [`Program Tulis ${n}`];
        const description = 'A programme written by the benchmark.';
        const fact = { property: 'started', value: '2024-05-01' };
        const evidence = { source: factSource(n), excerpt: `${name} started on 1 May 2024.`, asOf: null };
        if (server === 'ours') {
          return {
            headers: auth(apiKey),
            expect: '"upsertEntity":{"__typename":"MutationUpsertEntitySuccess"',
            // The node and its fact in one mutation, hence one transaction (as the floor's one statement).
            body: {
              query: `mutation UpsertWithEvidence($node: EntityInput!, $facts: [NodeFactInput!]) {
                upsertEntity(input: $node, facts: $facts, comment: "bench") {
                  __typename ... on MutationUpsertEntitySuccess { data { created entity { slug } facts { property value } } }
                }
              }`,
              variables: {
                node: { label: 'Programme', slug, name, kind: 'PROGRAMME', aliases, description },
                facts: [{ ...fact, evidence }],
              },
            },
          };
        }
        // What the audit record shows (ours leaves the derived name properties out of it).
        const nodeView = {
          name,
          aliases,
          kind: 'programme',
          description,
          code: null,
          countryCode: null,
          location: null,
        };
        const props = { ...nodeView, ...derivedNameProperties(name, aliases) };
        return floorCall('w1-upsert-with-evidence', {
          slug,
          props,
          ...fact,
          source: evidence.source,
          excerpt: evidence.excerpt,
          asOf: evidence.asOf,
          dateProperties: ['started', 'launched'],
          by: WRITER_SUBJECT,
          comment: 'bench',
          nodeAfter: JSON.stringify({ label: 'Programme', ...nodeView }),
          factAfter: JSON.stringify({ ...fact, source: evidence.source, excerpt: evidence.excerpt, asOf: null, created: true }),
        });
      },
      effect: (driver, database, server, n) =>
        readOne(
          driver,
          database,
          `MATCH (n:${ENTITY_LABEL}:Programme {id: $slug})
           RETURN n.version AS version, n.date AS date, COUNT { (:Source {id: $source})-[:ATTESTS]->(n) } AS facts,
                  COLLECT { MATCH (c:Change) WHERE $slug IN c.nodes AND c.by = $by RETURN c.action ORDER BY c.action } AS audit`,
          { slug: upsertSlug(server, n), source: factSource(n), by: WRITER_SUBJECT },
        ),
    },
    {
      key: 'w2-link-with-evidence',
      title: '(w2) Link an actor to a programme (PARTNER_IN with role and since) with a source and an excerpt',
      kind: 'mutation',
      rows: 1,
      // Checks what ours checks (the ends' labels, the source exists), MERGEs the claim on
      // (type, from, to, source) and writes the audit record ours writes.
      floorCypher: `MATCH (a:${ENTITY_LABEL} {id: $from}), (b:${ENTITY_LABEL} {id: $to})
        WHERE a:Actor AND b:Programme AND EXISTS { MATCH (:Source {id: $source}) }
        OPTIONAL MATCH (a)-[old:PARTNER_IN {source: $source}]->(b)
        WITH a, b, old IS NULL AS created
        MERGE (a)-[r:PARTNER_IN {source: $source}]->(b)
        SET r += $props
        CREATE ${CHANGE("'link'", 'relationship', "'PARTNER_IN:' + $from + '->' + $to + '@' + $source", '[$from, $to]', '$after')}
        RETURN created`,
      request(server, n, apiKey) {
        const { from, to } = linkPair(server, n);
        const properties = { role: 'implementing partner', since: '2021-03' };
        const evidence = { source: WRITE_SOURCE, excerpt: `${from} is an implementing partner of ${to} since March 2021.`, asOf: null };
        if (server === 'ours') {
          return {
            headers: auth(apiKey),
            expect: '"__typename":"MutationLinkEntitiesSuccess"',
            body: {
              query: `mutation Link($input: LinkInput!) {
                linkEntities(input: $input, comment: "bench") { __typename ... on MutationLinkEntitiesSuccess { data { created type } } }
              }`,
              variables: { input: { type: 'PARTNER_IN', from, to, properties, evidence } },
            },
          };
        }
        const props = { excerpt: evidence.excerpt, asOf: null, ...properties };
        return floorCall('w2-link-with-evidence', {
          from,
          to,
          source: evidence.source,
          props,
          by: WRITER_SUBJECT,
          comment: 'bench',
          after: JSON.stringify({ source: evidence.source, ...props }),
        });
      },
      effect: (driver, database, server, n) => {
        const { from, to } = linkPair(server, n);
        return readOne(
          driver,
          database,
          `MATCH (:${ENTITY_LABEL} {id: $from})-[r:PARTNER_IN {source: $source}]->(:${ENTITY_LABEL} {id: $to})
           RETURN r.role AS role, r.since AS since, r.excerpt IS NOT NULL AS excerpt,
                  COLLECT { MATCH (c:Change) WHERE c.target = 'PARTNER_IN:' + $from + '->' + $to + '@' + $source AND c.by = $by RETURN c.action } AS audit`,
          { from, to, source: WRITE_SOURCE, by: WRITER_SUBJECT },
        );
      },
    },
    {
      key: 'w3-bulk-import',
      title: `(w3) Bulk import of ${importRows} rows (${importActors} actors, ${importProgrammes} programmes, ${importLinks} PARTNER_IN with evidence)`,
      kind: 'import',
      rows: importRows,
      // One statement: UNWIND each kind of row (MERGE on ids, as our loader does) and write the
      // one audit record ours writes for an import (target, touched slugs, counts).
      floorCypher: `CALL () {
          UNWIND $actors AS row
          MERGE (n:${ENTITY_LABEL} {id: row.id}) SET n:Actor, n += row.props
        }
        CALL () {
          UNWIND $programmes AS row
          MERGE (n:${ENTITY_LABEL} {id: row.id}) SET n:Programme, n += row.props
        }
        CALL () {
          UNWIND $links AS row
          MATCH (a:${ENTITY_LABEL} {id: row.from}), (b:${ENTITY_LABEL} {id: row.to})
          MERGE (a)-[r:PARTNER_IN {source: row.source}]->(b) SET r += row.props
          RETURN count(r) AS linked
        }
        CREATE ${CHANGE("'import'", 'import', '$name', '$nodes', '$after')}
        RETURN linked`,
      request(server, n, apiKey) {
        const node = (id: string, name: string, alias: string, kind: string) => ({
          id,
          name,
          aliases: [alias],
          kind,
          description: 'Imported by the benchmark.',
        });
        const actors = Array.from({ length: importActors }, (_, i) =>
          node(importSlug(server, n, 'a', i), `Bench Import Agency ${n}-${i}`, `Badan Impor ${n}-${i}`, 'state'),
        );
        const programmes = Array.from({ length: importProgrammes }, (_, i) =>
          node(importSlug(server, n, 'p', i), `Bench Import Programme ${n}-${i}`, `Program Impor ${n}-${i}`, 'project'),
        );
        // Each link joins a distinct (actor, programme) pair.
        const links = Array.from({ length: importLinks }, (_, i) => ({
          type: 'PARTNER_IN',
          from: actors[i % importActors]!.id,
          to: programmes[(i + Math.floor(i / importActors)) % importProgrammes]!.id,
          source: WRITE_SOURCE,
          excerpt: `Partner ${i} of the imported programme.`,
          properties: { role: 'beneficiary', since: '2023' },
        }));
        const name = `${WRITE_PREFIX}${server}-import-${n}.json`;
        if (server === 'ours') {
          return {
            path: `/import?name=${encodeURIComponent(name)}&comment=bench`,
            headers: auth(apiKey),
            expect: '"loaded":',
            body: JSON.stringify({ actors, programmes, relationships: links }),
          };
        }
        const nodeRow = (e: ReturnType<typeof node>) => ({
          id: e.id,
          props: {
            name: e.name,
            aliases: e.aliases,
            ...derivedNameProperties(e.name, e.aliases),
            kind: e.kind,
            description: e.description,
            code: null,
            countryCode: null,
            location: null,
            date: null,
          },
        });
        const slugs = [...actors, ...programmes].map((e) => e.id);
        return floorCall('w3-bulk-import', {
          actors: actors.map(nodeRow),
          programmes: programmes.map(nodeRow),
          links: links.map((l) => ({
            from: l.from,
            to: l.to,
            source: l.source,
            props: { excerpt: l.excerpt, asOf: null, ...l.properties },
          })),
          name,
          by: WRITER_SUBJECT,
          comment: 'bench',
          // As ours: the slugs the import writes or links (not the cited source), sorted, at most 1000.
          nodes: slugs.sort().slice(0, 1000),
          after: JSON.stringify({
            nodes: { Actor: importActors, Programme: importProgrammes },
            relationships: { PARTNER_IN: importLinks },
          }),
        });
      },
      effect: (driver, database, server, n) =>
        readOne(
          driver,
          database,
          `MATCH (n:${ENTITY_LABEL}) WHERE n.id STARTS WITH $prefix
           WITH count(n) AS nodes, sum(COUNT { (n)-[:PARTNER_IN]->() }) AS links
           RETURN nodes, links, COLLECT { MATCH (c:Change {target: $name}) WHERE c.by = $by RETURN c.action + ' ' + size(c.nodes) } AS audit`,
          { prefix: `${WRITE_PREFIX}${server}-i${n}-`, name: `${WRITE_PREFIX}${server}-import-${n}.json`, by: WRITER_SUBJECT },
        ),
    },
  ];
}

/** The bench's sources and, per server, the link mutation's endpoints (written directly, before any timing). */
export async function setupWrites(driver: Driver, database: string): Promise<void> {
  await driver.executeQuery(
    `UNWIND [$source] + [k IN range(0, $factSources - 1) | $source + '-' + k] AS id
     MERGE (s:Source {id: id})
     SET s.title = 'Benchmark writes', s.kind = 'document', s.language = 'en', s.description = 'Cited by the benchmark writes.'
     WITH count(s) AS sources
     UNWIND $servers AS server
     UNWIND range(0, $pool - 1) AS i
     MERGE (a:${ENTITY_LABEL} {id: $prefix + server + '-pa-' + i})
     SET a:Actor, a.name = 'Bench Write Agency ' + server + ' ' + i, a.aliases = [], a.searchNames = a.name, a.kind = 'state'
     MERGE (p:${ENTITY_LABEL} {id: $prefix + server + '-pp-' + i})
     SET p:Programme, p.name = 'Bench Write Programme ' + server + ' ' + i, p.aliases = [], p.searchNames = p.name, p.kind = 'project'`,
    { source: WRITE_SOURCE, factSources: FACT_SOURCES, servers: [...WRITE_SERVERS], pool: POOL, prefix: WRITE_PREFIX },
    { database, routing: neo4j.routing.WRITE },
  );
}

/**
 * Removes every node and source the writes made (prefix bench-w-), their relationships, and the
 * audit records the bench key wrote. Run before the reads of a reused database and after the writes.
 */
export async function cleanupWrites(driver: Driver, database: string): Promise<{ nodes: number; changes: number }> {
  const nodes = await autoCommit(
    driver,
    database,
    `MATCH (n) WHERE n.id STARTS WITH $prefix AND (n:${ENTITY_LABEL} OR n:Source)
     CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
     RETURN count(*) AS deleted`,
    { prefix: WRITE_PREFIX },
  );
  const changes = await autoCommit(
    driver,
    database,
    `MATCH (c:Change) WHERE c.by = $by
     CALL (c) { DELETE c } IN TRANSACTIONS OF 5000 ROWS
     RETURN count(*) AS deleted`,
    { by: WRITER_SUBJECT },
  );
  // The deletes went around the API, so our dashboard counters still count what they removed:
  // marked stale, they are recounted before the next run reads them (ensureAggregates).
  if (Number(nodes?.deleted ?? 0) > 0) {
    await autoCommit(driver, database, `MATCH (s:${AGGREGATE_LABEL}:AggregateState) SET s.version = null`, {});
  }
  return { nodes: Number(nodes?.deleted ?? 0), changes: Number(changes?.deleted ?? 0) };
}

/** An auto-commit statement (CALL ... IN TRANSACTIONS cannot run in an explicit transaction); its first row. */
export async function autoCommit(
  driver: Driver,
  database: string,
  cypher: string,
  params: Record<string, unknown>,
): Promise<Record<string, unknown> | undefined> {
  const session = driver.session({ database, defaultAccessMode: neo4j.session.WRITE });
  try {
    const result = await session.run(cypher, params);
    return result.records[0]?.toObject();
  } finally {
    await session.close();
  }
}
