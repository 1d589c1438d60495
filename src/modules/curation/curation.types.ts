/**
 * Mutations: create, update, upsert and delete nodes; link and unlink relationships; record
 * facts; write sources — each with its evidence, validated in full, atomic, audited, and each
 * answering with a typed result: the data, or a ValidationError listing every problem, or
 * NotFoundError, ConflictError, StaleVersionError. `changes` reads the audit trail.
 */
import type { ArgBuilder } from '@pothos/core';
import { z } from 'zod';
import { builder, type SchemaTypes } from '../../builder.js';
import { RELATIONSHIP_PROPERTY_KEYS, type NodeLabel, type RelationshipType } from '../../domain/model.js';
import { toConnection, toPage } from '../../pagination.js';
import { badInput } from '../../errors.js';
import {
  EntityKindEnum,
  EntityLabelEnum,
  Evidence,
  Fact,
  FactPropertyEnum,
  LanguageEnum,
  PartialDate,
  RelationshipTypeEnum,
  SourceRef,
} from '../common/common.types.js';
import { EntityRef } from '../entity/entity.refs.js';
import type { EntityRow, FactRow } from '../entity/entity.repository.js';
import { listChanges, type ChangeRow } from './audit.repository.js';
import { Conflict, NotFound, StaleVersion, ValidationFailed } from './curation.errors.js';
import { recordFact, upsertSource } from './fact-writes.service.js';
import { linkEntities, unlinkEntities, type LinkResult } from './link-writes.service.js';
import { createEntity, deleteEntity, updateEntity, upsertEntity } from './node-writes.service.js';

builder.mutationType({ description: 'Curation: authenticated writes (scope curator; deletes need admin). Every write is audited.' });

// ---- Error results -------------------------------------------------------------------------

const MutationError = builder.interfaceRef<Error>('MutationError').implement({
  description: 'Why a write was not applied. Nothing was changed.',
  fields: (t) => ({ message: t.exposeString('message', { description: 'What went wrong, for people.' }) }),
});

const ProblemRef = builder.objectRef<{ field: string; message: string }>('Problem').implement({
  description: 'One problem with the input.',
  fields: (t) => ({
    field: t.exposeString('field', { description: 'The input field, as a path (e.g. input.evidence.excerpt).' }),
    message: t.exposeString('message', { description: 'What is wrong with it.' }),
  }),
});

builder.objectType(ValidationFailed, {
  name: 'ValidationError',
  description: 'The input has problems; every one is listed.',
  interfaces: [MutationError],
  fields: (t) => ({
    problems: t.field({ type: [ProblemRef], description: 'Each problem, with the field it concerns.', resolve: (e) => e.problems }),
  }),
});

builder.objectType(NotFound, {
  name: 'NotFoundError',
  description: 'A node, source or relationship named in the input does not exist.',
  interfaces: [MutationError],
  fields: (t) => ({ slug: t.exposeString('slug', { description: 'What was looked for.' }) }),
});

builder.objectType(Conflict, {
  name: 'ConflictError',
  description: 'The write would break a uniqueness rule (e.g. the slug is taken).',
  interfaces: [MutationError],
});

builder.objectType(StaleVersion, {
  name: 'StaleVersionError',
  description: 'The node changed since the version you read; re-read it and retry.',
  interfaces: [MutationError],
  fields: (t) => ({
    expectedVersion: t.exposeInt('expectedVersion', { description: 'The version you sent.' }),
    currentVersion: t.exposeInt('currentVersion', { description: 'The version it is at now.' }),
  }),
});

// ---- Inputs ------------------------------------------------------------------------------------

/** Facts one upsert may carry: one transaction, so bounded like an import's entries are. */
const MAX_FACTS_PER_UPSERT = 100;

const EntityInput = builder.inputType('EntityInput', {
  description: 'A whole node. The same rules as the seed files apply.',
  fields: (t) => ({
    label: t.field({ type: EntityLabelEnum, required: true, description: 'Its type.' }),
    slug: t.string({ required: true, description: 'Its stable id: lower-case words joined by hyphens.' }),
    name: t.string({ required: true, description: 'The English name.' }),
    kind: t.field({ type: EntityKindEnum, required: true, description: 'A kind valid for the type.' }),
    aliases: t.stringList({ required: false, description: 'Other spellings, in any language.' }),
    description: t.string({ required: false, description: 'A short English description.' }),
    code: t.string({ required: false, description: 'Official reference (Treaty, Instrument, Norm only).' }),
    countryCode: t.string({ required: false, description: 'ISO 3166-1 alpha-2 (Actor only).' }),
    location: t.string({ required: false, description: 'Where it took place (Event only).' }),
  }),
});

