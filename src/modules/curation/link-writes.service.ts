/**
 * Relationship writes: link (validated against the relationship table: which labels it joins,
 * which properties it takes; its ends, forum and source must exist) and unlink.
 */
import type { z } from 'zod';
import { aLabel, RELATIONSHIP_TYPES, type RelationshipType } from '../../domain/model.js';
import type { Context } from '../../context.js';
import { excerptSchema, idSchema, partialDateSchema } from '../import/seed-schema.js';
import { type ChangeInput, changeParams, recordChange } from './audit.repository.js';
import { NotFound, fail, zodProblems, type Problem } from './curation.errors.js';
import { deleteLink, mergeLink } from './curation.repository.js';
import { write, type EvidenceInput } from './curation.write.js';

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
  const forum = (rule.properties as Record<string, string>).forum ? properties.forum : undefined;
  const props = {
    excerpt: input.evidence.excerpt.trim(),
    asOf: input.evidence.asOf ?? null,
    ...Object.fromEntries(Object.keys(rule.properties).map((k) => [k, properties[k] ?? null])),
  };
  const target = relationshipKey(input.type, input.from, input.to, input.evidence.source);
  // What the MERGE leaves: the properties it had, its source, and the new values (null removes one).
  const claimAfter = (before: Record<string, unknown> | null) =>
    Object.fromEntries(Object.entries({ ...before, source: input.evidence.source, ...props }).filter(([, value]) => value !== null));
  const change = (before: Record<string, unknown> | null): ChangeInput => ({
    action: 'link',
    targetKind: 'relationship',
    target,
    nodes: [input.from, input.to],
    before,
    after: claimAfter(before),
    comment,
  });
  return write(
    ctx,
    'Curation.linkEntities',
    async (tx, who) => {
      // One statement reads what the checks below need and, when they pass, writes the claim, its
      // counters and (a new claim's) audit record: a new link costs one round trip and the commit.
      const { labels, sourceFound, before } = await mergeLink(tx, {
        type: input.type,
        from: input.from,
        to: input.to,
        source: input.evidence.source,
        slugs: [input.from, input.to, ...(forum ? [forum] : [])],
        props,
        fromLabels: rule.from,
        toLabels: rule.to,
        change: changeParams(who.subject, change(null)),
      });
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
            message: `${input.type} cannot ${field === 'input.from' ? 'start at' : 'end at'} ${aLabel(label)} (allowed: ${allowed.join(', ')})`,
          });
      }
      if (forum && !labels.has(forum)) refProblems.push({ field: 'input.properties.forum', message: `no node has slug "${forum}"` });
      if (!sourceFound) refProblems.push({ field: 'input.evidence.source', message: `no source has slug "${input.evidence.source}"` });
      fail(refProblems);
      // A changed claim's audit record says what it was.
      if (before !== null) recordChange(tx, who.subject, change(before));
      const after = claimAfter(before);
      return { type: input.type, fromId: input.from, toId: input.to, props: after as LinkResult['props'], created: before === null };
    },
    { locksFirst: true },
  );
}

export async function unlinkEntities(
  ctx: Context,
  input: { type: RelationshipType; from: string; to: string; source: string },
  comment: string | null,
): Promise<LinkResult> {
  return write(
    ctx,
    'Curation.unlinkEntities',
    async (tx, who) => {
      // One statement deletes the claim and counts it out; its audit record says what it was.
      const before = await deleteLink(tx, input);
      if (!before) throw new NotFound(relationshipKey(input.type, input.from, input.to, input.source), 'relationship');
      recordChange(tx, who.subject, {
        action: 'unlink',
        targetKind: 'relationship',
        target: relationshipKey(input.type, input.from, input.to, input.source),
        nodes: [input.from, input.to],
        before,
        after: null,
        comment,
      });
      return { type: input.type, fromId: input.from, toId: input.to, props: before as LinkResult['props'], created: false };
    },
    { locksFirst: true },
  );
}
