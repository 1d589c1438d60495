/**
 * Reads the graph for the seed-format export: sources, domain nodes with the facts attested on
 * them, relationships between domain nodes, mentions. With a scope, only the named nodes and
 * sources and what joins them.
 */
import { AGGREGATE_LABEL, ENTITY_LABEL, SOURCE_LABEL } from '../../domain/model.js';
import type { QueryRunner } from '../../db/query.js';

export interface SeedExportScope {
  nodeIds: readonly string[];
  sourceIds: readonly string[];
}

export type Props = Record<string, unknown>;

export interface SourceRow {
  id: string;
  props: Props;
}

export interface NodeRow {
  id: string;
  labels: string[];
  props: Props;
  facts: Array<{ source: string; props: Props }>;
}

export interface EdgeRow {
  type: string;
  from: string;
  to: string;
  props: Props;
}

const scopeParams = (scope?: SeedExportScope) => ({
  nodeIds: scope ? [...scope.nodeIds] : null,
  sourceIds: scope ? [...scope.sourceIds] : null,
});

export function readSources(cypher: QueryRunner, scope?: SeedExportScope): Promise<SourceRow[]> {
  return cypher.read<SourceRow>(
    'SeedExport.sources',
    `MATCH (s:${SOURCE_LABEL}) WHERE $sourceIds IS NULL OR s.id IN $sourceIds
     RETURN s.id AS id, properties(s) AS props ORDER BY id`,
    scopeParams(scope),
  );
}

export function readNodes(cypher: QueryRunner, scope?: SeedExportScope): Promise<NodeRow[]> {
  return cypher.read<NodeRow>(
    'SeedExport.nodes',
    `MATCH (n:${ENTITY_LABEL}) WHERE $nodeIds IS NULL OR n.id IN $nodeIds
     RETURN n.id AS id, [l IN labels(n) WHERE l <> '${ENTITY_LABEL}'] AS labels, properties(n) AS props,
            COLLECT {
              MATCH (s:${SOURCE_LABEL})-[a:ATTESTS]->(n) WHERE $sourceIds IS NULL OR s.id IN $sourceIds
              RETURN {source: s.id, props: properties(a)}
            } AS facts
     ORDER BY id`,
    scopeParams(scope),
  );
}

/** Every relationship between two domain nodes, whatever its type (the caller keeps the known ones). */
export function readRelationships(cypher: QueryRunner, scope?: SeedExportScope): Promise<EdgeRow[]> {
  return cypher.read<EdgeRow>(
    'SeedExport.relationships',
    `MATCH (a:${ENTITY_LABEL})-[r]->(b:${ENTITY_LABEL})
     WHERE $nodeIds IS NULL OR (a.id IN $nodeIds AND b.id IN $nodeIds)
     RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props
     ORDER BY type, from, to, r.source`,
    scopeParams(scope),
  );
}

/** Relationships from a source other than ATTESTS (which readNodes returns as facts): MENTIONS and any other. */
export function readSourceEdges(cypher: QueryRunner, scope?: SeedExportScope): Promise<EdgeRow[]> {
  return cypher.read<EdgeRow>(
    'SeedExport.sourceEdges',
    `MATCH (s:${SOURCE_LABEL})-[r]->(n) WHERE type(r) <> 'ATTESTS'
       AND ($sourceIds IS NULL OR s.id IN $sourceIds) AND ($nodeIds IS NULL OR n.id IN $nodeIds)
     RETURN type(r) AS type, s.id AS from, n.id AS to, properties(r) AS props
     ORDER BY type, from, r.start, r.end, to`,
    scopeParams(scope),
  );
}

/**
 * Nodes that are neither domain nodes nor sources (the audit trail, ...): counted, not exported.
 * The dashboard aggregates are not listed: they are derived, and an import counts them anew.
 */
export function countOtherNodes(cypher: QueryRunner): Promise<Array<{ label: string; count: number }>> {
  return cypher.read(
    'SeedExport.countOtherNodes',
    `MATCH (n) WHERE NOT n:${ENTITY_LABEL} AND NOT n:${SOURCE_LABEL} AND NOT n:${AGGREGATE_LABEL}
     UNWIND labels(n) AS label RETURN label, count(*) AS count ORDER BY label`,
  );
}
