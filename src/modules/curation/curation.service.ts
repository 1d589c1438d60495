/**
 * Curation: the rules of every write. Input is validated completely first (every problem is
 * reported at once), references are checked against the graph, and the write, its audit record
 * and its checks run in ONE transaction: a failure anywhere leaves no trace. Writes invalidate
 * the read cache once committed.
 */
import { Neo4jError } from 'neo4j-driver';
import type { z } from 'zod';
import {
  COUNT_FACTS,
  DATE_FACTS,
  PRIMARY_DATE_FACTS,
  RELATIONSHIP_TYPES,
  type NodeLabel,
  type RelationshipType,
} from '../../domain/model.js';
import { requireScope, type Principal } from '../../auth/auth.js';
import type { Context } from '../../context.js';
import type { TxRunner } from '../../db/query.js';
import { searchNamesOf } from '../import/seed-loader.js';
import { excerptSchema, factSchema, idSchema, nodeSchemas, partialDateSchema, sourceSchema } from '../import/seed-schema.js';
import type { EntityRow } from '../entity/entity.repository.js';
import { recordChange } from './audit.repository.js';
import {
  createNode,
  deleteNode,
  deleteRelationship,
  labelsOf,
  lockNode,
  mergeFact,
  mergeNode,
  mergeRelationship,
  mergeSource,
  readNode,
  readRelationship,
  refreshHeadlineDate,
  sourceExists,
  updateNodeAtVersion,
} from './curation.repository.js';

export interface Problem {
  field: string;
  message: string;
}

