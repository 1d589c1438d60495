/**
 * The shape of the curated seed files (seed/data/*.yaml) and of bulk-import files.
 * Parsing is structural here; cross-file checks (ids exist, endpoints have allowed labels,
 * fact properties fit the label) live in read-seed.ts (checkReferences) so each problem can name its file,
 * entry and field.
 */
import { z } from 'zod';
import {
  COUNT_FACTS,
  DATE_FACTS,
  ID_PATTERN,
  SOURCE_LANGUAGES,
  NODE_KINDS,
  PARTIAL_DATE_PATTERN,
  RELATIONSHIP_TYPE_NAMES,
  SOURCE_KINDS,
  type NodeLabel,
} from '../../domain/model.js';

export const idSchema = z
  .string()
  .regex(ID_PATTERN, 'must be a lower-case slug such as "eu-cyber-direct" (letters, digits, single hyphens)')
  .max(100);

export const partialDateSchema = z.string().regex(PARTIAL_DATE_PATTERN, 'must be a date written YYYY, YYYY-MM or YYYY-MM-DD');

/**
 * Characters no name may hold: C0/C1 controls (NUL, line breaks, escapes) and the invisible
 * bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) that make text display
 * differently from what it is. Longer texts (descriptions, excerpts) may hold line breaks and tabs.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point (they are refused)
const NAME_FORBIDDEN = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point (they are refused)
const TEXT_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;
const NAME_MESSAGE = 'must not contain control characters or bidirectional overrides';
export const nameText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !NAME_FORBIDDEN.test(v), NAME_MESSAGE);
export const plainText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((v) => !TEXT_FORBIDDEN.test(v), NAME_MESSAGE);

/** A verbatim quotation, one sentence at most, in the source's own language. */
export const excerptSchema = z
  .string()
  .trim()
  .min(3)
  .max(600)
  .refine((v) => !TEXT_FORBIDDEN.test(v), NAME_MESSAGE);

export const sourceSchema = z
  .object({
    id: idSchema,
    title: nameText(300).refine((v) => v.length >= 3, 'must be at least 3 characters'),
    kind: z.enum(SOURCE_KINDS),
    language: z.enum(SOURCE_LANGUAGES),
    /** For documents: the file name the text came from (the curated ones are in seed/documents/). */
    file: z.string().max(200).optional(),
    publisher: z.string().max(200).optional(),
    url: z.url().optional(),
    published: partialDateSchema.optional(),
    description: z.string().max(1000).optional(),
    /** For ingested documents: the SHA-256 (hex) of the cleaned text and its length in characters. */
    checksum: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'must be a hex SHA-256')
      .optional(),
    length: z.number().int().nonnegative().optional(),
    /** For ingested documents: the cleaned text itself, which mentions and excerpts point into. */
    text: z.string().max(1_000_000).optional(),
  })
  .strict();

const evidence = {
  source: idSchema,
  excerpt: excerptSchema,
  asOf: partialDateSchema.optional(),
};

export const factSchema = z
  .object({
    property: z.enum([...DATE_FACTS, ...COUNT_FACTS]),
    value: z.union([partialDateSchema, z.number().int().nonnegative()]),
    ...evidence,
  })
  .strict();

const nodeBase = {
  id: idSchema,
  name: nameText(200),
  aliases: z.array(nameText(200)).max(50).default([]),
  description: plainText(1000).optional(),
  facts: z.array(factSchema).max(50).default([]),
  /** The curation version (optimistic locking); kept by export -> import. */
  version: z.number().int().positive().optional(),
};

function nodeSchema<L extends NodeLabel>(label: L, extra: z.ZodRawShape = {}) {
  return z
    .object({
      ...nodeBase,
      kind: z.enum(NODE_KINDS[label] as unknown as [string, ...string[]]),
      ...extra,
    })
    .strict();
}

const officialCode = { code: z.string().trim().min(1).max(100).optional() };

export const nodeSchemas = {
  Actor: nodeSchema('Actor', {
    countryCode: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')
      .optional(),
  }),
  Treaty: nodeSchema('Treaty', officialCode),
  Norm: nodeSchema('Norm', officialCode),
  Instrument: nodeSchema('Instrument', officialCode),
  Programme: nodeSchema('Programme'),
  Event: nodeSchema('Event', { location: z.string().trim().max(200).optional() }),
  Topic: nodeSchema('Topic'),
} satisfies Record<NodeLabel, z.ZodTypeAny>;

export type NodeEntry = z.infer<(typeof nodeSchemas)[NodeLabel]> & {
  countryCode?: string;
  code?: string;
  location?: string;
};

export const relationshipSchema = z
  .object({
    type: z.enum(RELATIONSHIP_TYPE_NAMES as [string, ...string[]]),
    from: idSchema,
    to: idSchema,
    ...evidence,
    properties: z.record(z.string(), z.string()).default({}),
  })
  .strict();

/**
 * A mention ingest found: `start`/`end` are character offsets into the source's cleaned text,
 * `matched` the text found there, `excerpt` the words around it (verbatim).
 */
export const mentionSchema = z
  .object({
    source: idSchema,
    node: idSchema,
    start: z.number().int().nonnegative(),
    end: z.number().int().positive(),
    matched: z.string().min(1).max(300),
    excerpt: z.string().min(1).max(1000),
  })
  .strict()
  .refine((m) => m.end > m.start, { message: 'end must be after start', path: ['end'] });

export type SourceEntry = z.infer<typeof sourceSchema>;

/**
 * The descriptive properties a source node stores, absent ones as null: written alike by the
 * seed and import loader and by the upsertSource mutation (the file name, checksum and text are
 * the loader's own).
 */
export function sourceProps(source: Pick<SourceEntry, 'title' | 'kind' | 'language' | 'url' | 'publisher' | 'published' | 'description'>) {
  return {
    title: source.title,
    kind: source.kind,
    language: source.language,
    url: source.url ?? null,
    publisher: source.publisher ?? null,
    published: source.published ?? null,
    description: source.description ?? null,
  };
}
export type MentionEntry = z.infer<typeof mentionSchema>;
export type FactEntry = z.infer<typeof factSchema>;
export type RelationshipEntry = z.infer<typeof relationshipSchema>;

/** Which file holds which kind of entry: seed/data/<file>.yaml, relationships in a folder. */
export const NODE_FILES: Record<NodeLabel, string> = {
  Actor: 'actors.yaml',
  Treaty: 'treaties.yaml',
  Norm: 'norms.yaml',
  Instrument: 'instruments.yaml',
  Programme: 'programmes.yaml',
  Event: 'events.yaml',
  Topic: 'topics.yaml',
};
export const SOURCES_FILE = 'sources.yaml';
export const RELATIONSHIPS_DIR = 'relationships';
/** Reference data: one bundle (sources, nodes, relationships) per source family. */
export const REFERENCE_DIR = 'reference';
/** Optional: the mentions ingest found, so an export can be imported without re-ingesting. */
export const MENTIONS_FILE = 'mentions.yaml';
