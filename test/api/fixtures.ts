/**
 * Test data for the API specs: domain nodes and relationships written straight through Cypher,
 * shaped like the seed loader writes them (seed/load.ts nodeRow), under a unique id prefix so
 * files running in parallel never see each other's data.
 */
import type { QueryRunner } from '../../src/db/query.js';
import type { NodeLabel, RelationshipType } from '../../src/domain/model.js';

export interface TestNode {
  id: string;
  name: string;
  kind: string;
  aliases?: string[];
  date?: string | null;
}

export interface TestEdge {
  from: string;
  to: string;
  source?: string;
  excerpt?: string;
  props?: Record<string, unknown>;
}

/** Creates `:Entity:<label>` nodes. `label` is a constant from the test, never user text. */
export async function createNodes(cypher: QueryRunner, label: NodeLabel, nodes: TestNode[]): Promise<void> {
  const rows = nodes.map((n) => ({
    id: n.id,
    props: {
      name: n.name,
      aliases: n.aliases ?? [],
      searchNames: [n.name, ...(n.aliases ?? [])].join('\n'),
      kind: n.kind,
      description: null,
      date: n.date ?? null,
    },
  }));
  await cypher.write(`Test.create${label}`, `UNWIND $rows AS row CREATE (n:Entity:${label} {id: row.id}) SET n += row.props`, { rows });
}

/** Creates relationships of one type; each cites a source (doc-002 unless told) with an excerpt. */
export async function createEdges(cypher: QueryRunner, type: RelationshipType, edges: TestEdge[]): Promise<void> {
  const rows = edges.map((e) => ({
    from: e.from,
    to: e.to,
    props: { source: e.source ?? 'doc-002', excerpt: e.excerpt ?? `test excerpt ${e.from} -> ${e.to}`, ...e.props },
  }));
  await cypher.write(
    `Test.create${type}`,
    `UNWIND $rows AS row
     MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
     CREATE (a)-[r:${type}]->(b) SET r = row.props`,
    { rows },
  );
}

/** Removes every node (domain node or Source) whose id starts with the prefix, with its relationships. */
export async function deleteTestData(cypher: QueryRunner, prefix: string): Promise<void> {
  await cypher.write('Test.deleteByPrefix', 'MATCH (n) WHERE (n:Entity OR n:Source) AND n.id STARTS WITH $prefix DETACH DELETE n', {
    prefix,
  });
}

/** The base64 relay global id the API issues for a node. */
export const globalId = (type: string, slug: string) => Buffer.from(`${type}:${slug}`, 'utf8').toString('base64');
