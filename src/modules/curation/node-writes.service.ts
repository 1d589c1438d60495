/**
 * Node writes: create, upsert, update (at a version) and delete. A node is validated whole with
 * the seed's own schema (the same rules as the seed and imports), every problem at once.
 */
import { aLabel, type NodeLabel, PRIMARY_DATE_FACTS } from '../../domain/model.js';
import type { Context } from '../../context.js';
import { DERIVED_NAME_PROPERTIES, derivedNameProperties } from '../search/search.names.js';
import { nodeSchemas } from '../import/seed-schema.js';
import type { EntityRow } from '../entity/entity.repository.js';
import { recordChange, recordChanges } from './audit.repository.js';
import { Conflict, NotFound, StaleVersion, ValidationFailed, fail, zodProblems, type Problem } from './curation.errors.js';
import { type CheckedFact, checkFact, type FactInput, factChanges, readFactContext } from './fact-writes.service.js';
import { createNode, deleteNode, lockNode, mergeNode, readNode, updateNodeAtVersion } from './curation.repository.js';
import { isConstraintViolation, write } from './curation.write.js';
import { attestsScope, lockAggregates, wholeNodeScope, withAggregates } from '../aggregates/aggregates.service.js';

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

/**
 * Validates a whole node with the seed's own schema (the same rules as the seed and imports):
 * its problems are added to `problems` when given, else thrown.
 */
function validateNode(input: EntityInput, problems?: Problem[]): Record<string, unknown> {
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
    const found = zodProblems(parsed.error, 'input').map((p) => ({
      ...p,
      field: p.field.replace(/^input\.id\b/, 'input.slug'),
      message: /Unrecognized key/.test(p.message) ? `${p.message} (not a property of ${input.label})` : p.message,
    }));
    if (!problems) throw new ValidationFailed(found);
    problems.push(...found);
  }
  const name = input.name.trim();
  const aliases = (input.aliases ?? []).map((a) => a.trim());
  return {
    name,
    aliases,
    ...derivedNameProperties(name, aliases),
    kind: input.kind,
    description: input.description ?? null,
    code: input.code ?? null,
    countryCode: input.countryCode ?? null,
    location: input.location ?? null,
  };
}

const nodeChangeView = (props: Record<string, unknown> | null) => {
  if (!props) return null;
  return Object.fromEntries(Object.entries(props).filter(([key]) => !(DERIVED_NAME_PROPERTIES as readonly string[]).includes(key)));
};

export async function createEntity(ctx: Context, input: EntityInput, comment: string | null): Promise<EntityRow> {
  const props = validateNode(input);
  try {
    return await write(ctx, 'Curation.createEntity', async (tx, who) => {
      // A new node has no relationships and no date yet (dates come from facts): no counter moves.
      const row = await createNode(tx, input.label, input.slug, props);
      recordChange(tx, who.subject, {
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

/**
 * Creates the node, or sets the given properties on it if the slug exists (same type only),
 * and records the given facts on it: all in one transaction, so a node never appears without
 * the evidence it was written with.
 */
export async function upsertEntity(
  ctx: Context,
  input: EntityInput,
  comment: string | null,
  facts: ReadonlyArray<Omit<FactInput, 'slug'>> = [],
): Promise<{ row: EntityRow; created: boolean; facts: Array<CheckedFact & { nodeId: string }> }> {
  const problems: Problem[] = [];
  const props = validateNode(input, problems);
  const checked = facts.map((f, i) => checkFact(f, `facts.${i}`, problems));
  fail(problems);
  const attempt = () =>
    write(
      ctx,
      'Curation.upsertEntity',
      async (tx, who) => {
        const {
          node: before,
          problems: refProblems,
          existing,
        } = await readFactContext(tx, input.slug, checked, (i) => `facts.${i}.evidence.source`);
        if (before && before.row.label !== input.label) {
          refProblems.unshift({
            field: 'input.label',
            message: `"${input.slug}" is ${aLabel(before.row.label)}, not ${aLabel(input.label)}`,
          });
        }
        fail(refProblems);
        // A new kind moves every relationship of the node to other counters; facts move their
        // own (and the node's date). A node created without facts moves none.
        const newKind = before !== null && before.row.kind !== props.kind;
        // Every fact of the node moves, and with it its neighbours' counters: all the locks (after
        // the node's own, out of order: a deadlock this may cause is detected and retried).
        if (newKind) lockAggregates(tx);
        const sources = checked.map((f) => f.source);
        const scope = newKind ? wholeNodeScope(input.slug) : sources.length > 0 ? attestsScope(input.slug, sources) : null;
        // Everything after the reads is sent without waiting: the node, its audit record, its facts
        // and the counters share one round trip. The promises are awaited once all is sent.
        const upsert = async () => {
          // The node and its facts in one statement; the node as they leave it (its headline date).
          const merged = mergeNode(
            tx,
            input.label,
            input.slug,
            props,
            checked.length > 0 ? { facts: checked, dateProperties: PRIMARY_DATE_FACTS[input.label] } : undefined,
          );
          recordChanges(tx, who.subject, [
            {
              // Read under the node's aggregates lock, which every writer of it holds to its
              // commit: still true.
              action: before === null ? 'create' : 'update',
              targetKind: 'node',
              target: input.slug,
              nodes: [input.slug],
              before: nodeChangeView(before ? pick(before.props, Object.keys(props)) : null),
              after: nodeChangeView(before === null ? { label: input.label, ...props } : props),
              comment,
            },
            ...factChanges(input.slug, checked, existing, comment),
          ]);
          return { merged };
        };
        // A node that did not exist had nothing counted.
        const { merged } = scope ? await withAggregates(tx, scope, upsert, { emptyBefore: before === null }) : await upsert();
        return { ...(await merged), facts: checked.map((f) => ({ nodeId: input.slug, ...f })) };
      },
      { locksFirst: true },
    );
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
  return write(ctx, 'Curation.updateEntity', async (tx, who) => {
    // Lock first, then read: the version checked is the version written over (one winner per version).
    lockNode(tx, patch.slug);
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
    if (touched.includes('name') || touched.includes('aliases')) touched.push(...DERIVED_NAME_PROPERTIES);
    const props = pick(full, touched);
    const newKind = touched.includes('kind') && props.kind !== before.row.kind;
    const update = () => updateNodeAtVersion(tx, patch.slug, current, props);
    const row = newKind ? await withAggregates(tx, wholeNodeScope(patch.slug), update) : await update();
    if (!row) throw new StaleVersion(patch.slug, patch.expectedVersion ?? current, current + 1);
    recordChange(tx, who.subject, {
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
  return write(ctx, 'Curation.deleteEntity', async (tx, who) => {
    lockNode(tx, slug);
    const before = await readNode(tx, slug);
    if (!before) throw new NotFound(slug);
    const relationships = await withAggregates(tx, wholeNodeScope(slug), () => deleteNode(tx, slug), { emptyAfter: true });
    recordChange(tx, who.subject, {
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
