/**
 * Reads and validates a seed folder (the curated seed, or a bulk-import folder of the same
 * format) without touching the database. Every problem names its file, line, entry and field;
 * callers write nothing unless the list of problems is empty.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument, isSeq, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import {
  COUNT_FACTS,
  DATE_FACTS,
  NODE_LABELS,
  PARTIAL_DATE_PATTERN,
  RELATIONSHIP_TYPES,
  type NodeLabel,
  type RelationshipType,
} from '../src/domain/model.js';
import {
  NODE_FILES,
  RELATIONSHIPS_DIR,
  SOURCES_FILE,
  nodeSchemas,
  relationshipSchema,
  sourceSchema,
  type NodeEntry,
  type RelationshipEntry,
  type SourceEntry,
} from './seed-schema.js';

export interface SeedProblem {
  file: string;
  line?: number;
  /** The entry's id (or type/from/to for a relationship), else its position. */
  entry?: string;
  field?: string;
  message: string;
}

export interface SeedData {
  sources: SourceEntry[];
  nodes: Record<NodeLabel, NodeEntry[]>;
  relationships: RelationshipEntry[];
}

export interface SeedReadResult {
  data: SeedData;
  problems: SeedProblem[];
}

export function formatProblem(p: SeedProblem): string {
  const where = [p.file + (p.line ? `:${p.line}` : ''), p.entry && `entry ${p.entry}`, p.field && `field ${p.field}`]
    .filter(Boolean)
    .join(', ');
  return `${where}: ${p.message}`;
}

interface RawEntry {
  value: unknown;
  line: number;
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
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      problems.push({ file, line: lineCounter.linePos(error.pos[0]).line, message: `YAML syntax: ${error.message.split('\n')[0]}` });
    }
    return [];
  }
  if (doc.contents === null) return [];
  if (!isSeq(doc.contents)) {
    problems.push({ file, line: 1, message: 'must be a YAML list of entries (each starting with "- ")' });
    return [];
  }
  return doc.contents.items.map((item) => ({
    value: (item as YamlNode).toJSON(),
    line: lineCounter.linePos((item as YamlNode).range?.[0] ?? 0).line,
  }));
}

function entryName(value: unknown, index: number): string {
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.id === 'string') return v.id;
    if (typeof v.type === 'string') return `${v.type} ${String(v.from)} -> ${String(v.to)}`;
  }
  return `#${index + 1}`;
}

function parseEntries<S extends z.ZodTypeAny>(
  file: string,
  raw: RawEntry[],
  schema: S,
  problems: SeedProblem[],
): Array<z.infer<S> & { __line: number }> {
  const parsed: Array<z.infer<S> & { __line: number }> = [];
  raw.forEach((item, index) => {
    const result = schema.safeParse(item.value);
    if (result.success) {
      parsed.push(Object.assign({}, result.data as object, { __line: item.line }) as z.infer<S> & { __line: number });
      return;
    }
    for (const issue of result.error.issues) {
      problems.push({
        file,
        line: item.line,
        entry: entryName(item.value, index),
        field: issue.path.length ? issue.path.join('.') : undefined,
        message: issue.message,
      });
    }
  });
  return parsed;
}

function stripLine<T extends { __line: number }>(entry: T): Omit<T, '__line'> {
  const { __line: _line, ...rest } = entry;
  return rest;
}

