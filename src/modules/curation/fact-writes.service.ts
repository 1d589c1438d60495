/**
 * Fact and source writes: an attested value on a node (validated by the seed's fact rules:
 * counts are whole numbers, dates partial dates) and a source's metadata.
 */
import { COUNT_FACTS, DATE_FACTS, PRIMARY_DATE_FACTS } from '../../domain/model.js';
import type { Context } from '../../context.js';
import { factSchema, partialDateSchema, sourceProps, sourceSchema } from '../import/seed-schema.js';
import { recordChange } from './audit.repository.js';
import { ValidationFailed, fail, zodProblems, type Problem } from './curation.errors.js';
import { mergeFact, mergeSource, readNode, refreshHeadlineDate, sourceExists } from './curation.repository.js';
import { write, type EvidenceInput } from './curation.write.js';
import { pairScope, withAggregates } from '../aggregates/aggregates.service.js';

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
  return write(ctx, 'Curation.recordFact', async (tx, who) => {
    // Both reads in one round trip.
    const [node, sourceFound] = await Promise.all([readNode(tx, input.slug), sourceExists(tx, input.evidence.source)]);
    const refProblems: Problem[] = [];
    if (!node) refProblems.push({ field: 'input.slug', message: `no node has slug "${input.slug}"` });
    if (!sourceFound) refProblems.push({ field: 'input.evidence.source', message: `no source has slug "${input.evidence.source}"` });
    fail(refProblems);
    const props = { excerpt: input.evidence.excerpt.trim(), asOf: input.evidence.asOf ?? null };
    // An attested value is a relationship from the source, and may move the node's headline date.
    const scope = pairScope({ from: input.evidence.source, to: input.slug, type: 'ATTESTS' }, [input.slug]);
    const created = await withAggregates(tx, scope, async () => {
      const created = await mergeFact(tx, input.slug, input.property, value, input.evidence.source, props);
      refreshHeadlineDate(tx, input.slug, PRIMARY_DATE_FACTS[node!.row.label]);
      return created;
    });
    recordChange(tx, who.subject, {
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
