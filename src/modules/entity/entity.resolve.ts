/**
 * The one way an argument names a node: its slug ("japan"), its global id (as `id` fields
 * return it), or its exact name or an alias in either language, any case ("Japan", "Jepang").
 * Slugs are tried first, then global ids, then names, so a slug never turns ambiguous. A name
 * several nodes share is refused with AMBIGUOUS_NAME listing them; nothing found is NOT_FOUND.
 */
import type { Context } from '../../context.js';
import { ID_PATTERN, NODE_LABELS } from '../../domain/model.js';
import { ClientError, ErrorCode } from '../../errors.js';
import { findEntitiesByNames, type EntityRow } from './entity.repository.js';

/** The slug inside a global id of a domain node ("QWN0b3I6amFwYW4=" -> "japan"), or null. */
function slugOfGlobalId(ref: string): string | null {
  if (!/^[A-Za-z0-9+/]+=*$/.test(ref)) return null;
  const text = Buffer.from(ref, 'base64').toString('utf8');
  if (Buffer.from(text, 'utf8').toString('base64') !== ref) return null;
  const colon = text.indexOf(':');
  const typename = text.slice(0, colon);
  const id = text.slice(colon + 1);
  return colon > 0 && id && (NODE_LABELS as readonly string[]).includes(typename) ? id : null;
}

/**
 * Whether a reference can be a slug: a statement that looks a node up by slug and reports when
 * it is missing can try it before any lookup; anything else (a name, a global id) is resolved.
 */
export const mayBeSlug = (ref: string) => ID_PATTERN.test(ref.trim());

const describe = (row: EntityRow) => `${row.name} (${row.label}, slug "${row.id}")`;

/**
 * Resolves each reference to its node, in the order given. `argument` names the argument in
 * errors. Costs one statement for the slugs and ids (batched by the entity loader) and, only
 * when some reference is a name, one more for all the names.
 */
export async function resolveEntities(ctx: Context, argument: string, refs: readonly string[]): Promise<EntityRow[]> {
  const candidates = refs.map((ref) => [ref.trim(), slugOfGlobalId(ref.trim())] as const);
  const keys = [...new Set(candidates.flatMap(([ref, id]) => (id ? [ref, id] : [ref])).filter(Boolean))];
  const loaded = await ctx.loaders.entity.loadMany(keys);
  const bySlug = new Map<string, EntityRow>();
  loaded.forEach((row, i) => {
    if (row && !(row instanceof Error)) bySlug.set(keys[i]!, row);
  });

  const unresolved = candidates.filter(([ref, id]) => !bySlug.has(ref) && !(id && bySlug.has(id))).map(([ref]) => ref);
  const byName = unresolved.length > 0 ? await findEntitiesByNames(ctx.cypher, [...new Set(unresolved)]) : new Map<string, EntityRow[]>();

  return candidates.map(([ref, id], i) => {
    const direct = bySlug.get(ref) ?? (id ? bySlug.get(id) : undefined);
    if (direct) return direct;
    const named = byName.get(ref) ?? [];
    if (named.length === 1) return ctx.loaders.primeEntity(named[0]!);
    if (named.length === 0) {
      throw new ClientError(ErrorCode.NOT_FOUND, `${argument}: no node has the slug, id, name or alias "${refs[i]}".`, {
        argument,
        id: refs[i],
      });
    }
    throw new ClientError(
      ErrorCode.AMBIGUOUS_NAME,
      `${argument}: "${refs[i]}" names ${named.length} nodes: ${named.map(describe).join('; ')}. Give a slug instead.`,
      { argument, name: refs[i], candidates: named.map((n) => ({ slug: n.id, name: n.name, label: n.label })) },
    );
  });
}

/** One reference (see resolveEntities). */
export async function resolveEntity(ctx: Context, argument: string, ref: string): Promise<EntityRow> {
  const [row] = await resolveEntities(ctx, argument, [ref]);
  return row!; // one reference in, one row out (or a thrown error)
}
