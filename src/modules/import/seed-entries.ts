/**
 * The entries of a seed folder or an import file, parsed: their shapes, where each was read
 * (file and line, so every problem can name them), and the YAML helpers the readers share
 * (read-seed.ts for a folder, import-formats.ts for a bundle or CSV).
 */
import { type Document, LineCounter, parseDocument, type YAMLSeq, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { NODE_LABELS, type NodeLabel } from '../../domain/model.js';
import type { MentionEntry, NodeEntry, RelationshipEntry, SourceEntry } from './seed-schema.js';

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
  /** Mentions found by ingest (mentions.yaml); optional in the layout. */
  mentions?: MentionEntry[];
}

/** Where an entry was read: the file (as problems name it) and the line it starts on. */
export interface Located {
  __file: string;
  __line: number;
}

/** Entries parsed and structurally valid, each still knowing where it came from. */
export interface ParsedSeed {
  sources: Array<SourceEntry & Located>;
  nodes: Record<NodeLabel, Array<NodeEntry & Located>>;
  relationships: Array<RelationshipEntry & Located>;
  mentions: Array<MentionEntry & Located>;
}

export function emptyParsedSeed(): ParsedSeed {
  return {
    sources: [],
    nodes: Object.fromEntries(NODE_LABELS.map((l) => [l, []])) as unknown as ParsedSeed['nodes'],
    relationships: [],
    mentions: [],
  };
}

export function formatProblem(p: SeedProblem): string {
  const where = [p.file + (p.line ? `:${p.line}` : ''), p.entry && `entry ${p.entry}`, p.field && `field ${p.field}`]
    .filter(Boolean)
    .join(', ');
  return `${where}: ${p.message}`;
}

export interface RawEntry {
  value: unknown;
  line: number;
}

/** Parses YAML text; syntax errors become problems (with their line) and yield null. */
export function parseYaml(file: string, text: string, problems: SeedProblem[]): { doc: Document; lines: LineCounter } | null {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      problems.push({ file, line: lines.linePos(error.pos[0]).line, message: `YAML syntax: ${error.message.split('\n')[0]}` });
    }
    return null;
  }
  return { doc, lines };
}

/** Each item of a YAML list with the line it starts on. */
export function seqEntries(seq: YAMLSeq, lines: LineCounter): RawEntry[] {
  return seq.items.map((item) => ({
    value: (item as YamlNode).toJSON(),
    line: lines.linePos((item as YamlNode).range?.[0] ?? 0).line,
  }));
}

function entryName(value: unknown, index: number): string {
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.id === 'string') return v.id;
    if (typeof v.type === 'string') return `${v.type} ${String(v.from)} -> ${String(v.to)}`;
    if (typeof v.source === 'string' && typeof v.node === 'string') return `${v.source} mentions ${v.node}@${String(v.start)}`;
  }
  return `#${index + 1}`;
}

/** Validates each entry against its schema; an entry with problems is reported and left out. */
export function parseEntries<S extends z.ZodTypeAny>(
  file: string,
  raw: RawEntry[],
  schema: S,
  problems: SeedProblem[],
): Array<z.infer<S> & Located> {
  const parsed: Array<z.infer<S> & Located> = [];
  raw.forEach((item, index) => {
    const result = schema.safeParse(item.value);
    if (result.success) {
      parsed.push(Object.assign({}, result.data as object, { __line: item.line, __file: file }) as z.infer<S> & Located);
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

function stripLocation<T extends Located>(entry: T): Omit<T, '__line' | '__file'> {
  const { __line: _line, __file: _file, ...rest } = entry;
  return rest;
}

/** The entries without their locations, ready for loadSeed. */
export function toSeedData(parsed: ParsedSeed): SeedData {
  return {
    sources: parsed.sources.map(stripLocation),
    nodes: Object.fromEntries(NODE_LABELS.map((l) => [l, parsed.nodes[l].map(stripLocation)])) as Record<NodeLabel, NodeEntry[]>,
    relationships: parsed.relationships.map(stripLocation),
    mentions: parsed.mentions.map(stripLocation),
  };
}
