/**
 * The dashboard's figures as the API spells them: group counts with kinds and languages in enum
 * case, and timeline counts with empty periods filled in for charts. The database does the
 * counting (dashboard.repository.ts); what happens here is proportional to the answer.
 */
import type { QueryRunner } from '../../db/query.js';
import type { NodeLabel } from '../../domain/model.js';
import {
  type GroupCountArgs,
  type GroupCountRow,
  groupCount,
  timelineCounts,
  type GroupKey,
  type PeriodCountRow,
} from './dashboard.repository.js';

/** Kinds and languages are stored lower case; clients see them as the enums spell them. */
const ENUM_CASED_KEYS = new Set<GroupKey>(['START_KIND', 'END_KIND', 'SOURCE_LANGUAGE']);

export interface GroupCountShape {
  by: GroupKey[];
  keys: Array<string | null>;
  count: number;
}

/** Relationship counts grouped by keys, each key value spelled as its enum. */
export async function groupCounts(cypher: QueryRunner, args: GroupCountArgs): Promise<GroupCountShape[]> {
  return spellGroups(await groupCount(cypher, args), args.groupBy);
}

/** Counted groups as the API spells them: each key value of a kind or language in enum case. */
export function spellGroups(rows: readonly GroupCountRow[], groupBy: readonly GroupKey[]): GroupCountShape[] {
  const by = [...groupBy];
  return rows.map((r) => ({
    by,
    keys: r.keys.map((value, i) => (value !== null && ENUM_CASED_KEYS.has(by[i]!) ? value.toUpperCase() : value)),
    count: r.count,
  }));
}

/** Every year ("2015") or month ("2015-03") from `first` to `last`, both included. */
export function periodsBetween(first: string, last: string): string[] {
  const month = first.length === 7;
  const index = (p: string) => Number(p.slice(0, 4)) * 12 + (month ? Number(p.slice(5, 7)) - 1 : 0);
  const step = month ? 1 : 12;
  const out: string[] = [];
  for (let i = index(first); i <= index(last) && out.length < 10_000; i += step) {
    const year = String(Math.floor(i / 12)).padStart(4, '0');
    out.push(month ? `${year}-${String((i % 12) + 1).padStart(2, '0')}` : year);
  }
  return out;
}

/**
 * Dated items per year (`width` 4) or month (7), counted by the database; with `fillEmpty`, every
 * period from the first to the last is listed, those without items with count 0.
 */
export async function timelinePeriods(
  cypher: QueryRunner,
  args: { labels: readonly NodeLabel[] | null; width: 4 | 7; fillEmpty: boolean },
): Promise<PeriodCountRow[]> {
  const counted = await timelineCounts(cypher, { labels: args.labels, width: args.width });
  const first = counted[0];
  const last = counted.at(-1);
  if (!args.fillEmpty || !first || !last) return counted;
  const counts = new Map(counted.map((p) => [p.period, p.count]));
  return periodsBetween(first.period, last.period).map((period) => ({ period, count: counts.get(period) ?? 0 }));
}
