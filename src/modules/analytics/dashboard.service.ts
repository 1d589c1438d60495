/**
 * The dashboard's figures as the API spells them: group counts with kinds and languages in enum
 * case, and timeline counts with empty periods filled in for charts.
 */
import type { QueryRunner } from '../../db/query.js';
import type { NodeLabel } from '../../domain/model.js';
import { typesOrAll } from './analytics.repository.js';
import { groupCount, timeline, type GroupKey } from './dashboard.repository.js';

/** Kinds and languages are stored lower case; clients see them as the enums spell them. */
const ENUM_CASED_KEYS = new Set<GroupKey>(['START_KIND', 'END_KIND', 'SOURCE_LANGUAGE']);

export interface GroupCountShape {
  by: GroupKey[];
  keys: Array<string | null>;
  count: number;
}

/** Relationship counts grouped by keys, each key value spelled as its enum. */
export async function groupCounts(cypher: QueryRunner, args: Parameters<typeof groupCount>[1]): Promise<GroupCountShape[]> {
  const rows = await groupCount(cypher, args);
  const by = [...args.groupBy];
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
 * Dated items per year (`width` 4) or month (7); with `fillEmpty`, every period from the first to
 * the last is listed, those without items with count 0.
 */
export async function timelinePeriods(
  cypher: QueryRunner,
  args: { labels: readonly NodeLabel[] | null; width: 4 | 7; fillEmpty: boolean },
): Promise<Array<{ period: string; count: number }>> {
  const rows = await timeline(cypher, { labels: args.labels, types: typesOrAll(null), from: null, to: null, limit: 100_000 });
  const counts = new Map<string, number>();
  for (const r of rows) {
    if (r.date.length < args.width) continue; // a year-only date has no month
    const period = r.date.slice(0, args.width);
    counts.set(period, (counts.get(period) ?? 0) + 1);
  }
  const periods = [...counts.keys()].sort();
  const all = args.fillEmpty && periods.length > 0 ? periodsBetween(periods[0]!, periods.at(-1)!) : periods;
  return all.map((period) => ({ period, count: counts.get(period) ?? 0 }));
}
