/**
 * Cypher for relationships seen from a node, read as a plan says (see relationship.plan.ts): one
 * page of edges for MANY parent nodes in one statement (the loaders batch every parent of a
 * nested query level into it), paginated per parent in the database, with only the properties
 * the query selects, its totalCount when asked, and the pages the plan asks of each edge's node
 * as nested subqueries of the same statement. A root field's node and its planned pages are one
 * statement too (findEntityPlanned; listings through plannedProjection).
 */
import { ENTITY_LABEL, NODE_LABELS, RELATIONSHIP_TYPES, type NodeLabel, type RelationshipType } from '../../domain/model.js';
import type { QueryRunner } from '../../db/query.js';
import { int } from '../../db/query.js';
import { keysetOrder, keysetPredicate, type Page } from '../../pagination.js';
import { NODE_LABEL_PARAM, relationshipPattern, type Direction, type EntityRow, type NodeProjection } from '../entity/entity.repository.js';

export interface RelationshipSpec {
  types: readonly RelationshipType[];
  direction: Direction;
  /** Labels the other node may have; null for any domain node. */
  targetLabels: readonly NodeLabel[] | null;
}

export interface RelationshipFilter {
  kinds?: string[] | null;
  otherIds?: string[] | null;
}

export interface EdgeRow {
  type: RelationshipType;
  /** True when the parent node is the start of the relationship; null when `direction` was not asked. */
  outgoing: boolean | null;
  /**
   * The relationship's properties the plan reads: all of them, or the selected ones (source,
   * excerpt and asOf only when `evidence` is asked).
   */
  props: Record<string, unknown> & { source: string; excerpt: string; asOf?: string | null };
  /** The other node, with the properties its plan reads (all of them when the plan reads all). */
  node: EntityRow;
  key: unknown[];
}

/**
 * Sort keys of an edge from `r` to `n`: the other node's name and id, then the relationship's
 * type and its element id (two edges to the same node differ by type, or, from two sources, by
 * the relationship itself). The last tie-break reads no property: ordering by the source, as
 * before, read a property of every candidate relationship ahead of the top-N sort (a hub's
 * thousands), for the rare node reached twice. Edges to one node from two sources therefore come
 * in the database's order of the relationships, not by source; the order is total, which is all
 * keyset cursors need. Every cursor carries all four values, whatever the field.
 */
const edgeKeys = (r: string, n: string) => [`toLower(${n}.name)`, `${n}.id`, `type(${r})`, `elementId(${r})`] as const;
export const EDGE_KEY_ARITY = 4;

/**
 * The keys a query sorts by, and the cursor values for them. With one relationship type,
 * type(r) is the same on every row: leaving it out saves an expression per candidate row
 * before the top-N sort, and the order (hence every cursor) is unchanged.
 */
function sortKeys(spec: RelationshipSpec, cursor: unknown[] | null, r: string, n: string): { keys: string[]; cursor: unknown[] | null } {
  const keys = edgeKeys(r, n);
  if (spec.types.length !== 1) return { keys: [...keys], cursor };
  return { keys: [keys[0], keys[1], keys[3]], cursor: cursor && [cursor[0], cursor[1], cursor[3]] };
}

/**
 * The sort keys a planned row carries back: the lower-cased name, the type when there are
 * several, and the element id. The node's id is in the row already, and a single type is known;
 * finishPage puts the four values of edgeKeys back together.
 */
function sentKeys(spec: RelationshipSpec, r: string, n: string): string[] {
  const [name, , type, relationship] = edgeKeys(r, n);
  return spec.types.length > 1 ? [name, type, relationship] : [name, relationship];
}

function targetCondition(spec: RelationshipSpec, n: string): string {
  return spec.targetLabels ? `(${spec.targetLabels.map((l) => `${n}:${l}`).join(' OR ')})` : 'true';
}

/** Conditions on the other node `n`, written only for the filters given (parameters named with `suffix`). */
function filterConditions(spec: RelationshipSpec, filter: RelationshipFilter, n: string, suffix: string): string[] {
  return [
    ...(spec.targetLabels ? [targetCondition(spec, n)] : []),
    ...(filter.kinds ? [`${n}.kind IN $kinds${suffix}`] : []),
    ...(filter.otherIds ? [`${n}.id IN $otherIds${suffix}`] : []),
  ];
}

export interface EdgePage {
  rows: EdgeRow[];
  /** All matching edges of the parent, over all pages; null when not asked for. */
  total: number | null;
}

/** The properties of a node an EntityRow can carry (whitelist: only these reach Cypher). */
export const ENTITY_PROPERTIES = [
  'name',
  'aliases',
  'description',
  'kind',
  'date',
  'code',
  'countryCode',
  'location',
  'version',
  'updatedAt',
] as const;
export type EntityProperty = (typeof ENTITY_PROPERTIES)[number];

