/** Search results grouped by type, groups ordered by their best hit, hits by score. */
import type { SearchHit } from './operations';

export interface ResultGroup {
  label: string;
  hits: SearchHit[];
}

export function groupByType(hits: SearchHit[]): ResultGroup[] {
  const groups = new Map<string, SearchHit[]>();
  for (const hit of [...hits].sort((a, b) => b.score - a.score)) {
    const label = hit.node.__typename;
    groups.set(label, [...(groups.get(label) ?? []), hit]);
  }
  return [...groups.entries()].map(([label, list]) => ({ label, hits: list }));
}

/** The alias that matched the text, when the name itself did not (shown as "also: Jepang"). */
export function matchedAlias(hit: SearchHit, text: string): string | null {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const words = fold(text).split(/\s+/).filter(Boolean);
  if (!words.length) return null;
  if (words.every((w) => fold(hit.node.name).includes(w))) return null;
  return hit.node.aliases.find((alias) => words.every((w) => fold(alias).includes(w))) ?? null;
}
