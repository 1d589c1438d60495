/** The source module's per-request loaders: sources by id, their text, their mentions. */
import type { LoaderKit } from '../../loaders.js';
import type { Page } from '../../pagination.js';
import { findSourceTexts, findSourcesByIds, mentionsOf, type MentionRow, type SourceRow } from './source.repository.js';

export function sourceLoaders({ cypher, byId, keyed }: LoaderKit) {
  return {
    source: byId<SourceRow | null>('source', (ids) => findSourcesByIds(cypher, ids), null),
    /** A source's cleaned text, read only when a client asks for it (or for an excerpt's span). */
    sourceText: byId<string | null>('sourceText', (ids) => findSourceTexts(cypher, ids), null),
    mentions(side: 'source' | 'node', page: Page) {
      return keyed<MentionRow[]>(`mentions:${side}:${JSON.stringify(page)}`, async (ids) => {
        const found = await mentionsOf(cypher, side, ids, page);
        return ids.map((id) => found.get(id) ?? []);
      });
    },
  };
}

export type SourceLoaders = ReturnType<typeof sourceLoaders>;

declare module '../../loaders.js' {
  interface Loaders extends SourceLoaders {}
}