const UpdateEntityInput = builder.inputType('UpdateEntityInput', {
  description: 'Changes to a node. Only the fields given change; null removes an optional one.',
  fields: (t) => ({
    slug: t.string({ required: true, description: 'Which node.' }),
    expectedVersion: t.int({
      required: false,
      description: 'The version you read; a newer one makes this a StaleVersionError instead of overwriting.',
    }),
    name: t.string({ required: false, description: 'New English name.' }),
    kind: t.field({ type: EntityKindEnum, required: false, description: 'New kind.' }),
    aliases: t.stringList({ required: false, description: 'New list of aliases (replaces the old list).' }),
    description: t.string({ required: false, description: 'New description.' }),
    code: t.string({ required: false, description: 'New official reference.' }),
    countryCode: t.string({ required: false, description: 'New country code.' }),
    location: t.string({ required: false, description: 'New location.' }),
  }),
});

const EvidenceInput = builder.inputType('EvidenceInput', {
  description: 'The evidence every fact needs.',
  fields: (t) => ({
    source: t.string({ required: true, description: 'Slug of an existing Source.' }),
    excerpt: t.string({ required: true, description: 'A verbatim quotation from it (3 to 600 characters), in its language.' }),
    asOf: t.field({ type: PartialDate, required: false, description: 'When the fact held, for facts that change.' }),
  }),
});

const RelationshipPropertiesInput = builder.inputType('RelationshipPropertiesInput', {
  description: 'Properties of a relationship; only those its type allows (see RelationshipType).',
  fields: (t) =>
    Object.fromEntries(
      RELATIONSHIP_PROPERTY_KEYS.map((key) => [
        key,
        t.string({ required: false, description: `The ${key}${key === 'forum' ? ' (slug of a node)' : ''}.` }),
      ]),
    ),
});

const LinkInput = builder.inputType('LinkInput', {
  description: 'A relationship to create or update: one claim of one source (type, from, to and source identify it).',
  fields: (t) => ({
    type: t.field({ type: RelationshipTypeEnum, required: true, description: 'The relationship type.' }),
    from: t.string({ required: true, description: 'Slug of the start node.' }),
    to: t.string({ required: true, description: 'Slug of the end node.' }),
    properties: t.field({ type: RelationshipPropertiesInput, required: false, description: 'Its properties.' }),
    evidence: t.field({ type: EvidenceInput, required: true, description: 'Its source and excerpt.' }),
  }),
});

const UnlinkInput = builder.inputType('UnlinkInput', {
  description: 'The relationship to remove.',
  fields: (t) => ({
    type: t.field({ type: RelationshipTypeEnum, required: true, description: 'The relationship type.' }),
    from: t.string({ required: true, description: 'Slug of the start node.' }),
    to: t.string({ required: true, description: 'Slug of the end node.' }),
    source: t.string({ required: true, description: 'The source of the claim to remove.' }),
  }),
});

const FactInput = builder.inputType('FactInput', {
  description: 'A dated or counted fact about a node, as one source states it.',
  fields: (t) => ({
    slug: t.string({ required: true, description: 'Which node.' }),
    property: t.field({ type: FactPropertyEnum, required: true, description: 'Which property.' }),
    value: t.string({ required: true, description: 'A partial date for dated facts, a whole number for counts.' }),
    evidence: t.field({ type: EvidenceInput, required: true, description: 'Its source and excerpt.' }),
  }),
});

const NodeFactInput = builder.inputType('NodeFactInput', {
  description: 'A dated or counted fact about the node it is given with, as one source states it.',
  fields: (t) => ({
    property: t.field({ type: FactPropertyEnum, required: true, description: 'Which property.' }),
    value: t.string({ required: true, description: 'A partial date for dated facts, a whole number for counts.' }),
    evidence: t.field({ type: EvidenceInput, required: true, description: 'Its source and excerpt.' }),
  }),
});

const SourceKindInput = builder.enumType('SourceKindInput', {
  description: 'What a new source is.',
  values: { DOCUMENT: { value: 'document' }, REFERENCE: { value: 'reference' } } as const,
});

