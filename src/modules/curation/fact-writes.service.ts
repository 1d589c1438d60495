/**
 * Fact and source writes: an attested value on a node (validated by the seed's fact rules:
 * counts are whole numbers, dates partial dates) and a source's metadata.
 */
import { COUNT_FACTS, DATE_FACTS, PRIMARY_DATE_FACTS } from '../../domain/model.js';
import type { Context } from '../../context.js';
import type { TxRunner } from '../../db/query.js';
import { factSchema, partialDateSchema, sourceProps, sourceSchema } from '../import/seed-schema.js';
import { type ChangeInput, recordChange, recordChanges } from './audit.repository.js';
import { ValidationFailed, fail, zodProblems, type Problem } from './curation.errors.js';
import { attestOnNode, mergeSource, type NodeSnapshot, readNodeAndFacts } from './curation.repository.js';
import { write, type EvidenceInput } from './curation.write.js';
import { attestsScope, withAggregates } from '../aggregates/aggregates.service.js';

export interface FactInput {
  slug: string;
  property: string;
  value: string;
  evidence: EvidenceInput;
}

/** A fact checked by the seed's fact rules, its value typed (counts as numbers). */
export interface CheckedFact {
  property: string;
  value: string | number;
  source: string;
  excerpt: string;
  asOf: string | null;
}

/**
 * Checks a fact with the seed's fact rules (counts are whole numbers, dates partial dates),
 * naming problems under `field` (e.g. `input`, `facts.0`).
 */
export function checkFact(input: Omit<FactInput, 'slug'>, field: string, problems: Problem[]): CheckedFact {
  const isCount = (COUNT_FACTS as readonly string[]).includes(input.property);
  const value: string | number = isCount && /^\d+$/.test(input.value.trim()) ? Number(input.value.trim()) : input.value.trim();
  const parsed = factSchema.safeParse({ property: input.property, value, ...input.evidence, asOf: input.evidence.asOf ?? undefined });
  if (!parsed.success)
    problems.push(
      ...zodProblems(parsed.error, field).map((p) => ({
        ...p,
        field: p.field.replace(/\.(source|excerpt|asOf)$/, '.evidence.$1'),
      })),
    );
  if (isCount && typeof value !== 'number')
    problems.push({ field: `${field}.value`, message: `${input.property} is a count: a whole number` });
  if ((DATE_FACTS as readonly string[]).includes(input.property) && !partialDateSchema.safeParse(value).success) {
    problems.push({ field: `${field}.value`, message: `${input.property} is a date: YYYY, YYYY-MM or YYYY-MM-DD` });
  }
  return {
    property: input.property,
    value,
    source: input.evidence.source,
    excerpt: input.evidence.excerpt.trim(),
    asOf: input.evidence.asOf ?? null,
  };
}

/**
 * The reads a fact write needs, in one statement that first takes the node's aggregates' lock
 * (so it is the write's first, under `locksFirst`): the node, the facts' missing sources (as
 * problems) and which of the facts the node has already (by index).
 */
export async function readFactContext(
  tx: TxRunner,
  slug: string,
  facts: readonly CheckedFact[],
  field: (i: number) => string,
): Promise<{ node: NodeSnapshot | null; problems: Problem[]; existing: Set<number> }> {
  const { node, sources, existing } = await readNodeAndFacts(tx, slug, facts);
  const problems = facts.flatMap((f, i) =>
    sources.has(f.source) ? [] : [{ field: field(i), message: `no source has slug "${f.source}"` }],
  );
  return { node, problems, existing };
}

/** The audit records of facts written on a node (`existing`: the facts' indexes it had already). */
export function factChanges(
  slug: string,
  facts: readonly CheckedFact[],
  existing: ReadonlySet<number>,
  comment: string | null,
): ChangeInput[] {
  return facts.map((f, i) => ({
    action: 'fact',
    targetKind: 'fact',
    target: `${slug}.${f.property}@${f.source}`,
    nodes: [slug],
    before: null,
    after: { property: f.property, value: f.value, source: f.source, excerpt: f.excerpt, asOf: f.asOf, created: !existing.has(i) },
    comment,
  }));
}

export async function recordFact(ctx: Context, input: FactInput, comment: string | null) {
  const problems: Problem[] = [];
  const fact = checkFact(input, 'input', problems);
  fail(problems);
  return write(
    ctx,
    'Curation.recordFact',
    async (tx, who) => {
      const { node, problems: sourceProblems, existing } = await readFactContext(tx, input.slug, [fact], () => 'input.evidence.source');
      fail([...(node ? [] : [{ field: 'input.slug', message: `no node has slug "${input.slug}"` }]), ...sourceProblems]);
      // An attested value is a relationship from the source, and may move the node's headline date.
      // Wrapped, so that awaiting the call (withAggregates does) does not wait for the row.
      const { row } = await withAggregates(tx, attestsScope(input.slug, [fact.source]), async () => ({
        row: attestOnNode(tx, input.slug, { facts: [fact], dateProperties: PRIMARY_DATE_FACTS[node!.row.label] }),
      }));
      recordChanges(tx, who.subject, factChanges(input.slug, [fact], existing, comment));
      // Awaited: a statement run (not sent) is not among those the commit waits for.
      await row;
      return { nodeId: input.slug, ...fact };
    },
    { locksFirst: true },
  );
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
  const props = sourceProps(parsed.data);
  return write(ctx, 'Curation.upsertSource', async (tx, who) => {
    const { before } = await mergeSource(tx, input.slug, props);
    recordChange(tx, who.subject, {
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
