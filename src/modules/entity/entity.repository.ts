/**
 * Cypher for domain nodes (Actor, Treaty, Norm, Instrument, Programme, Event, Topic): lookups by
 * id and name, filtered and sorted collections paginated in the database, degrees and facts.
 */
import { ENTITY_LABEL, NODE_LABELS, type NodeLabel, type RelationshipType } from '../../domain/model.js';
import type { QueryRunner } from '../../db/query.js';
import { int } from '../../db/query.js';
import { keysetOrder, keysetPredicate, type Page } from '../../pagination.js';

export interface EntityRow {
  id: string;
  label: NodeLabel;
  name: string;
  aliases: string[];
  description: string | null;
  kind: string;
  date: string | null;
  code: string | null;
  countryCode: string | null;
  location: string | null;
  version: number | null;
  updatedAt: string | null;
}

/** Projects an entity node `v` into an EntityRow map. `$nodeLabels` must be passed. */
export const entityProjection = (v: string) =>
  `${v} {.id, .name, .aliases, .description, .kind, .date, .code, .countryCode, .location, .version, .updatedAt,
     label: head([l IN labels(${v}) WHERE l IN $nodeLabels])}`;

export const NODE_LABEL_PARAM = { nodeLabels: [...NODE_LABELS] };

export async function findEntitiesByIds(cypher: QueryRunner, ids: readonly string[]): Promise<Map<string, EntityRow>> {
  const rows = await cypher.read<{ node: EntityRow }>(
    'Entity.findByIds',
    `UNWIND $ids AS id MATCH (n:${ENTITY_LABEL} {id: id}) RETURN ${entityProjection('n')} AS node`,
    { ids, ...NODE_LABEL_PARAM },
  );
  return new Map(rows.map((r) => [r.node.id, r.node]));
}

/** Exact, case-insensitive match on the name or any alias, in any language. */
export async function findEntitiesByName(cypher: QueryRunner, name: string, labels: NodeLabel[] | null): Promise<EntityRow[]> {
  const rows = await cypher.read<{ node: EntityRow }>(
    'Entity.findByName',
    `WITH toLower(trim($name)) AS wanted
     MATCH (n:${ENTITY_LABEL})
     WHERE (toLower(n.name) = wanted OR any(a IN n.aliases WHERE toLower(a) = wanted))
       AND ($labels IS NULL OR any(l IN labels(n) WHERE l IN $labels))
     RETURN ${entityProjection('n')} AS node ORDER BY n.name, n.id LIMIT 50`,
    { name, labels, ...NODE_LABEL_PARAM },
  );
  return rows.map((r) => r.node);
}

/**
 * For each text, the nodes whose name or an alias is exactly it (any case), in one statement:
 * how an analytics argument given as a name finds its node.
 */
export async function findEntitiesByNames(cypher: QueryRunner, names: readonly string[]): Promise<Map<string, EntityRow[]>> {
  const rows = await cypher.read<{ name: string; nodes: EntityRow[] }>(
    'Entity.findByNames',
    `UNWIND $names AS name
     CALL (name) {
       WITH toLower(trim(name)) AS wanted
       MATCH (n:${ENTITY_LABEL})
       WHERE toLower(n.name) = wanted OR any(a IN n.aliases WHERE toLower(a) = wanted)
       WITH n ORDER BY n.name, n.id LIMIT 20
       RETURN collect(${entityProjection('n')}) AS nodes
     }
     RETURN name, nodes`,
    { names, ...NODE_LABEL_PARAM },
  );
  return new Map(rows.map((r) => [r.name, r.nodes]));
}

export type Direction = 'OUT' | 'IN' | 'BOTH';

/** A relationship pattern from a node `n`, with whitelisted types only. */
export function relationshipPattern(
  from: string,
  types: readonly RelationshipType[] | null,
  direction: Direction,
  rel = '',
  to = '',
): string {
  const typeList = types && types.length > 0 ? `:${types.join('|')}` : '';
  const body = `[${rel}${typeList}]`;
  return direction === 'OUT'
    ? `(${from})-${body}->(${to})`
    : direction === 'IN'
      ? `(${from})<-${body}-(${to})`
      : `(${from})-${body}-(${to})`;
}

export interface RelationshipCondition {
  type: RelationshipType;
  direction: Direction;
  otherId?: string | null;
  otherLabel?: NodeLabel | null;
}

export interface EntityFilter {
  ids?: string[] | null;
  kinds?: string[] | null;
  nameContains?: string | null;
  dateFrom?: string | null;
  dateTo?: string | null;
  /** Part of, or member of, this node (a region, organisation or coalition). */
  within?: string | null;
  mentionedIn?: string | null;
  hasRelationship?: RelationshipCondition[] | null;
}

export type EntitySortField = 'NAME' | 'DATE' | 'DEGREE' | 'ID';

export interface EntitySort {
  field: EntitySortField;
  descending: boolean;
  /** For DEGREE: which relationship types count (all when empty). */
  relationshipTypes?: RelationshipType[] | null;
  relationshipDirection?: Direction;
}

