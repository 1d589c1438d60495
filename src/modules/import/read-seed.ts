/**
 * Reads and validates a seed folder (the curated seed, or a bulk-import folder of the same
 * format) without touching the database. Every problem names its file, line, entry and field;
 * callers write nothing unless the list of problems is empty.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { isSeq } from 'yaml';
import {
  aLabel,
  COUNT_FACTS,
  DATE_FACTS,
  NODE_LABELS,
  PARTIAL_DATE_PATTERN,
  RELATIONSHIP_TYPES,
  type NodeLabel,
  type RelationshipType,
} from '../../domain/model.js';
import { parseBundle } from './import-formats.js';
import {
  emptyParsedSeed,
  parseEntries,
  parseYaml,
  seqEntries,
  toSeedData,
  type Located,
  type ParsedSeed,
  type RawEntry,
  type SeedData,
  type SeedProblem,
} from './seed-entries.js';
import {
  MENTIONS_FILE,
  NODE_FILES,
  REFERENCE_DIR,
  RELATIONSHIPS_DIR,
  SOURCES_FILE,
  mentionSchema,
  nodeSchemas,
  relationshipSchema,
  sourceSchema,
  type NodeEntry,
} from './seed-schema.js';

/**
 * Ids that exist in the database, for validating an import whose entries point at nodes and
 * sources it does not define. The seed itself is checked without one (it must be complete).
 */
export interface KnownIds {
  nodes: ReadonlyMap<string, { label: NodeLabel; kind: string | null }>;
  sources: ReadonlySet<string>;
}

export interface SeedReadResult {
  data: SeedData;
  problems: SeedProblem[];
}

/** Parses a YAML file that must hold a list; returns each item with the line it starts on. */
async function readList(dir: string, file: string, problems: SeedProblem[], required: boolean): Promise<RawEntry[]> {
  const fullPath = path.join(dir, file);
  let text: string;
  try {
    text = await readFile(fullPath, 'utf8');
  } catch {
    if (required) problems.push({ file, message: 'file is missing' });
    return [];
  }
  const parsed = parseYaml(file, text, problems);
  if (!parsed) return [];
  const { doc, lines } = parsed;
  if (doc.contents === null) return [];
  if (!isSeq(doc.contents)) {
    problems.push({ file, line: 1, message: 'must be a YAML list of entries (each starting with "- ")' });
    return [];
  }
  return seqEntries(doc.contents, lines);
}