/**
 * What a query reads of the nodes at one level: the properties its selection needs (null: all
 * of them, for a selection the planner does not know), the node's label when the field can only
 * reach one (written as a literal instead of read from the node), and the relationship pages
 * asked of each node, read in the same statement.
 */
export interface NodePlan {
  properties: readonly EntityProperty[] | null;
  label: NodeLabel | null;
  children: readonly EdgePlan[];
}

/** One relationship field's page, as a query asks it: the relationships, the page, what to read. */
export interface EdgePlan {
  spec: RelationshipSpec;
  filter: RelationshipFilter;
  page: Page;
  /** Rows are read (edges, nodes or pageInfo selected); false when only totalCount is asked. */
  rows: boolean;
  /** totalCount is counted in the same statement. */
  withCount: boolean;
  /**
   * One row past the page is read, to tell whether more follow (hasNextPage forward,
   * hasPreviousPage backward): only when `pageInfo` is selected, since nothing else needs it.
   */
  more: boolean;
  /** Relationship properties to read (null: all of them). Names come from the model. */
  properties: readonly string[] | null;
  /** Whether `evidence` is selected (the source, excerpt and as-of date of each relationship). */
  evidence: boolean;
  /** Whether `direction` is selected (needs the start node of each relationship). */
  direction: boolean;
  node: NodePlan;
}

/** A node read with a plan: its EntityRow fields, plus one page per child plan (c0, c1, ...). */
export type PlannedRow = EntityRow & Partial<Record<`c${number}`, EdgePage>>;

const RELATIONSHIP_PROPERTY_NAME = /^[a-zA-Z]+$/;

/** Builds one statement's Cypher from plans, naming each level's variables and parameters apart. */
class PlanWriter {
  readonly params: Record<string, unknown> = {};
  private next = 0;
  private usesLabels = false;

  /** A node `v` as an EntityRow map with the plan's properties and its child pages. */
  node(v: string, plan: NodePlan): string {
    const properties = (plan.properties ?? ENTITY_PROPERTIES).filter((p) => (ENTITY_PROPERTIES as readonly string[]).includes(p));
    // A label the plan knows is filled in when the rows are read back (finishNode), not sent per node.
    const known = plan.label && (NODE_LABELS as readonly string[]).includes(plan.label);
    if (!known) this.usesLabels = true;
    const label = known ? [] : [`label: head([l IN labels(${v}) WHERE l IN $nodeLabels])`];
    const children = plan.children.map((child, i) => `c${i}: ${this.page(v, child)}`);
    return `${v} {${['.id', ...properties.map((p) => `.${p}`), ...label, ...children].join(', ')}}`;
  }

  /** One page of edges of the node `p` (and their total), as a map {rows, total}. */
  page(p: string, plan: EdgePlan): string {
    const level = this.next++;
    const r = `r${level}`;
    const n = `n${level}`;
    const { spec, filter, page } = plan;
    let rows = '[]';
    if (plan.rows) {
      // With target labels, `n:Actor` (say) already implies :Entity: one label test per row, not two.
      const pattern = relationshipPattern(p, spec.types, spec.direction, r, spec.targetLabels ? n : `${n}:${ENTITY_LABEL}`);
      const sort = sortKeys(spec, page.cursor, r, n);
      const where = [
        ...filterConditions(spec, filter, n, String(level)),
        ...(page.cursor ? [keysetPredicate(sort.keys, `cursor${level}`, page)] : []),
      ];
      const selected = [
        ...(plan.evidence ? ['.source', '.excerpt', '.asOf'] : []),
        ...(plan.properties ?? []).filter((k) => RELATIONSHIP_PROPERTY_NAME.test(k)).map((k) => `.${k}`),
      ];
      const props = plan.properties === null ? `properties(${r})` : `${r} {${selected.join(', ')}}`;
      // What finishPage cannot fill in itself: the type when there are several, the direction when asked.
      const returned = [
        ...(spec.types.length > 1 ? [`type: type(${r})`] : []),
        ...(plan.direction ? [`outgoing: startNode(${r}) = ${p}`] : []),
      ];
      rows = `COLLECT {
         MATCH ${pattern}
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         WITH ${r}, ${n} ORDER BY ${keysetOrder(sort.keys, page)}
         LIMIT $limit${level}
         RETURN {${[...returned, `props: ${props}`].join(', ')},
                 node: ${this.node(n, plan.node)}, key: [${sentKeys(spec, r, n).join(', ')}]} AS edge
       }`;
      this.params[`cursor${level}`] = sort.cursor;
      this.params[`limit${level}`] = int(page.size + (plan.more ? 1 : 0));
    }
    if (filter.kinds) this.params[`kinds${level}`] = filter.kinds;
    if (filter.otherIds) this.params[`otherIds${level}`] = filter.otherIds;
    return `{rows: ${rows}${plan.withCount ? `, total: ${countExpression(p, spec, filter, String(level))}` : ''}}`;
  }

