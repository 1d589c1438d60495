/**
 * Export in the seed format: the graph (or a scope of it) as the files the seed and bulk import
 * read (sources.yaml, actors.yaml, ..., relationships/export.yaml, mentions.yaml), so that
 * export -> import into an empty database reproduces the same graph, property for property.
 *
 * Derived properties (`searchNames`, `nameWords`, `date`) are not written: the loader computes them again.
 * Anything the format cannot carry (an unknown property, a node without one domain label, a
 * relationship type outside the model) is left out and reported as a warning, never silently.
 * Output is deterministic: entries sorted by id (relationships by type, from, to, source).
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Document, isMap, isScalar, isSeq, visit, Scalar, type Pair } from 'yaml';
import type { QueryRunner } from '../../db/query.js';
import {
  aLabel,
  EVIDENCE_KEYS,
  NODE_LABELS,
  PARTIAL_DATE_PATTERN,
  RELATIONSHIP_TYPES,
  propertyKeysOf,
  type NodeLabel,
  type RelationshipType,
} from '../../domain/model.js';
import type { SeedData } from '../import/seed-entries.js';
import { primaryDate } from '../import/seed-loader.js';
import { DERIVED_NAME_PROPERTIES, searchNamesOf } from '../search/search.names.js';
import {
  MENTIONS_FILE,
  NODE_FILES,
  RELATIONSHIPS_DIR,
  SOURCES_FILE,
  type FactEntry,
  type MentionEntry,
  type NodeEntry,
  type RelationshipEntry,
  type SourceEntry,
} from '../import/seed-schema.js';
import {
  countOtherNodes,
  readNodes,
  readRelationships,
  readSourceEdges,
  readSources,
  type Props,
  type SeedExportScope,
} from './seed-format.repository.js';

export type { SeedExportScope };

export interface SeedExport {
  data: SeedData & { mentions: MentionEntry[] };
  /** What the format could not carry; empty for a faithful export. */
  warnings: string[];
  /** What is deliberately not exported (e.g. the audit trail), with counts. */
  skipped: string[];
}

export const EXPORT_RELATIONSHIPS_FILE = `${RELATIONSHIPS_DIR}/export.yaml`;

const SOURCE_KEYS = [
  'title',
  'kind',
  'language',
  'file',
  'publisher',
  'url',
  'published',
  'description',
  'checksum',
  'length',
  'text',
] as const;
const NODE_EXTRA_KEYS: Record<NodeLabel, readonly string[]> = {
  Actor: ['countryCode'],
  Treaty: ['code'],
  Norm: ['code'],
  Instrument: ['code'],
  Programme: [],
  Event: ['location'],
  Topic: [],
};
/** Node properties the loader derives from others; checked, not written. */
const DERIVED_NODE_KEYS = [...DERIVED_NAME_PROPERTIES, 'date'];

const definedEntries = (props: Props, keys: readonly string[]) =>
  Object.fromEntries(keys.filter((k) => props[k] !== undefined && props[k] !== null).map((k) => [k, props[k]]));

