/** Kind filters must name kinds the filtered type has; one rule and one message for every field. */
import { z } from 'zod';
import { NODE_KINDS, type NodeLabel } from '../../domain/model.js';
import { badInput } from '../../errors.js';

/** Why these kinds do not fit these labels, or null when they all do. */
function kindsProblem(kinds: readonly string[], labels: readonly NodeLabel[]): string | null {
  const allowed = new Set(labels.flatMap((l) => NODE_KINDS[l] as readonly string[]));
  const wrong = kinds.filter((k) => !allowed.has(k));
  return wrong.length ? `${wrong.map((k) => k.toUpperCase()).join(', ')} is not a kind of ${labels.join(' or ')}` : null;
}

export function requireKindsOf(argument: string, kinds: readonly string[] | null | undefined, labels: readonly NodeLabel[] | null): void {
  if (!kinds || !labels) return;
  const problem = kindsProblem(kinds, labels);
  if (problem) throw badInput(argument, problem);
}

/** The same rule as a schema for the validation plugin (`validate:` on an argument or input field). */
export function kindsOf(labels: readonly NodeLabel[]) {
  return z.array(z.string()).superRefine((kinds, ctx) => {
    const problem = kindsProblem(kinds, labels);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}
