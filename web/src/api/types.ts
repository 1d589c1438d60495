/** Shapes of the API's answers that several views share (a subset of schema/schema.graphql). */

export type EntityLabel = 'Actor' | 'Treaty' | 'Norm' | 'Instrument' | 'Programme' | 'Event' | 'Topic';
export const ENTITY_LABELS: EntityLabel[] = ['Actor', 'Programme', 'Treaty', 'Norm', 'Instrument', 'Event', 'Topic'];
export type Direction = 'IN' | 'OUT' | 'BOTH';
export type Language = 'EN' | 'ID';

export interface SourceRef {
  slug: string;
  title: string;
  language: Language;
  kind: 'DOCUMENT' | 'REFERENCE';
}

export interface Evidence {
  excerpt: string;
  /** Where the excerpt sits in its source's text (documents only). */
  excerptSpan?: { start: number; end: number } | null;
  asOf: string | null;
  sourceSlug: string;
  source: SourceRef;
}

export interface EntityRef {
  __typename: EntityLabel;
  slug: string;
  name: string;
  kind: string;
}

export interface RelationshipProperties {
  role: string | null;
  since: string | null;
  date: string | null;
  forum: string | null;
  claim: string | null;
  category: string | null;
  context: string | null;
  paragraph: string | null;
}

/** Fragments reused by several views' operations. */
export const EVIDENCE_FIELDS = 'excerpt excerptSpan { start end } asOf sourceSlug source { slug title language kind }';
export const ENTITY_REF_FIELDS = '__typename slug name kind';
export const PROPERTY_FIELDS = 'role since date forum claim category context paragraph';

/** Every relationship type of the schema (enum RelationshipType). */
export const RELATIONSHIP_TYPES = [
  'ABOUT',
  'ADOPTED',
  'BENEFITS',
  'CALLS_FOR',
  'COOPERATES_WITH',
  'DEFINED_IN',
  'DRAFTED',
  'ENDORSES',
  'ESTABLISHES',
  'FUNDS',
  'IMPLEMENTS',
  'INCLUDES',
  'LEADS',
  'MANAGES',
  'MEMBER_OF',
  'PARTICIPATES_IN',
  'PARTNER_IN',
  'PART_OF',
  'PRIORITISES',
  'PROMOTES',
  'RATIFIED',
  'RUNS',
  'SEEKS_MEMBERSHIP',
  'SIGNED',
  'STATED',
  'SUCCEEDS',
  'SUPPLEMENTS',
  'SUPPORTS',
  'TARGETS',
  'UPHOLDS',
] as const;
