/** Pure shaping of an entity page: relationship groups, fact claims side by side, alias languages. */
import type { Evidence } from '../api/types';
import { relationshipName } from '../components/labels';
import type { FactRow, MentionRow, RelationshipRow } from './operations';

export interface RelationshipGroup {
  key: string;
  type: string;
  direction: 'IN' | 'OUT';
  title: string;
  /** One row per related node; the same fact from several sources is one row with several evidences. */
  rows: Array<{ node: RelationshipRow['node']; details: string[]; evidence: Evidence[] }>;
}

/** "partner in →" for outgoing, "← partner in" for incoming (others partner in this). */
export function groupTitle(type: string, direction: 'IN' | 'OUT'): string {
  return direction === 'OUT' ? `${relationshipName(type)} →` : `← ${relationshipName(type)}`;
}

export function relationshipDetails(
  row: Pick<RelationshipRow, 'role' | 'since' | 'date' | 'forum' | 'claim' | 'category' | 'context' | 'paragraph'>,
): string[] {
  const details: string[] = [];
  if (row.role) details.push(row.role);
  if (row.since) details.push(`since ${row.since}`);
  if (row.date) details.push(row.date);
  if (row.forum) details.push(`in ${row.forum.name}`);
  if (row.category) details.push(row.category);
  if (row.claim) details.push(`“${row.claim}”`);
  if (row.context) details.push(row.context);
  if (row.paragraph) details.push(`¶ ${row.paragraph}`);
  return details;
}

export function groupRelationships(edges: RelationshipRow[]): RelationshipGroup[] {
  const groups = new Map<string, RelationshipGroup>();
  for (const edge of edges) {
    const key = `${edge.type}:${edge.direction}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, type: edge.type, direction: edge.direction, title: groupTitle(edge.type, edge.direction), rows: [] };
      groups.set(key, group);
    }
    const details = relationshipDetails(edge);
    const same = group.rows.find((r) => r.node.slug === edge.node.slug && r.details.join('|') === details.join('|'));
    if (same) same.evidence.push(edge.evidence);
    else group.rows.push({ node: edge.node, details, evidence: [edge.evidence] });
  }
  const list = [...groups.values()];
  for (const group of list) group.rows.sort((a, b) => a.node.name.localeCompare(b.node.name));
  // Larger groups first; ties by type name, outgoing before incoming.
  return list.sort((a, b) => b.rows.length - a.rows.length || a.type.localeCompare(b.type) || a.direction.localeCompare(b.direction));
}

export interface FactGroup {
  property: string;
  /** Every claim of every source for this property, side by side. */
  claims: FactRow[];
  /** True when sources disagree on the value. */
  conflicting: boolean;
}

export function groupFacts(facts: FactRow[]): FactGroup[] {
  const groups = new Map<string, FactRow[]>();
  for (const fact of facts) groups.set(fact.property, [...(groups.get(fact.property) ?? []), fact]);
  return [...groups.entries()].map(([property, claims]) => ({
    property,
    claims,
    conflicting: new Set(claims.map((c) => c.value)).size > 1,
  }));
}

/** "openedForSignature" -> "opened for signature". */
export function propertyName(property: string): string {
  return property.replace(/([A-Z])/g, ' $1').toLowerCase();
}

export interface AliasLanguage {
  alias: string;
  /** Languages of the sources whose excerpts or mentions use this spelling; empty when none does. */
  languages: Array<'EN' | 'ID'>;
}

/**
 * The API lists aliases without a language; the language of an alias is the language of the
 * sources that use that spelling (in an excerpt or a mention), as the sources attest it.
 */
export function aliasLanguages(names: string[], evidence: Evidence[], mentions: MentionRow[]): AliasLanguage[] {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const contains = (text: string, name: string) =>
    new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(fold(name))}($|[^\\p{L}\\p{N}])`, 'u').test(fold(text));
  return names.map((alias) => {
    const languages = new Set<'EN' | 'ID'>();
    for (const e of evidence) if (contains(e.excerpt, alias)) languages.add(e.source.language);
    for (const m of mentions) if (fold(m.matched) === fold(alias)) languages.add(m.node.language);
    return { alias, languages: [...languages].sort() };
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