const SourceInput = builder.inputType('SourceInput', {
  description: 'A source to create or update.',
  fields: (t) => ({
    slug: t.string({ required: true, description: 'Its stable id.' }),
    title: t.string({ required: true, description: 'Its title.' }),
    kind: t.field({ type: SourceKindInput, required: true, description: 'Document or reference.' }),
    language: t.field({ type: LanguageEnum, required: true, description: 'Its language.' }),
    url: t.string({ required: false, description: 'Where to read it.' }),
    publisher: t.string({ required: false, description: 'Who published it.' }),
    published: t.field({ type: PartialDate, required: false, description: 'When.' }),
    description: t.string({ required: false, description: 'What it is.' }),
  }),
});

// ---- Results -----------------------------------------------------------------------------------

const LinkRef = builder.objectRef<LinkResult>('Link').implement({
  description: 'A relationship as written (or as it was, for unlink).',
  fields: (t) => ({
    type: t.field({ type: RelationshipTypeEnum, description: 'Its type.', resolve: (l) => l.type }),
    from: t.field({
      type: EntityRef,
      description: 'The start node.',
      resolve: (l, _a, ctx) => ctx.loaders.entity.load(l.fromId) as Promise<EntityRow>,
    }),
    to: t.field({
      type: EntityRef,
      description: 'The end node.',
      resolve: (l, _a, ctx) => ctx.loaders.entity.load(l.toId) as Promise<EntityRow>,
    }),
    properties: t.string({
      description: 'Its properties as JSON (role, since, date, ...).',
      resolve: (l) => {
        const { source: _s, excerpt: _e, asOf: _a, ...rest } = l.props;
        return JSON.stringify(Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null)));
      },
    }),
    evidence: t.field({ type: Evidence, description: 'Its evidence.', resolve: (l) => l.props }),
    created: t.boolean({ description: 'True when this write created it (false: it existed and was updated).', resolve: (l) => l.created }),
  }),
});

const DeletedEntity = builder.objectRef<{ row: EntityRow; relationships: number }>('DeletedEntity').implement({
  description: 'A node that was deleted; its history stays in the audit trail.',
  fields: (t) => ({
    slug: t.string({ description: 'Its slug.', resolve: (d) => d.row.id }),
    label: t.field({ type: EntityLabelEnum, description: 'Its type.', resolve: (d) => d.row.label }),
    name: t.string({ description: 'Its name.', resolve: (d) => d.row.name }),
    relationships: t.int({ description: 'How many relationships went with it.', resolve: (d) => d.relationships }),
  }),
});

const UpsertResult = builder.objectRef<{ row: EntityRow; created: boolean; facts: FactRow[] }>('UpsertedEntity').implement({
  description: 'A node after an upsert.',
  fields: (t) => ({
    entity: t.field({ type: EntityRef, description: 'The node.', resolve: (u) => u.row }),
    created: t.boolean({ description: 'True when it did not exist before.', resolve: (u) => u.created }),
    facts: t.field({ type: [Fact], description: 'The facts recorded with it, as recorded (in the order given).', resolve: (u) => u.facts }),
  }),
});

const FactResult = builder
  .objectRef<{ nodeId: string; property: string; value: string | number; source: string; excerpt: string; asOf: string | null }>(
    'RecordedFact',
  )
  .implement({
    description: 'A fact as recorded, and its node.',
    fields: (t) => ({
      node: t.field({
        type: EntityRef,
        description: 'The node.',
        resolve: (f, _a, ctx) => ctx.loaders.entity.load(f.nodeId) as Promise<EntityRow>,
      }),
      fact: t.field({ type: Fact, description: 'The fact.', resolve: (f) => f }),
    }),
  });

// ---- Mutations ---------------------------------------------------------------------------------

const comment = (t: { arg: ArgBuilder<SchemaTypes> }) => t.arg.string({ required: false, description: 'Why: kept in the audit trail.' });

/** Descriptions for the result types the errors plugin generates for a mutation. */
const described = (field: string, what: string) => ({
  union: { description: `${field}: ${what}, or the reason nothing was written.` },
  result: { description: `${field} was applied.` },
  dataField: { description: `${what.charAt(0).toUpperCase() + what.slice(1)}.` },
});