export async function readSeed(dir: string): Promise<SeedReadResult> {
  const problems: SeedProblem[] = [];

  const sources = parseEntries(SOURCES_FILE, await readList(dir, SOURCES_FILE, problems, true), sourceSchema, problems);

  const nodes = {} as Record<NodeLabel, Array<NodeEntry & { __line: number }>>;
  for (const label of NODE_LABELS) {
    const file = NODE_FILES[label];
    nodes[label] = parseEntries(file, await readList(dir, file, problems, false), nodeSchemas[label], problems) as Array<
      NodeEntry & { __line: number }
    >;
  }

  const relationships: Array<RelationshipEntry & { __line: number; __file: string }> = [];
  let relationshipFiles: string[] = [];
  try {
    relationshipFiles = (await readdir(path.join(dir, RELATIONSHIPS_DIR))).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch {
    // a seed without relationships is allowed
  }
  for (const name of relationshipFiles) {
    const file = `${RELATIONSHIPS_DIR}/${name}`;
    for (const entry of parseEntries(file, await readList(dir, file, problems, true), relationshipSchema, problems)) {
      relationships.push({ ...entry, __file: file });
    }
  }

  // A file that is missing or does not parse contributes no entries; checking references against
  // the rest would bury its one syntax error under a "no node has id" for every entry it held.
  // (File-level problems are the ones without an entry.) Fix those first, then references are checked.
  const unreadableFiles = problems.some((p) => p.entry === undefined);
  if (!unreadableFiles) checkReferences(sources, nodes, relationships, problems);

  return {
    data: {
      sources: sources.map(stripLine),
      nodes: Object.fromEntries(NODE_LABELS.map((l) => [l, nodes[l].map(stripLine)])) as Record<NodeLabel, NodeEntry[]>,
      relationships: relationships.map(({ __file: _file, ...r }) => stripLine(r)),
    },
    problems,
  };
}

/** Cross-entry rules: unique ids, known sources, endpoints of the allowed labels, typed properties. */
function checkReferences(
  sources: Array<SourceEntry & { __line: number }>,
  nodes: Record<NodeLabel, Array<NodeEntry & { __line: number }>>,
  relationships: Array<RelationshipEntry & { __line: number; __file: string }>,
  problems: SeedProblem[],
): void {
  const sourceIds = new Set<string>();
  for (const s of sources) {
    if (sourceIds.has(s.id)) problems.push({ file: SOURCES_FILE, line: s.__line, entry: s.id, field: 'id', message: 'duplicate source id' });
    sourceIds.add(s.id);
  }

  const labelOf = new Map<string, NodeLabel>();
  const kindOf = new Map<string, string>();
  for (const label of NODE_LABELS) {
    for (const n of nodes[label]) {
      const file = NODE_FILES[label];
      if (labelOf.has(n.id) || sourceIds.has(n.id)) {
        problems.push({ file, line: n.__line, entry: n.id, field: 'id', message: `id is already used by another ${labelOf.get(n.id) ?? 'Source'}` });
      }
      labelOf.set(n.id, label);
      kindOf.set(n.id, n.kind);
      n.facts.forEach((fact, i) => {
        const field = `facts.${i}`;
        if (!sourceIds.has(fact.source)) {
          problems.push({ file, line: n.__line, entry: n.id, field: `${field}.source`, message: `unknown source "${fact.source}"` });
        }
        const isCount = (COUNT_FACTS as readonly string[]).includes(fact.property);
        if (isCount && typeof fact.value !== 'number') {
          problems.push({ file, line: n.__line, entry: n.id, field: `${field}.value`, message: `${fact.property} is a count and needs a whole number` });
        }
        if ((DATE_FACTS as readonly string[]).includes(fact.property) && typeof fact.value !== 'string') {
          problems.push({ file, line: n.__line, entry: n.id, field: `${field}.value`, message: `${fact.property} is a date and needs YYYY, YYYY-MM or YYYY-MM-DD (quoted)` });
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
    if (!fromLabel) problems.push({ ...at, field: 'from', message: `no node has id "${r.from}"` });
    else if (!(rule.from as readonly string[]).includes(fromLabel)) {
      problems.push({ ...at, field: 'from', message: `${r.type} cannot start at a ${fromLabel} (allowed: ${rule.from.join(', ')})` });
    }
    if (!toLabel) problems.push({ ...at, field: 'to', message: `no node has id "${r.to}"` });
    else if (!(rule.to as readonly string[]).includes(toLabel)) {
      problems.push({ ...at, field: 'to', message: `${r.type} cannot end at a ${toLabel} (allowed: ${rule.to.join(', ')})` });
    }
    if (r.type === 'STATED' && fromLabel === 'Actor' && kindOf.get(r.from) !== 'person') {
      problems.push({ ...at, field: 'from', message: 'STATED must start at an Actor of kind person' });
    }
    for (const [key, value] of Object.entries(r.properties)) {
      const kind = (rule.properties as Record<string, string>)[key];
      if (!kind) {
        const allowed = Object.keys(rule.properties);
        problems.push({ ...at, field: `properties.${key}`, message: `${r.type} has no property "${key}" (allowed: ${allowed.length ? allowed.join(', ') : 'none'})` });
      } else if (kind === 'date' && !PARTIAL_DATE_PATTERN.test(value)) {
        problems.push({ ...at, field: `properties.${key}`, message: 'must be a date written YYYY, YYYY-MM or YYYY-MM-DD' });
      } else if (kind === 'nodeId' && !labelOf.has(value)) {
        problems.push({ ...at, field: `properties.${key}`, message: `no node has id "${value}"` });
      }
    }
    const key = `${r.type}|${r.from}|${r.to}|${r.source}`;
    if (seenRelationships.has(key)) {
      problems.push({ ...at, field: 'source', message: 'the same relationship from the same source is listed twice; merge the entries' });
    }
    seenRelationships.add(key);
  }
}