export class ValidationFailed extends Error {
  constructor(readonly problems: Problem[]) {
    super(`The input has ${problems.length} problem(s): ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
    this.name = 'ValidationFailed';
  }
}

export class NotFound extends Error {
  constructor(
    readonly slug: string,
    what = 'node',
  ) {
    super(`No ${what} has slug "${slug}".`);
    this.name = 'NotFound';
  }
}

export class Conflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Conflict';
  }
}

export class StaleVersion extends Error {
  constructor(
    readonly slug: string,
    readonly expectedVersion: number,
    readonly currentVersion: number,
  ) {
    super(`"${slug}" is at version ${currentVersion}, not ${expectedVersion}: someone changed it since you read it. Re-read and retry.`);
    this.name = 'StaleVersion';
  }
}

const WRITE_TIMEOUT_MS = 30_000;

function zodProblems(error: z.ZodError, prefix: string): Problem[] {
  return error.issues.map((issue) => ({ field: [prefix, ...issue.path].filter((p) => p !== '').join('.'), message: issue.message }));
}

function fail(problems: Problem[]): void {
  if (problems.length > 0) throw new ValidationFailed(problems);
}

/** Runs a write for a principal with the scope, then invalidates cached reads. */
async function write<T>(
  ctx: Context,
  scope: 'curator' | 'admin',
  action: string,
  name: string,
  work: (tx: TxRunner, who: Principal) => Promise<T>,
): Promise<T> {
  const who = requireScope(ctx.principal, scope, action);
  const result = await ctx.cypher.writeTransaction(name, (tx) => work(tx, who), WRITE_TIMEOUT_MS);
  ctx.cache.invalidateAll();
  return result;
}

const isConstraintViolation = (error: unknown) =>
  error instanceof Neo4jError && error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed';

// ---- Nodes ---------------------------------------------------------------------------------

export interface EntityInput {
  label: NodeLabel;
  slug: string;
  name: string;
  kind: string;
  aliases?: string[] | null;
  description?: string | null;
  code?: string | null;
  countryCode?: string | null;
  location?: string | null;
}

/** Validates a whole node with the seed's own schema (the same rules as the seed and imports). */
function validateNode(input: EntityInput): Record<string, unknown> {
  const candidate: Record<string, unknown> = {
    id: input.slug,
    name: input.name,
    kind: input.kind,
    aliases: input.aliases ?? [],
    ...(input.description != null ? { description: input.description } : {}),
    ...(input.code != null ? { code: input.code } : {}),
    ...(input.countryCode != null ? { countryCode: input.countryCode } : {}),
    ...(input.location != null ? { location: input.location } : {}),
  };
  const parsed = nodeSchemas[input.label].safeParse(candidate);
  if (!parsed.success) {
    throw new ValidationFailed(
      zodProblems(parsed.error, 'input').map((p) => ({
        ...p,
        field: p.field.replace(/^input\.id\b/, 'input.slug'),
        message: /Unrecognized key/.test(p.message) ? `${p.message} (not a property of ${input.label})` : p.message,
      })),
    );
  }
  return {
    name: input.name.trim(),
    aliases: (input.aliases ?? []).map((a) => a.trim()),
    searchNames: searchNamesOf(
      input.name.trim(),
      (input.aliases ?? []).map((a) => a.trim()),
    ),
    kind: input.kind,
    description: input.description ?? null,
    code: input.code ?? null,
    countryCode: input.countryCode ?? null,
    location: input.location ?? null,
  };
}

const nodeChangeView = (props: Record<string, unknown> | null) => {
  if (!props) return null;
  const { searchNames: _s, ...rest } = props;
  return rest;
};

export async function createEntity(ctx: Context, input: EntityInput, comment: string | null): Promise<EntityRow> {
  const props = validateNode(input);
  try {
    return await write(ctx, 'curator', 'Creating a node', 'Curation.createEntity', async (tx, who) => {
      const row = await createNode(tx, input.label, input.slug, props);
      await recordChange(tx, who.subject, {
        action: 'create',
        targetKind: 'node',
        target: input.slug,
        nodes: [input.slug],
        before: null,
        after: nodeChangeView({ label: input.label, ...props }),
        comment,
      });
      return row;
    });
  } catch (error) {
    if (isConstraintViolation(error)) throw new Conflict(`The slug "${input.slug}" is already used; pick another or update that node.`);
    throw error;
  }
}

/** Creates the node, or sets the given properties on it if the slug exists (same type only). */
export async function upsertEntity(
  ctx: Context,
  input: EntityInput,
  comment: string | null,
): Promise<{ row: EntityRow; created: boolean }> {
  const props = validateNode(input);
  const attempt = () =>
    write(ctx, 'curator', 'Upserting a node', 'Curation.upsertEntity', async (tx, who) => {
      const before = await readNode(tx, input.slug);
      if (before && before.row.label !== input.label) {
        throw new ValidationFailed([{ field: 'input.label', message: `"${input.slug}" is a ${before.row.label}, not a ${input.label}` }]);
      }
      const result = await mergeNode(tx, input.label, input.slug, props);
      await recordChange(tx, who.subject, {
        action: result.created ? 'create' : 'update',
        targetKind: 'node',
        target: input.slug,
        nodes: [input.slug],
        before: nodeChangeView(before ? pick(before.props, Object.keys(props)) : null),
        after: nodeChangeView(result.created ? { label: input.label, ...props } : props),
        comment,
      });
      return result;
    });
  try {
    return await attempt();
  } catch (error) {
    // Two first-time upserts of one slug race on the constraint: the loser retries and updates.
    if (isConstraintViolation(error)) return attempt();
    throw error;
  }
}

export interface EntityPatch {
  slug: string;
  expectedVersion?: number | null;
  name?: string | null;
  kind?: string | null;
  aliases?: string[] | null;
  description?: string | null;
  code?: string | null;
  countryCode?: string | null;
  location?: string | null;
}

function pick(props: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, props[k] ?? null]));
}

export async function updateEntity(ctx: Context, patch: EntityPatch, comment: string | null): Promise<EntityRow> {
  const problems: Problem[] = [];
  const given = Object.entries(patch).filter(([k, v]) => k !== 'slug' && k !== 'expectedVersion' && v !== undefined);
  if (given.length === 0) problems.push({ field: 'input', message: 'names no property to change' });
  if (patch.name === null) problems.push({ field: 'input.name', message: 'cannot be removed' });
  if (patch.kind === null) problems.push({ field: 'input.kind', message: 'cannot be removed' });
  fail(problems);
  return write(ctx, 'curator', 'Updating a node', 'Curation.updateEntity', async (tx, who) => {
    // Lock first, then read: the version checked is the version written over (one winner per version).
    await lockNode(tx, patch.slug);
    const before = await readNode(tx, patch.slug);
    if (!before) throw new NotFound(patch.slug);
    const current = (before.props.version as number | undefined) ?? 0;
    if (patch.expectedVersion != null && patch.expectedVersion !== current)
      throw new StaleVersion(patch.slug, patch.expectedVersion, current);
    // Validate the node as it would be after the change, so cross-field rules hold.
    const merged: EntityInput = {
      label: before.row.label,
      slug: patch.slug,
      name: patch.name ?? before.row.name,
      kind: patch.kind ?? before.row.kind,
      aliases: patch.aliases === undefined ? before.row.aliases : (patch.aliases ?? []),
      description: patch.description === undefined ? before.row.description : patch.description,
      code: patch.code === undefined ? before.row.code : patch.code,
      countryCode: patch.countryCode === undefined ? before.row.countryCode : patch.countryCode,
      location: patch.location === undefined ? before.row.location : patch.location,
    };
    const full = validateNode(merged);
    const touched = given.map(([k]) => k);
    if (touched.includes('name') || touched.includes('aliases')) touched.push('searchNames');
    const props = pick(full, touched);
    const row = await updateNodeAtVersion(tx, patch.slug, current, props);
    if (!row) throw new StaleVersion(patch.slug, patch.expectedVersion ?? current, current + 1);
    await recordChange(tx, who.subject, {
      action: 'update',
      targetKind: 'node',
      target: patch.slug,
      nodes: [patch.slug],
      before: nodeChangeView(pick(before.props, touched)),
      after: nodeChangeView(props),
      comment,
    });
    return row;
  });
}

export async function deleteEntity(ctx: Context, slug: string, comment: string | null): Promise<{ row: EntityRow; relationships: number }> {
  return write(ctx, 'admin', 'Deleting a node', 'Curation.deleteEntity', async (tx, who) => {
    await lockNode(tx, slug);
    const before = await readNode(tx, slug);
    if (!before) throw new NotFound(slug);
    const relationships = await deleteNode(tx, slug);
    await recordChange(tx, who.subject, {
      action: 'delete',
      targetKind: 'node',
      target: slug,
      nodes: [slug],
      before: nodeChangeView({ label: before.row.label, ...before.props, relationships }),
      after: null,
      comment,
    });
    return { row: before.row, relationships };
  });
}

// ---- Relationships -------------------------------------------------------------------------

export interface EvidenceInput {
  source: string;
  excerpt: string;
  asOf?: string | null;
}

export interface LinkInput {
  type: RelationshipType;
  from: string;
  to: string;
  properties?: Record<string, string | null | undefined> | null;
  evidence: EvidenceInput;
}

export interface LinkResult {
  type: RelationshipType;
  fromId: string;
  toId: string;
  props: Record<string, unknown> & { source: string; excerpt: string };
  created: boolean;
}

function validateEvidence(evidence: EvidenceInput, problems: Problem[]) {
  for (const [field, schema, value] of [
    ['input.evidence.source', idSchema, evidence.source],
    ['input.evidence.excerpt', excerptSchema, evidence.excerpt],
    ...(evidence.asOf != null ? ([['input.evidence.asOf', partialDateSchema, evidence.asOf]] as const) : []),
  ] as const) {
    const parsed = (schema as z.ZodTypeAny).safeParse(value);
    if (!parsed.success) problems.push(...zodProblems(parsed.error, field));
  }
}

const relationshipKey = (type: string, from: string, to: string, source: string) => `${type}:${from}->${to}@${source}`;

export async function linkEntities(ctx: Context, input: LinkInput, comment: string | null): Promise<LinkResult> {
  const rule = RELATIONSHIP_TYPES[input.type];
  const problems: Problem[] = [];
  validateEvidence(input.evidence, problems);
  const properties = Object.fromEntries(Object.entries(input.properties ?? {}).filter(([, v]) => v !== undefined && v !== null)) as Record<
    string,
    string
  >;
  for (const [key, value] of Object.entries(properties)) {
    const kind = (rule.properties as Record<string, string>)[key];
    if (!kind)
      problems.push({
        field: `input.properties.${key}`,
        message: `${input.type} has no property ${key} (allowed: ${Object.keys(rule.properties).join(', ') || 'none'})`,
      });
    else if (kind === 'date' && !partialDateSchema.safeParse(value).success)
      problems.push({ field: `input.properties.${key}`, message: 'must be a date written YYYY, YYYY-MM or YYYY-MM-DD' });
    else if (value.trim() === '' || value.length > 500)
      problems.push({ field: `input.properties.${key}`, message: 'must be 1 to 500 characters' });
  }
  fail(problems);
  return write(ctx, 'curator', 'Linking nodes', 'Curation.linkEntities', async (tx, who) => {
    const forum = (rule.properties as Record<string, string>).forum ? properties.forum : undefined;
    const labels = await labelsOf(tx, [input.from, input.to, ...(forum ? [forum] : [])]);
    const refProblems: Problem[] = [];
    for (const [field, slug, allowed] of [
      ['input.from', input.from, rule.from],
      ['input.to', input.to, rule.to],
    ] as const) {
      const label = labels.get(slug);
      if (!label) refProblems.push({ field, message: `no node has slug "${slug}"` });
      else if (!(allowed as readonly string[]).includes(label))
        refProblems.push({
          field,
          message: `${input.type} cannot ${field === 'input.from' ? 'start at' : 'end at'} a ${label} (allowed: ${allowed.join(', ')})`,
        });
    }
    if (forum && !labels.has(forum)) refProblems.push({ field: 'input.properties.forum', message: `no node has slug "${forum}"` });
    if (!(await sourceExists(tx, input.evidence.source)))
      refProblems.push({ field: 'input.evidence.source', message: `no source has slug "${input.evidence.source}"` });
    fail(refProblems);

    const before = await readRelationship(tx, input.type, input.from, input.to, input.evidence.source);
    const allowedKeys = Object.keys(rule.properties);
    const props = {
      excerpt: input.evidence.excerpt.trim(),
      asOf: input.evidence.asOf ?? null,
      ...Object.fromEntries(allowedKeys.map((k) => [k, properties[k] ?? null])),
    };
    const after = await mergeRelationship(tx, input.type, input.from, input.to, input.evidence.source, props);
    await recordChange(tx, who.subject, {
      action: 'link',
      targetKind: 'relationship',
      target: relationshipKey(input.type, input.from, input.to, input.evidence.source),
      nodes: [input.from, input.to],
      before,
      after,
      comment,
    });
    return { type: input.type, fromId: input.from, toId: input.to, props: after as LinkResult['props'], created: before === null };
  });
}

export async function unlinkEntities(
  ctx: Context,
  input: { type: RelationshipType; from: string; to: string; source: string },
  comment: string | null,
): Promise<LinkResult> {
  return write(ctx, 'curator', 'Unlinking nodes', 'Curation.unlinkEntities', async (tx, who) => {
    const before = await readRelationship(tx, input.type, input.from, input.to, input.source);
    if (!before) throw new NotFound(relationshipKey(input.type, input.from, input.to, input.source), 'relationship');
    await deleteRelationship(tx, input.type, input.from, input.to, input.source);
    await recordChange(tx, who.subject, {
      action: 'unlink',
      targetKind: 'relationship',
      target: relationshipKey(input.type, input.from, input.to, input.source),
      nodes: [input.from, input.to],
      before,
      after: null,
      comment,
    });
    return { type: input.type, fromId: input.from, toId: input.to, props: before as LinkResult['props'], created: false };
  });
}

// ---- Facts and sources -------------------------------------------------------------------------

export interface FactInput {
  slug: string;
  property: string;
  value: string;
  evidence: EvidenceInput;
}

export async function recordFact(ctx: Context, input: FactInput, comment: string | null) {
  const isCount = (COUNT_FACTS as readonly string[]).includes(input.property);
  const value: string | number = isCount && /^\d+$/.test(input.value.trim()) ? Number(input.value.trim()) : input.value.trim();
  const parsed = factSchema.safeParse({ property: input.property, value, ...input.evidence, asOf: input.evidence.asOf ?? undefined });
  const problems = parsed.success
    ? []
    : zodProblems(parsed.error, 'input').map((p) => ({
        ...p,
        field: p.field.replace(/^input\.(source|excerpt|asOf)$/, 'input.evidence.$1'),
      }));
  if (isCount && typeof value !== 'number')
    problems.push({ field: 'input.value', message: `${input.property} is a count: a whole number` });
  if ((DATE_FACTS as readonly string[]).includes(input.property) && !partialDateSchema.safeParse(value).success) {
    problems.push({ field: 'input.value', message: `${input.property} is a date: YYYY, YYYY-MM or YYYY-MM-DD` });
  }
  fail(problems);
  return write(ctx, 'curator', 'Recording a fact', 'Curation.recordFact', async (tx, who) => {
    const node = await readNode(tx, input.slug);
    const refProblems: Problem[] = [];
    if (!node) refProblems.push({ field: 'input.slug', message: `no node has slug "${input.slug}"` });
    if (!(await sourceExists(tx, input.evidence.source)))
      refProblems.push({ field: 'input.evidence.source', message: `no source has slug "${input.evidence.source}"` });
    fail(refProblems);
    const props = { excerpt: input.evidence.excerpt.trim(), asOf: input.evidence.asOf ?? null };
    const created = await mergeFact(tx, input.slug, input.property, value, input.evidence.source, props);
    await refreshHeadlineDate(tx, input.slug, PRIMARY_DATE_FACTS[node!.row.label]);
    await recordChange(tx, who.subject, {
      action: 'fact',
      targetKind: 'fact',
      target: `${input.slug}.${input.property}@${input.evidence.source}`,
      nodes: [input.slug],
      before: null,
      after: { property: input.property, value, source: input.evidence.source, ...props, created },
      comment,
    });
    return { nodeId: input.slug, property: input.property, value, source: input.evidence.source, excerpt: props.excerpt, asOf: props.asOf };
  });
}

export interface SourceInput {
  slug: string;
  title: string;
  kind: 'document' | 'reference';
  language: 'en' | 'id';
  url?: string | null;
  publisher?: string | null;
  published?: string | null;
  description?: string | null;
}

export async function upsertSource(ctx: Context, input: SourceInput, comment: string | null) {
  const candidate = Object.fromEntries(
    Object.entries({
      id: input.slug,
      title: input.title,
      kind: input.kind,
      language: input.language,
      url: input.url,
      publisher: input.publisher,
      published: input.published,
      description: input.description,
    }).filter(([, v]) => v !== null && v !== undefined),
  );
  const parsed = sourceSchema.safeParse(candidate);
  if (!parsed.success)
    throw new ValidationFailed(
      zodProblems(parsed.error, 'input').map((p) => ({ ...p, field: p.field.replace(/^input\.id\b/, 'input.slug') })),
    );
  const props = {
    title: input.title,
    kind: input.kind,
    language: input.language,
    url: input.url ?? null,
    publisher: input.publisher ?? null,
    published: input.published ?? null,
    description: input.description ?? null,
  };
  return write(ctx, 'curator', 'Writing a source', 'Curation.upsertSource', async (tx, who) => {
    const { before } = await mergeSource(tx, input.slug, props);
    await recordChange(tx, who.subject, {
      action: 'source',
      targetKind: 'source',
      target: input.slug,
      nodes: [],
      before,
      after: props,
      comment,
    });
    return { id: input.slug, ...props, file: null, checksum: null, length: null };
  });
}