/** WHERE conditions and parameters for a filter; every identifier comes from the model. */
function filterClause(v: string, filter: EntityFilter): { where: string[]; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.ids) {
    where.push(`${v}.id IN $ids`);
    params.ids = filter.ids;
  }
  if (filter.kinds) {
    where.push(`${v}.kind IN $kinds`);
    params.kinds = filter.kinds;
  }
  if (filter.nameContains) {
    where.push(`(toLower(${v}.name) CONTAINS $nameContains OR any(a IN ${v}.aliases WHERE toLower(a) CONTAINS $nameContains))`);
    params.nameContains = filter.nameContains.toLowerCase();
  }
  if (filter.dateFrom) {
    where.push(`${v}.date >= $dateFrom`);
    params.dateFrom = filter.dateFrom;
  }
  if (filter.dateTo) {
    // Partial dates: "2019" up to and including every date that starts with 2019.
    where.push(`${v}.date <= $dateTo`);
    params.dateTo = `${filter.dateTo}\uffff`;
  }
  if (filter.within) {
    where.push(`EXISTS { (${v})-[:PART_OF|MEMBER_OF]->(:${ENTITY_LABEL} {id: $within}) }`);
    params.within = filter.within;
  }
  if (filter.mentionedIn) {
    where.push(`EXISTS { (:Source {id: $mentionedIn})-[:MENTIONS]->(${v}) }`);
    params.mentionedIn = filter.mentionedIn;
  }
  filter.hasRelationship?.forEach((condition, i) => {
    const otherLabel = condition.otherLabel ? `:${condition.otherLabel}` : `:${ENTITY_LABEL}`;
    const other = condition.otherId ? `other${i}${otherLabel} {id: $otherId${i}}` : `other${i}${otherLabel}`;
    where.push(`EXISTS { ${relationshipPattern(v, [condition.type], condition.direction, '', other)} }`);
    if (condition.otherId) params[`otherId${i}`] = condition.otherId;
  });
  return { where, params };
}

function sortExpression(v: string, sort: EntitySort): string {
  switch (sort.field) {
    case 'NAME':
      return `toLower(${v}.name)`;
    case 'DATE':
      return `coalesce(${v}.date, '')`;
    case 'ID':
      return `${v}.id`;
    case 'DEGREE':
      return `COUNT { ${relationshipPattern(v, sort.relationshipTypes ?? null, sort.relationshipDirection ?? 'BOTH')} }`;
  }
}

export interface EntityPageRow {
  node: EntityRow;
  sortKey: unknown;
}

/**
 * A projection of listed nodes other than the full EntityRow: the query planner's, which reads
 * only the selected properties and the relationship pages asked of each node in the same
 * statement (relationship.repository.ts plannedProjection).
 */
export interface NodeProjection {
  /** The Cypher map expression for the node `v`, and the parameters it needs. */
  expression(v: string): { cypher: string; params: Record<string, unknown> };
  /** Puts a row read with it in shape (its nested pages in their order). */
  finish(row: EntityRow): void;
}

/**
 * One page of a label's nodes (or of all entities), filtered and sorted in Cypher. With a
 * projection, the page's nodes are read as it says (after the page is cut, so only they are).
 */
export async function listEntities(
  cypher: QueryRunner,
  label: NodeLabel | null,
  filter: EntityFilter,
  sort: EntitySort,
  page: Page,
  projection: NodeProjection | null = null,
  /** Read one row past the page (to tell whether more follow); a query without pageInfo needs none. */
  more = true,
): Promise<EntityPageRow[]> {
  const { where, params } = filterClause('n', filter);
  const keys = ['sortKey', 'n.id'];
  const node = projection ? projection.expression('n') : { cypher: entityProjection('n'), params: NODE_LABEL_PARAM };
  const rows = await cypher.read<EntityPageRow>(
    `Entity.list${label ?? 'All'}`,
    `MATCH (n:${label ?? ENTITY_LABEL})
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     WITH n, ${sortExpression('n', sort)} AS sortKey
     WHERE ${keysetPredicate(keys, 'cursor', page, sort.descending)}
     WITH n, sortKey ORDER BY ${keysetOrder(keys, page, sort.descending)}
     LIMIT $limit
     RETURN ${node.cypher} AS node, sortKey
     ORDER BY ${keysetOrder(['sortKey', 'node.id'], page, sort.descending)}`,
    { ...node.params, ...params, cursor: page.cursor, limit: int(page.size + (more ? 1 : 0)) },
  );
  if (projection) for (const row of rows) projection.finish(row.node);
  return rows;
}

export async function countEntities(cypher: QueryRunner, label: NodeLabel | null, filter: EntityFilter): Promise<number> {
  const { where, params } = filterClause('n', filter);
  const [row] = await cypher.read<{ count: number }>(
    `Entity.count${label ?? 'All'}`,
    `MATCH (n:${label ?? ENTITY_LABEL}) ${where.length ? `WHERE ${where.join(' AND ')}` : ''} RETURN count(n) AS count`,
    params,
  );
  return row?.count ?? 0;
}

/** Degrees of many nodes at once, counted from Neo4j's degree store. */
export async function degreesOf(
  cypher: QueryRunner,
  ids: readonly string[],
  types: RelationshipType[] | null,
  direction: Direction,
): Promise<Map<string, number>> {
  const rows = await cypher.read<{ id: string; degree: number }>(
    'Entity.degrees',
    `UNWIND $ids AS id MATCH (n:${ENTITY_LABEL} {id: id})
     RETURN id, COUNT { ${relationshipPattern('n', types, direction)} } AS degree`,
    { ids },
  );
  return new Map(rows.map((r) => [r.id, r.degree]));
}

export interface FactRow {
  nodeId: string;
  property: string;
  value: string | number;
  source: string;
  excerpt: string;
  asOf: string | null;
}

export async function factsOf(cypher: QueryRunner, ids: readonly string[]): Promise<FactRow[]> {
  return cypher.read<FactRow>(
    'Entity.facts',
    `UNWIND $ids AS id
     MATCH (s:Source)-[a:ATTESTS]->(n:${ENTITY_LABEL} {id: id})
     RETURN id AS nodeId, a.property AS property, a.value AS value, s.id AS source, a.excerpt AS excerpt, a.asOf AS asOf
     ORDER BY a.property, toString(a.value), s.id`,
    { ids },
  );
}
