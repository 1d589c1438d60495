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