/** Reads every file of a seed folder and checks each entry's shape; references are not checked yet. */
export async function parseSeedFolder(dir: string): Promise<{ parsed: ParsedSeed; problems: SeedProblem[] }> {
  const problems: SeedProblem[] = [];
  const parsed = emptyParsedSeed();

  parsed.sources = parseEntries(SOURCES_FILE, await readList(dir, SOURCES_FILE, problems, true), sourceSchema, problems);

  for (const label of NODE_LABELS) {
    const file = NODE_FILES[label];
    parsed.nodes[label] = parseEntries(file, await readList(dir, file, problems, false), nodeSchemas[label], problems) as Array<
      NodeEntry & Located
    >;
  }

  let relationshipFiles: string[] = [];
  try {
    relationshipFiles = (await readdir(path.join(dir, RELATIONSHIPS_DIR))).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch {
    // a seed without relationships is allowed
  }
  for (const name of relationshipFiles) {
    const file = `${RELATIONSHIPS_DIR}/${name}`;
    parsed.relationships.push(...parseEntries(file, await readList(dir, file, problems, true), relationshipSchema, problems));
  }

  parsed.mentions = parseEntries(MENTIONS_FILE, await readList(dir, MENTIONS_FILE, problems, false), mentionSchema, problems);

  await readReferenceBundles(dir, parsed, problems);
  return { parsed, problems };
}

/**
 * Reference data (seed/data/reference/*.yaml): one bundle per source family (a treaty chart, an
 * EU act, an organisation's member list), each holding its own sources, nodes and
 * relationships in the bundle format that bulk import reads. Entries join the seed's lists and
 * are checked with everything else (ids unique across all files, references resolved).
 */
async function readReferenceBundles(dir: string, parsed: ParsedSeed, problems: SeedProblem[]): Promise<void> {
  let files: string[] = [];
  try {
    files = (await readdir(path.join(dir, REFERENCE_DIR))).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch {
    return; // no reference folder
  }
  for (const name of files) {
    const file = `${REFERENCE_DIR}/${name}`;
    const bundle = parseBundle(file, await readFile(path.join(dir, file), 'utf8'));
    problems.push(...bundle.problems);
    parsed.sources.push(...bundle.parsed.sources);
    for (const label of NODE_LABELS) parsed.nodes[label].push(...bundle.parsed.nodes[label]);
    parsed.relationships.push(...bundle.parsed.relationships);
    parsed.mentions.push(...bundle.parsed.mentions);
  }
}

/**
 * A file that is missing or does not parse contributes no entries; checking references against
 * the rest would bury its one syntax error under a "no node has id" for every entry it held.
 * (File-level problems are the ones without an entry.) Fix those first, then references are checked.
 */
export function hasUnreadableFiles(problems: readonly SeedProblem[]): boolean {
  return problems.some((p) => p.entry === undefined);
}

export async function readSeed(dir: string): Promise<SeedReadResult> {
  const { parsed, problems } = await parseSeedFolder(dir);
  if (!hasUnreadableFiles(problems)) checkReferences(parsed, problems);
  return { data: toSeedData(parsed), problems };
}

/**
 * Ids the entries point at (or define) that a database may already hold: every referenced node
 * and source id, and every defined id (an import must not reuse an id under another label).
 */
export function idsToLookUp(parsed: ParsedSeed): string[] {
  const ids = new Set<string>();
  for (const s of parsed.sources) ids.add(s.id);
  for (const label of NODE_LABELS) {
    for (const n of parsed.nodes[label]) {
      ids.add(n.id);
      for (const f of n.facts) ids.add(f.source);
    }
  }
  for (const r of parsed.relationships) {
    ids.add(r.from).add(r.to).add(r.source);
    const rule = RELATIONSHIP_TYPES[r.type as RelationshipType];
    for (const [key, value] of Object.entries(r.properties)) {
      if ((rule.properties as Record<string, string>)[key] === 'nodeId') ids.add(value);
    }
  }
  for (const m of parsed.mentions) ids.add(m.source).add(m.node);
  return [...ids].sort();
}

/**
 * Cross-entry rules: unique ids, known sources, endpoints of the allowed labels, typed properties.
 * With `existing` (an import), ids may also point at what the database holds, and a defined id
 * must not belong to something of another kind there.
 */
export function checkReferences(parsed: ParsedSeed, problems: SeedProblem[], existing?: KnownIds): void {
  const { sources, nodes, relationships, mentions } = parsed;
  const nowhere = existing ? ' in the file or the database' : '';
  const sourceIds = new Set<string>(existing?.sources ?? []);
  const fileSourceIds = new Set<string>();
  for (const s of sources) {
    if (fileSourceIds.has(s.id))
      problems.push({ file: s.__file, line: s.__line, entry: s.id, field: 'id', message: 'duplicate source id' });
    const existingNode = existing?.nodes.get(s.id);
    if (existingNode) {
      problems.push({
        file: s.__file,
        line: s.__line,
        entry: s.id,
        field: 'id',
        message: `id is already used by an existing ${existingNode.label}`,
      });
    }
    fileSourceIds.add(s.id);
    sourceIds.add(s.id);
  }

  const labelOf = new Map<string, NodeLabel>();
  const kindOf = new Map<string, string | null>();
  for (const [id, node] of existing?.nodes ?? []) {
    labelOf.set(id, node.label);
    kindOf.set(id, node.kind);
  }
  const fileNodeIds = new Set<string>();
  for (const label of NODE_LABELS) {
    for (const n of nodes[label]) {
      const at = { file: n.__file, line: n.__line, entry: n.id };
      const existingLabel = existing?.nodes.get(n.id)?.label;
      if (fileNodeIds.has(n.id) || fileSourceIds.has(n.id)) {
        problems.push({
          ...at,
          field: 'id',
          message: `id is already used by another ${fileNodeIds.has(n.id) ? labelOf.get(n.id) : 'Source'}`,
        });
      } else if (existingLabel && existingLabel !== label) {
        problems.push({ ...at, field: 'id', message: `id is already used by an existing ${existingLabel}` });
      } else if (existing?.sources.has(n.id)) {
        problems.push({ ...at, field: 'id', message: 'id is already used by an existing Source' });
      }
      fileNodeIds.add(n.id);
      labelOf.set(n.id, label);
      kindOf.set(n.id, n.kind);
      n.facts.forEach((fact, i) => {
        const field = `facts.${i}`;
        if (!sourceIds.has(fact.source)) {
          problems.push({ ...at, field: `${field}.source`, message: `unknown source "${fact.source}"` });
        }
        const isCount = (COUNT_FACTS as readonly string[]).includes(fact.property);
        if (isCount && typeof fact.value !== 'number') {
          problems.push({ ...at, field: `${field}.value`, message: `${fact.property} is a count and needs a whole number` });
        }
        if ((DATE_FACTS as readonly string[]).includes(fact.property) && typeof fact.value !== 'string') {
          problems.push({
            ...at,
            field: `${field}.value`,
            message: `${fact.property} is a date and needs YYYY, YYYY-MM or YYYY-MM-DD (quoted)`,
          });
        }
      });
    }
  }

  const seenRelationships = new Set<string>();
  for (const r of relationships) {
    const at = { file: r.__file, line: r.__line, entry: `${r.type} ${r.from} -> ${r.to}` };
    const rule = RELATIONSHIP_TYPES[r.type as RelationshipType];
    if (!sourceIds.has(r.source)) problems.push({ ...at, field: 'source', message: `unknown source "${r.source}"` });
    const fromLabel = labelOf.get(r.from);
    const toLabel = labelOf.get(r.to);
    if (!fromLabel) problems.push({ ...at, field: 'from', message: `no node has id "${r.from}"${nowhere}` });
    else if (!(rule.from as readonly string[]).includes(fromLabel)) {
      problems.push({ ...at, field: 'from', message: `${r.type} cannot start at ${aLabel(fromLabel)} (allowed: ${rule.from.join(', ')})` });
    }
    if (!toLabel) problems.push({ ...at, field: 'to', message: `no node has id "${r.to}"${nowhere}` });
    else if (!(rule.to as readonly string[]).includes(toLabel)) {
      problems.push({ ...at, field: 'to', message: `${r.type} cannot end at ${aLabel(toLabel)} (allowed: ${rule.to.join(', ')})` });
    }
    if (r.type === 'STATED' && fromLabel === 'Actor' && kindOf.get(r.from) !== 'person') {
      problems.push({ ...at, field: 'from', message: 'STATED must start at an Actor of kind person' });
    }
    for (const [key, value] of Object.entries(r.properties)) {
      const kind = (rule.properties as Record<string, string>)[key];
      if (!kind) {
        const allowed = Object.keys(rule.properties);
        problems.push({
          ...at,
          field: `properties.${key}`,
          message: `${r.type} has no property "${key}" (allowed: ${allowed.length ? allowed.join(', ') : 'none'})`,
        });
      } else if (kind === 'date' && !PARTIAL_DATE_PATTERN.test(value)) {
        problems.push({ ...at, field: `properties.${key}`, message: 'must be a date written YYYY, YYYY-MM or YYYY-MM-DD' });
      } else if (kind === 'nodeId' && !labelOf.has(value)) {
        problems.push({ ...at, field: `properties.${key}`, message: `no node has id "${value}"${nowhere}` });
      }
    }
    const key = `${r.type}|${r.from}|${r.to}|${r.source}`;
    if (seenRelationships.has(key)) {
      problems.push({ ...at, field: 'source', message: 'the same relationship from the same source is listed twice; merge the entries' });
    }
    seenRelationships.add(key);
  }

  const seenMentions = new Set<string>();
  for (const m of mentions) {
    const at = { file: m.__file, line: m.__line, entry: `${m.source} mentions ${m.node}@${m.start}` };
    if (!sourceIds.has(m.source)) problems.push({ ...at, field: 'source', message: `unknown source "${m.source}"` });
    if (!labelOf.has(m.node)) problems.push({ ...at, field: 'node', message: `no node has id "${m.node}"${nowhere}` });
    const key = `${m.source}|${m.node}|${m.start}|${m.end}`;
    if (seenMentions.has(key)) problems.push({ ...at, field: 'start', message: 'the same mention is listed twice' });
    seenMentions.add(key);
  }
}
