/**
 * Kind filters must name kinds the filtered type has: one rule and one message for every field,
 * as a zod schema the validation plugin applies (`validate:` on an argument or input field).
 */
import { z } from 'zod';
import { NODE_KINDS, type NodeLabel } from '../../domain/model.js';

/** A list of kinds, each a kind of one of these labels ("CONVENTION is not a kind of Actor"). */
export function kindsOf(labels: readonly NodeLabel[]) {
  const allowed = new Set(labels.flatMap((l) => NODE_KINDS[l] as readonly string[]));
  return z.array(z.string()).superRefine((kinds, ctx) => {
    const wrong = kinds.filter((k) => !allowed.has(k));
    if (wrong.length)
      ctx.addIssue({ code: 'custom', message: `${wrong.map((k) => k.toUpperCase()).join(', ')} is not a kind of ${labels.join(' or ')}` });
  });
}