function unknownKeys(props: Props, known: readonly string[]): string[] {
  return Object.keys(props)
    .filter((k) => !known.includes(k))
    .sort();
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Reads the graph (or the scope) as seed entries. */
export async function readGraphAsSeed(cypher: QueryRunner, scope?: SeedExportScope): Promise<SeedExport> {
  const warnings: string[] = [];
  const skipped: string[] = [];

  const sources: SourceEntry[] = (await readSources(cypher, scope)).map((row) => {
    for (const key of unknownKeys(row.props, ['id', ...SOURCE_KEYS]))
      warnings.push(`source ${row.id}: property "${key}" is not part of the format; not exported`);
    return { id: row.id, ...definedEntries(row.props, SOURCE_KEYS) } as SourceEntry;
  });

  const nodes = Object.fromEntries(NODE_LABELS.map((l) => [l, [] as NodeEntry[]])) as Record<NodeLabel, NodeEntry[]>;
  const exportedNodes = new Set<string>();
  for (const row of await readNodes(cypher, scope)) {
    const labels = row.labels.filter((l): l is NodeLabel => (NODE_LABELS as readonly string[]).includes(l));
    const others = row.labels.filter((l) => !(NODE_LABELS as readonly string[]).includes(l));
    if (labels.length !== 1 || others.length > 0) {
      warnings.push(`node ${row.id}: labels ${row.labels.join(', ') || '(none)'} are not one domain label; not exported`);
      continue;
    }
    const label = labels[0]!; // exactly one, checked above
    const keys = ['name', 'kind', 'aliases', 'description', 'version', ...NODE_EXTRA_KEYS[label]];
    for (const key of unknownKeys(row.props, ['id', ...keys, ...DERIVED_NODE_KEYS])) {
      warnings.push(`node ${row.id}: property "${key}" is not part of the format for ${aLabel(label)}; not exported`);
    }
    const facts: FactEntry[] = row.facts
      .map(({ source, props }) => {
        for (const key of unknownKeys(props, ['property', 'value', 'source', 'excerpt', 'asOf'])) {
          warnings.push(`fact ${props.property} of ${row.id} from ${source}: property "${key}" is not exported`);
        }
        return {
          property: props.property,
          value: props.value,
          source,
          excerpt: props.excerpt,
          ...definedEntries(props, ['asOf']),
        } as FactEntry;
      })
      .sort((a, b) => byText(a.property, b.property) || byText(a.source, b.source) || byText(String(a.value), String(b.value)));
    const node = {
      id: row.id,
      ...definedEntries(row.props, keys),
      aliases: (row.props.aliases as string[] | undefined) ?? [],
      facts,
    } as NodeEntry;
    const date = primaryDate(label, node);
    if ((row.props.date ?? null) !== date) {
      warnings.push(
        `node ${row.id}: date ${String(row.props.date ?? null)} is not the one its facts give (${String(date)}); an import sets ${String(date)}`,
      );
    }
    if (row.props.searchNames !== undefined && row.props.searchNames !== searchNamesOf(node.name, node.aliases)) {
      warnings.push(`node ${row.id}: searchNames differs from its name and aliases; an import recomputes it`);
    }
    nodes[label].push(node);
    exportedNodes.add(row.id);
  }

  const exportedSources = new Set(sources.map((s) => s.id));
  const relationships: RelationshipEntry[] = [];
  const unknownTypes = new Map<string, number>();
  for (const row of await readRelationships(cypher, scope)) {
    const rule = RELATIONSHIP_TYPES[row.type as RelationshipType];
    if (!rule) {
      unknownTypes.set(row.type, (unknownTypes.get(row.type) ?? 0) + 1);
      continue;
    }
    const where = `${row.type} ${row.from} -> ${row.to}`;
    if (!exportedNodes.has(row.from) || !exportedNodes.has(row.to)) continue; // its node was reported above
    const source = row.props.source;
    if (typeof source !== 'string' || !exportedSources.has(source)) {
      warnings.push(`${where}: its source ${String(source)} is not exported; not exported`);
      continue;
    }
    const propertyKeys = propertyKeysOf(row.type as RelationshipType);
    for (const key of unknownKeys(row.props, [...EVIDENCE_KEYS, ...propertyKeys])) {
      warnings.push(`${where} (${source}): property "${key}" is not part of the format; not exported`);
    }
    const properties: Record<string, string> = {};
    for (const key of propertyKeys) {
      const value = row.props[key];
      if (value === undefined || value === null) continue;
      if (typeof value !== 'string') warnings.push(`${where} (${source}): ${key} is not a string; exported as text`);
      properties[key] = String(value);
    }
    relationships.push({
      type: row.type,
      from: row.from,
      to: row.to,
      ...(Object.keys(properties).length ? { properties } : {}),
      source,
      excerpt: row.props.excerpt,
      ...definedEntries(row.props, ['asOf']),
    } as RelationshipEntry);
  }
  for (const [type, count] of unknownTypes) warnings.push(`${count} ${type} relationship(s): not a type of the model; not exported`);

  const mentions: MentionEntry[] = [];
  for (const row of await readSourceEdges(cypher, scope)) {
    if (row.type !== 'MENTIONS' || !exportedNodes.has(row.to)) {
      warnings.push(`${row.type} ${row.from} -> ${row.to}: not exported`);
      continue;
    }
    for (const key of unknownKeys(row.props, ['source', 'start', 'end', 'matched', 'excerpt'])) {
      warnings.push(`MENTIONS ${row.from} -> ${row.to}: property "${key}" is not exported`);
    }
    mentions.push({ source: row.from, node: row.to, ...definedEntries(row.props, ['start', 'end', 'matched', 'excerpt']) } as MentionEntry);
  }

  if (!scope) for (const { label, count } of await countOtherNodes(cypher)) skipped.push(`${count} :${label} node(s)`);

  return { data: { sources, nodes, relationships, mentions }, warnings, skipped };
}

/** Plain entries in a readable key order, as the curated seed writes them. */
function orderedNode(node: NodeEntry): Record<string, unknown> {
  const { id, kind, name, aliases, description, version, facts, ...extra } = node;
  return {
    id,
    kind,
    name,
    ...extra,
    ...(aliases.length ? { aliases } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(version !== undefined ? { version } : {}),
    ...(facts.length ? { facts } : {}),
  };
}

function orderedSource(source: SourceEntry): Record<string, unknown> {
  const { id, kind, language, file, title, ...rest } = source;
  return { id, kind, language, ...(file !== undefined ? { file } : {}), title, ...rest };
}

/** Keys whose string values are quoted: verbatim text, names people read, and every date. */
const QUOTED_KEYS = new Set(['excerpt', 'title', 'matched', 'value', 'asOf', 'published']);

/** YAML for one file: a list of entries, flow style for aliases and properties, dates quoted. */
export function toYaml(entries: unknown[], header: string): string {
  const doc = new Document(entries);
  visit(doc, {
    Pair(_, pair: Pair) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (key === 'aliases' && isSeq(pair.value)) {
        pair.value.flow = true;
        for (const item of pair.value.items) if (isScalar(item)) item.type = Scalar.QUOTE_DOUBLE;
      }
      if (key === 'properties' && isMap(pair.value)) pair.value.flow = true;
      if (
        isScalar(pair.value) &&
        typeof pair.value.value === 'string' &&
        (QUOTED_KEYS.has(key) || PARTIAL_DATE_PATTERN.test(pair.value.value))
      ) {
        pair.value.type = Scalar.QUOTE_DOUBLE;
      }
    },
    Scalar(_, scalar) {
      // Dates anywhere (property values inside flow maps too) are quoted.
      if (typeof scalar.value === 'string' && PARTIAL_DATE_PATTERN.test(scalar.value)) scalar.type = Scalar.QUOTE_DOUBLE;
    },
  });
  const body = entries.length === 0 ? '[]\n' : doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  // A blank line between entries, as in the curated seed.
  return `${header}\n${body.replace(/\n- /g, '\n\n- ')}`;
}

/** The files of a seed folder, by relative path. */
export function seedFiles(data: SeedData, generatedBy = 'npm run export'): Record<string, string> {
  const header = (what: string) => `# ${what}, exported by ${generatedBy}. The seed format: README.md, "Adding data".\n`;
  const files: Record<string, string> = {
    [SOURCES_FILE]: toYaml(data.sources.map(orderedSource), header('Sources')),
  };
  for (const label of NODE_LABELS) files[NODE_FILES[label]] = toYaml(data.nodes[label].map(orderedNode), header(`${label} nodes`));
  files[EXPORT_RELATIONSHIPS_FILE] = toYaml(data.relationships, header('Relationships'));
  files[MENTIONS_FILE] = toYaml(data.mentions ?? [], header('Mentions found by ingest'));
  return files;
}

export class ExportTargetError extends Error {
  override name = 'ExportTargetError';
}

/**
 * Writes the files into `dir`. A folder that already holds anything is refused unless `replace`,
 * which first removes the seed layout's files there (so no stale relationships file is imported).
 */
export async function writeSeedFolder(dir: string, data: SeedData, options: { replace?: boolean } = {}): Promise<string[]> {
  const existing = await readdir(dir).catch(() => [] as string[]);
  if (existing.length > 0) {
    if (!options.replace)
      throw new ExportTargetError(`${dir} is not empty; choose an empty folder or pass --force to replace its seed files`);
    const layout = [SOURCES_FILE, MENTIONS_FILE, ...Object.values(NODE_FILES)];
    await Promise.all(layout.map((f) => rm(path.join(dir, f), { force: true })));
    await rm(path.join(dir, RELATIONSHIPS_DIR), { recursive: true, force: true });
  }
  const files = seedFiles(data);
  await mkdir(path.join(dir, RELATIONSHIPS_DIR), { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(path.join(dir, file), text);
  return Object.keys(files).sort();
}