builder.mutationFields((t) => ({
  createEntity: t.field({
    type: EntityRef,
    description: 'Create a node. ConflictError if the slug is taken.',
    errors: { types: [ValidationFailed, Conflict], ...described('createEntity', 'the node created') },
    args: { input: t.arg({ type: EntityInput, required: true, description: 'The node.' }), comment: comment(t) },
    authScopes: { curator: true },
    resolve: (_root, args, ctx) => {
      return createEntity(
        ctx,
        { ...args.input, label: args.input.label as NodeLabel, kind: args.input.kind as string },
        (args.comment as string | null | undefined) ?? null,
      );
    },
  }),
  upsertEntity: t.field({
    type: UpsertResult,
    description:
      'Create a node, or set the given fields on the node with that slug, and record the facts given with it: all or nothing, in one transaction. Safe to repeat and to run concurrently.',
    errors: { types: [ValidationFailed], ...described('upsertEntity', 'the node, whether it was created, and its facts as recorded') },
    args: {
      input: t.arg({ type: EntityInput, required: true, description: 'The node.' }),
      facts: t.arg({
        type: [NodeFactInput],
        required: false,
        description: 'Dated or counted facts to record on the node (as recordFact does), each with its evidence.',
        validate: z.array(z.unknown()).max(MAX_FACTS_PER_UPSERT, `at most ${MAX_FACTS_PER_UPSERT} facts per upsert`).nullish(),
      }),
      comment: comment(t),
    },
    authScopes: { curator: true },
    resolve: (_root, args, ctx) => {
      return upsertEntity(
        ctx,
        { ...args.input, label: args.input.label as NodeLabel, kind: args.input.kind as string },
        (args.comment as string | null | undefined) ?? null,
        (args.facts ?? []).map((f) => ({ ...f, property: f.property as string })),
      );
    },
  }),
  updateEntity: t.field({
    type: EntityRef,
    description: 'Change some fields of a node; pass expectedVersion to refuse overwriting a change you have not seen.',
    errors: { types: [ValidationFailed, NotFound, StaleVersion], ...described('updateEntity', 'the node as updated') },
    args: { input: t.arg({ type: UpdateEntityInput, required: true, description: 'The changes.' }), comment: comment(t) },
    authScopes: { curator: true },
    resolve: (_root, args, ctx) => {
      return updateEntity(
        ctx,
        { ...args.input, kind: args.input.kind as string | null | undefined },
        (args.comment as string | null | undefined) ?? null,
      );
    },
  }),
  deleteEntity: t.field({
    type: DeletedEntity,
    description: 'Delete a node and its relationships (scope admin). Its audit history remains.',
    errors: { types: [NotFound], ...described('deleteEntity', 'the node that was deleted') },
    args: { slug: t.arg.string({ required: true, description: 'Which node.' }), comment: comment(t) },
    authScopes: { admin: true },
    resolve: (_root, args, ctx) => {
      return deleteEntity(ctx, args.slug, (args.comment as string | null | undefined) ?? null);
    },
  }),
  linkEntities: t.field({
    type: LinkRef,
    description: 'Create or update a relationship with its properties and evidence (one claim of one source).',
    errors: { types: [ValidationFailed], ...described('linkEntities', 'the relationship as written') },
    args: { input: t.arg({ type: LinkInput, required: true, description: 'The relationship.' }), comment: comment(t) },
    authScopes: { curator: true },
    resolve: (_root, args, ctx) => {
      return linkEntities(
        ctx,
        { ...args.input, type: args.input.type as RelationshipType, properties: args.input.properties as Record<string, string> | null },
        (args.comment as string | null | undefined) ?? null,
      );
    },
  }),
  unlinkEntities: t.field({
    type: LinkRef,
    description: 'Remove one claim (type, from, to, source).',
    errors: { types: [NotFound], ...described('unlinkEntities', 'the relationship as it was') },
    args: { input: t.arg({ type: UnlinkInput, required: true, description: 'Which relationship.' }), comment: comment(t) },
    authScopes: { curator: true },
    resolve: (_root, args, ctx) => {
      return unlinkEntities(
        ctx,
        { ...args.input, type: args.input.type as RelationshipType },
        (args.comment as string | null | undefined) ?? null,
      );
    },
  }),
  recordFact: t.field({
    type: FactResult,
    description: 'Record a dated or counted fact (e.g. a ratification count with its as-of date). The headline date follows.',
    errors: { types: [ValidationFailed], ...described('recordFact', 'the fact as recorded') },
    args: { input: t.arg({ type: FactInput, required: true, description: 'The fact.' }), comment: comment(t) },
    authScopes: { curator: true },
    resolve: (_root, args, ctx) => {
      return recordFact(
        ctx,
        { ...args.input, property: args.input.property as string },
        (args.comment as string | null | undefined) ?? null,
      );
    },
  }),
  upsertSource: t.field({
    type: SourceRef,
    description: 'Create or update a Source that facts can cite.',
    errors: { types: [ValidationFailed], ...described('upsertSource', 'the source as written') },
    args: { input: t.arg({ type: SourceInput, required: true, description: 'The source.' }), comment: comment(t) },
    authScopes: { curator: true },
    resolve: async (_root, args, ctx) => {
      const row = await upsertSource(
        ctx,
        { ...args.input, kind: args.input.kind as 'document' | 'reference', language: args.input.language as 'en' | 'id' },
        (args.comment as string | null | undefined) ?? null,
      );
      ctx.loaders.source.clear(row.id).prime(row.id, row as never);
      return row as never;
    },
  }),
}));