  allParams(extra: Record<string, unknown>): Record<string, unknown> {
    return { ...extra, ...this.params, ...(this.usesLabels ? NODE_LABEL_PARAM : {}) };
  }
}

/**
 * A node projection for listings (entity.repository.ts listEntities): each node read with
 * `plan` (only its properties, and the relationship pages it asks, in the same statement).
 */
export function plannedProjection(plan: NodePlan): NodeProjection {
  return {
    expression(v) {
      const writer = new PlanWriter();
      const cypher = writer.node(v, plan);
      return { cypher, params: writer.allParams({}) };
    },
    finish: (row) => finishNode(row, plan),
  };
}

/**
 * For each parent id: one page of edges (up to page.size rows in the page's direction, one more
 * when the plan asks whether more follow) and,
 * when asked, how many match in all; and for each edge's node, the pages its plan asks for, all
 * in one statement.
 */
export async function edgesOf(cypher: QueryRunner, plan: EdgePlan, parentIds: readonly string[]): Promise<Map<string, EdgePage>> {
  const writer = new PlanWriter();
  const page = writer.page('p', plan);
  const rows = await cypher.read<{ parentId: string; page: EdgePage }>(
    `Relationship.edgesOf${plan.spec.types.join('_')}`,
    `UNWIND $parentIds AS parentId
     MATCH (p:${ENTITY_LABEL} {id: parentId})
     RETURN parentId, ${page} AS page`,
    writer.allParams({ parentIds }),
  );
  for (const row of rows) finishPage(row.page, plan);
  return new Map(rows.map((r) => [r.parentId, r.page]));
}

/** One node by id, read with a plan: the node and the relationship pages asked of it, in one statement. */
export async function findEntityPlanned(cypher: QueryRunner, id: string, plan: NodePlan): Promise<PlannedRow | null> {
  const writer = new PlanWriter();
  const projection = writer.node('n', { ...plan, label: null });
  const [row] = await cypher.read<{ node: PlannedRow }>(
    'Entity.findPlanned',
    `MATCH (n:${ENTITY_LABEL} {id: $id}) RETURN ${projection} AS node`,
    writer.allParams({ id }),
  );
  if (row) finishNode(row.node, plan);
  return row?.node ?? null;
}

/** Cypher's order of two sort-key lists: strings by UTF-16 code units (as in JS), nulls last. */
function compareKeys(a: readonly unknown[], b: readonly unknown[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    return (x as string) < (y as string) ? -1 : 1;
  }
  return 0;
}

/**
 * Completes every page of a planned result, at every level: fills in what the statement left
 * out because the plan knows it (a single type, a direction not asked, the node's label, the
 * node's id in the sort keys, a count not asked) and puts the rows in their sort order (their
 * keys): the rows come out of nested subqueries, whose order Cypher does not promise to keep.
 */
function finishPage(page: EdgePage, plan: EdgePlan): void {
  const single = plan.spec.types.length === 1 ? (plan.spec.types[0] ?? null) : null;
  page.total ??= null;
  for (const row of page.rows) {
    const sent = row.key;
    row.type ??= single as RelationshipType;
    row.outgoing ??= null;
    row.key = [sent[0], row.node.id, single ?? sent[1], sent.at(-1)];
    finishNode(row.node, plan.node);
  }
  const sign = plan.page.backward ? -1 : 1;
  page.rows.sort((a, b) => sign * compareKeys(a.key, b.key));
}

/** Completes a planned node (its label, when the plan knows it) and the pages it carries. */
function finishNode(row: EntityRow, plan: NodePlan): void {
  if (plan.label) row.label ??= plan.label;
  plan.children.forEach((child, i) => {
    const page = (row as PlannedRow)[`c${i}`];
    if (page) finishPage(page, child);
  });
}

/**
 * How many edges of `p` match. Without filters, and when the model says the types can only
 * reach the target labels anyway, this is a degree: Neo4j reads it from the node's degree
 * store instead of visiting each relationship and testing the other node's labels.
 */
function countExpression(p: string, spec: RelationshipSpec, filter: RelationshipFilter, suffix: string): string {
  const otherEnds = spec.types.flatMap((t) => [
    ...(spec.direction !== 'IN' ? RELATIONSHIP_TYPES[t].to : []),
    ...(spec.direction !== 'OUT' ? RELATIONSHIP_TYPES[t].from : []),
  ]);
  const targets = spec.targetLabels;
  const implied = !targets || otherEnds.every((l) => targets.includes(l as NodeLabel));
  if (implied && !filter.kinds && !filter.otherIds) return `COUNT { ${relationshipPattern(p, spec.types, spec.direction)} }`;
  const m = `m${suffix}`;
  const conditions = filterConditions(spec, filter, m, suffix);
  return `COUNT { MATCH ${relationshipPattern(p, spec.types, spec.direction, '', `${m}:${ENTITY_LABEL}`)} ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} }`;
}
