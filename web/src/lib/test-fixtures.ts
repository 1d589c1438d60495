/** Shared fixtures of the views' unit tests (imported by *.test.ts only, so never bundled). */
import type { Evidence, RelationshipProperties } from '../api/types';

/** Every relationship property empty; a fixture spreads it and sets what its test reads. */
export const NO_PROPERTIES = {
  role: null,
  since: null,
  date: null,
  forum: null,
  claim: null,
  category: null,
  context: null,
  paragraph: null,
} as const satisfies Record<keyof RelationshipProperties, null>;

/** Evidence from an Indonesian document of the seed, with the excerpt given. */
export const documentEvidence = (excerpt: string, title = 'doc'): Evidence => ({
  excerpt,
  asOf: null,
  sourceSlug: 'doc-000',
  source: { slug: 'doc-000', title, language: 'ID', kind: 'DOCUMENT' },
});
