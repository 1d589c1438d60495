/** The comparison table: shared rows first, then rows by category; cells in words. */
import { relationshipName } from '../components/labels';
import type { ComparisonLink, ComparisonRow } from './operations';

export interface RowGroup {
  title: string;
  rows: ComparisonRow[];
}

/** The order categories appear in (the issue's: programmes, treaties, norms, memberships, instruments). */
const CATEGORY_ORDER = ['Programme', 'Treaty', 'Norm', 'Actor', 'Instrument', 'Event', 'Topic'];
const CATEGORY_TITLES: Record<string, string> = {
  Programme: 'Programmes',
  Treaty: 'Treaties',
  Norm: 'Norms',
  Actor: 'Memberships and partners',
  Instrument: 'Instruments',
  Event: 'Events',
  Topic: 'Topics and priorities',
};

export function groupRows(rows: ComparisonRow[]): RowGroup[] {
  const rank = (c: string) => CATEGORY_ORDER.indexOf(c) + 1 || 99;
  const byName = (a: ComparisonRow, b: ComparisonRow) => rank(a.category) - rank(b.category) || a.node.name.localeCompare(b.node.name);
  const shared = rows.filter((r) => r.shared).sort(byName);
  const groups: RowGroup[] = shared.length ? [{ title: 'Shared by all', rows: shared }] : [];
  const rest = rows.filter((r) => !r.shared);
  for (const category of [...new Set(rest.map((r) => r.category))].sort((a, b) => rank(a) - rank(b))) {
    groups.push({ title: CATEGORY_TITLES[category] ?? category, rows: rest.filter((r) => r.category === category).sort(byName) });
  }
  return groups;
}

/** "partner in (partner country)", "ratified 2004-05-10", "← member of". */
export function linkText(link: ComparisonLink): string {
  const details = [
    link.properties.role,
    link.properties.date,
    link.properties.since && `since ${link.properties.since}`,
    link.properties.forum && `in ${link.properties.forum}`,
  ]
    .filter(Boolean)
    .join(', ');
  const name = link.direction === 'IN' ? `← ${relationshipName(link.type)}` : relationshipName(link.type);
  return details ? `${name} (${details})` : name;
}
