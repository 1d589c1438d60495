/** Kind filters must name kinds the filtered type has; one rule and one message for every field. */
import { NODE_KINDS, type NodeLabel } from '../../domain/model.js';
import { badInput } from '../../errors.js';

export function requireKindsOf(argument: string, kinds: readonly string[] | null | undefined, labels: readonly NodeLabel[] | null): void {
  if (!kinds || !labels) return;
  const allowed = new Set(labels.flatMap((l) => NODE_KINDS[l] as readonly string[]));
  const wrong = kinds.filter((k) => !allowed.has(k));
  if (wrong.length) throw badInput(argument, `${wrong.map((k) => k.toUpperCase()).join(', ')} is not a kind of ${labels.join(' or ')}`);
}