// ---- Version and the audit trail ---------------------------------------------------------------

builder.interfaceField(EntityRef, 'version', (t) =>
  t.int({
    description: 'Increases with every write; send it as expectedVersion to update safely. 0 for nodes never edited.',
    resolve: (row) => row.version ?? 0,
  }),
);

const ChangeActionEnum = builder.enumType('ChangeAction', {
  description: 'What a write did.',
  values: ['create', 'update', 'delete', 'link', 'unlink', 'fact', 'unfact', 'source', 'import'].map((a) => a.toUpperCase()),
});

const ChangeRef = builder.objectRef<ChangeRow>('Change').implement({
  description: 'One write in the audit trail.',
  fields: (t) => ({
    changeId: t.exposeString('id', { description: 'Its id.' }),
    at: t.exposeString('at', { description: 'When (ISO 8601, UTC).' }),
    by: t.exposeString('by', { description: 'Who: the token subject (key:<name> for API keys).' }),
    action: t.field({ type: ChangeActionEnum, description: 'What was done.', resolve: (c) => c.action.toUpperCase() as never }),
    targetKind: t.exposeString('targetKind', { description: 'node, relationship, fact, source or import.' }),
    target: t.exposeString('target', { description: 'The slug, or TYPE:from->to@source for relationships.' }),
    nodes: t.exposeStringList('nodes', { description: 'Slugs of the nodes it touched.' }),
    before: t.string({
      nullable: true,
      description: 'The touched properties before, as JSON (null for creations).',
      resolve: (c) => c.before,
    }),
    after: t.string({
      nullable: true,
      description: 'The touched properties after, as JSON (null for deletions).',
      resolve: (c) => c.after,
    }),
    comment: t.string({ nullable: true, description: 'Why, as the author said.', resolve: (c) => c.comment }),
  }),
});

builder.queryField('changes', (t) =>
  t.connection(
    {
      type: ChangeRef,
      description: 'The audit trail, newest first (needs a token: any scope).',
      args: {
        since: t.arg.string({ required: false, description: 'Only changes at or after this ISO 8601 time.' }),
        by: t.arg.string({ required: false, description: 'Only changes by this subject.' }),
        node: t.arg.string({ required: false, description: 'Only changes touching this node (by slug), deleted ones included.' }),
      },
      authScopes: { reader: true },
      resolve: async (_root, args, ctx) => {
        if (args.since != null && !isIsoTime(args.since))
          throw badInput('since', 'must be an ISO 8601 date or time, e.g. 2026-01-31 or 2026-01-31T12:00:00Z');
        const page = toPage(args, 2, 'changes', ctx.limits);
        const rows = await listChanges(ctx.cypher, { since: args.since, by: args.by, node: args.node }, page);
        return toConnection(
          rows,
          page,
          (r) => [r.at, r.id],
          (r) => ({ node: r }),
        );
      },
    },
    { name: 'ChangesConnection', description: 'A page of the audit trail.' },
    { name: 'ChangeEdge', description: 'One change.' },
  ),
);

/** An ISO 8601 date or date-time that names a real moment (what `changes(since:)` compares with). */
function isIsoTime(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(text) && !Number.isNaN(Date.parse(text));
}
