/**
 * Treaty status derived from the graph: how many states had signed, ratified (or acceded), and
 * were bound (entry into force) at a date, counted from the SIGNED/RATIFIED edges of every source.
 *
 * An edge counts at a date when its own date is on or before it. A RATIFIED edge whose source
 * gives only the entry into force counts from that date (ratification precedes it); an edge whose
 * source gives no date at all (a list of parties "as of September 2015") counts from the source's
 * `asOf`. Partial dates compare by their common prefix: "2019" includes every day of 2019, and a
 * date known only to the year counts at any date of that year. Without a date, every edge counts.
 */
import type { QueryRunner } from '../../db/query.js';
import { type EntityRow, entityProjection, NODE_LABEL_PARAM } from '../entity/entity.repository.js';

export interface StatusCountRow {
  treatyId: string;
  at: string | null;
  signed: number;
  ratified: number;
  inForce: number;
  participants: number;
}

export interface StatusCountKey {
  treatyId: string;
  at: string | null;
}

export async function statusCountsAt(cypher: QueryRunner, keys: readonly StatusCountKey[]): Promise<StatusCountRow[]> {
  return cypher.read<StatusCountRow>(
    'Treaty.statusCounts',
    `UNWIND $keys AS key
     MATCH (t:Treaty {id: key.treatyId})
     WITH t, key.at AS at
     CALL {
       WITH t, at
       OPTIONAL MATCH (a:Actor)-[r:SIGNED|RATIFIED]->(t)
       WITH a, type(r) AS type, r.entryIntoForce AS eif,
            CASE type(r) WHEN 'SIGNED' THEN coalesce(r.date, r.asOf) ELSE coalesce(r.date, r.entryIntoForce, r.asOf) END AS effective, at
       WHERE a IS NOT NULL AND (at IS NULL OR (effective IS NOT NULL AND substring(effective, 0, size(at)) <= at))
       RETURN count(DISTINCT CASE WHEN type = 'SIGNED' THEN a.id END) AS signed,
              count(DISTINCT CASE WHEN type = 'RATIFIED' THEN a.id END) AS ratified,
              count(DISTINCT CASE WHEN type = 'RATIFIED' AND eif IS NOT NULL AND (at IS NULL OR substring(eif, 0, size(at)) <= at) THEN a.id END) AS inForce,
              count(DISTINCT a.id) AS participants
     }
     RETURN t.id AS treatyId, at, signed, ratified, inForce, participants`,
    { keys: keys.map((k) => ({ treatyId: k.treatyId, at: k.at })) },
  );
}

export type TreatyStatusFilter = 'SIGNED' | 'RATIFIED' | 'ANY';

export interface StatesKey {
  treatyId: string;
  at: string | null;
  status: TreatyStatusFilter;
}

/** One SIGNED or RATIFIED relationship of a state, as one source states it. */
export interface StateEdge {
  type: 'SIGNED' | 'RATIFIED';
  props: Record<string, unknown> & { source: string; excerpt: string; asOf?: string | null };
}

export interface StateRow {
  node: EntityRow;
  edges: StateEdge[];
}

export interface StatesRow {
  treatyId: string;
  at: string | null;
  status: TreatyStatusFilter;
  states: StateRow[];
}

/**
 * The states taking part in a treaty at a date, each ONCE with every SIGNED/RATIFIED edge (one
 * per source) that counts by then, by the same rule as statusCounts: `states(status: RATIFIED,
 * at: X)` lists exactly the states `statusCounts(at: X).ratified` counts.
 */
export async function statesAt(cypher: QueryRunner, keys: readonly StatesKey[]): Promise<StatesRow[]> {
  return cypher.read<StatesRow>(
    'Treaty.states',
    `UNWIND $keys AS key
     MATCH (t:Treaty {id: key.treatyId})
     CALL (t, key) {
       MATCH (a:Actor)-[r:SIGNED|RATIFIED]->(t)
       WITH a, r, CASE type(r) WHEN 'SIGNED' THEN coalesce(r.date, r.asOf) ELSE coalesce(r.date, r.entryIntoForce, r.asOf) END AS effective
       WHERE key.at IS NULL OR (effective IS NOT NULL AND substring(effective, 0, size(key.at)) <= key.at)
       WITH a, collect({type: type(r), props: properties(r)}) AS edges
       WHERE key.status = 'ANY' OR any(e IN edges WHERE e.type = key.status)
       WITH a, edges ORDER BY toLower(a.name), a.id
       RETURN collect({node: ${entityProjection('a')}, edges: edges}) AS states
     }
     RETURN t.id AS treatyId, key.at AS at, key.status AS status, states`,
    { keys: keys.map((k) => ({ treatyId: k.treatyId, at: k.at, status: k.status })), ...NODE_LABEL_PARAM },
  );
}

export interface SourceTableRow {
  treatyId: string;
  source: string;
  asOf: string | null;
  signed: number;
  ratified: number;
  states: number;
}

/** Per source: how many states its SIGNED/RATIFIED edges name for a treaty (each state once). */
export async function sourceTables(cypher: QueryRunner, treatyIds: readonly string[]): Promise<SourceTableRow[]> {
  return cypher.read<SourceTableRow>(
    'Treaty.sourceTables',
    `UNWIND $treatyIds AS treatyId
     MATCH (t:Treaty {id: treatyId})<-[r:SIGNED|RATIFIED]-(a:Actor)
     WITH t, r.source AS source, max(r.asOf) AS asOf, type(r) AS type, a
     WITH t, source, max(asOf) AS asOf,
          count(DISTINCT CASE WHEN type = 'SIGNED' THEN a.id END) AS signed,
          count(DISTINCT CASE WHEN type = 'RATIFIED' THEN a.id END) AS ratified,
          count(DISTINCT a.id) AS states
     RETURN t.id AS treatyId, source, asOf, signed, ratified, states
     ORDER BY treatyId, asOf, source`,
    { treatyIds },
  );
}
