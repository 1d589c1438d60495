/**
 * The graph model in one place: node labels, their kinds, relationship types with the labels
 * they may join and the properties they may carry, and the dated/counted facts a node can have.
 *
 * Everything that must become a Cypher identifier (a label, a relationship type, a property
 * key) is looked up here and never taken from user text: this file is the whitelist.
 */

export const NODE_LABELS = ['Actor', 'Treaty', 'Norm', 'Instrument', 'Programme', 'Event', 'Topic'] as const;
export type NodeLabel = (typeof NODE_LABELS)[number];

/** Every domain node also carries this label; it backs the global id constraint and search. */
export const ENTITY_LABEL = 'Entity';
export const SOURCE_LABEL = 'Source';
/** Dashboard counters derived from the graph (src/modules/aggregates): never exported or counted as data. */
export const AGGREGATE_LABEL = 'Aggregate';

export const NODE_KINDS = {
  Actor: [
    'state',
    'eu_institution', // Council of the EU, European Commission, EEAS, ...
    'eu_body', // agencies, centres and offices of the EU (EC3, EUISS, ...)
    'international_organisation',
    'organisation_body', // an organ or committee of an international organisation
    'coalition',
    'initiative',
    'region', // a region or group of states named without members ("African countries")
    'group', // a class of actors (e.g. perpetrators of cyber-attacks)
    'person',
    'entity', // a company, agency or unit named as such (e.g. a sanctions listing)
  ],
  Treaty: ['convention', 'protocol'],
  Norm: ['norm', 'principle'],
  Instrument: [
    'sanctions_regime',
    'council_conclusions',
    'council_decision',
    'regulation',
    'strategy',
    'toolbox',
    'resolution',
    'report',
    'funding_instrument',
  ],
  Programme: ['programme', 'partnership', 'project'],
  Event: ['session', 'dialogue', 'conference', 'negotiation', 'incident'],
  Topic: ['topic', 'value', 'priority'],
} as const satisfies Record<NodeLabel, readonly string[]>;

export type DateFactProperty = (typeof DATE_FACTS)[number];
export type CountFactProperty = (typeof COUNT_FACTS)[number];

/** Dated facts: values are partial ISO dates (YYYY, YYYY-MM or YYYY-MM-DD). */
export const DATE_FACTS = [
  'openedForSignature',
  'enteredIntoForce',
  'adopted',
  'drafted',
  'negotiationStarted',
  'negotiationEnded',
  'launched',
  'founded',
  'started',
  'ended',
  'held',
] as const;

/** Counted facts: whole numbers that a source reports, each with its own as-of date. */
export const COUNT_FACTS = [
  'signatoryCount',
  'ratificationCount',
  'listedPersonCount',
  'listedEntityCount',
  'normCount',
  'signedNotRatifiedCount', // signatures not (yet) followed by ratification
  'memberCount',
  'votesInFavour',
  'votesAgainst',
  'abstentions',
] as const;

/**
 * Which dated fact becomes a node's sortable `date` (used by timelines and date filters), in
 * order of preference. All claims stay queryable as facts; this only picks the headline date.
 */
export const PRIMARY_DATE_FACTS: Record<NodeLabel, readonly DateFactProperty[]> = {
  Actor: ['founded', 'launched'],
  Treaty: ['openedForSignature', 'adopted', 'drafted'],
  Norm: ['adopted'],
  Instrument: ['adopted', 'launched'],
  Programme: ['started', 'launched'],
  Event: ['held'],
  Topic: [],
};

export type PropertyKind = 'string' | 'date' | 'nodeId';

interface RelationshipRule {
  from: readonly NodeLabel[];
  to: readonly NodeLabel[];
  /** Properties this type may carry besides the evidence every relationship has. */
  properties: Readonly<Record<string, PropertyKind>>;
  description: string;
}

const ANY: readonly NodeLabel[] = NODE_LABELS;

export const RELATIONSHIP_TYPES = {
  PARTNER_IN: {
    from: ['Actor'],
    to: ['Programme'],
    properties: { role: 'string', since: 'date' },
    description: 'The actor is a partner of the programme or partnership.',
  },
  RUNS: {
    from: ['Actor'],
    to: ['Programme', 'Instrument', 'Event'],
    properties: { role: 'string' },
    description: 'The actor runs, leads or operates the programme.',
  },
  IMPLEMENTS: {
    from: ['Actor'],
    to: ['Programme', 'Instrument'],
    properties: { role: 'string' },
    description: 'The actor implements the programme or instrument on behalf of another.',
  },
  FUNDS: {
    from: ['Actor', 'Instrument'],
    to: ['Programme', 'Event'],
    properties: {},
    description: 'The actor or funding instrument finances the programme.',
  },
  SUCCEEDS: {
    from: ['Programme', 'Instrument', 'Treaty'],
    to: ['Programme', 'Instrument', 'Treaty'],
    properties: {},
    description: 'The item follows on from an earlier one.',
  },
  SUPPORTS: {
    from: ['Actor', 'Instrument', 'Programme'],
    to: ANY,
    properties: {},
    description: 'The actor, instrument or programme supports the target.',
  },
  SIGNED: {
    from: ['Actor'],
    to: ['Treaty'],
    properties: { date: 'date', coeMember: 'string' },
    description: 'The actor signed the treaty.',
  },
  RATIFIED: {
    from: ['Actor'],
    to: ['Treaty'],
    // method: ratification | accession | acceptance, as the source marks it; coeMember: yes | no
    // where the chart says whether the state is a Council of Europe member.
    properties: { date: 'date', entryIntoForce: 'date', method: 'string', coeMember: 'string' },
    description: 'The actor ratified (or acceded to) the treaty; a source that gives only the entry into force leaves date empty.',
  },
  SUPPLEMENTS: {
    from: ['Treaty'],
    to: ['Treaty'],
    properties: {},
    description: 'The protocol supplements its parent treaty.',
  },
  DRAFTED: {
    from: ['Actor'],
    to: ['Treaty', 'Instrument', 'Norm'],
    properties: { date: 'date' },
    description: 'The actor drafted or negotiated the text.',
  },
  ADOPTED: {
    from: ['Actor'],
    to: ['Treaty', 'Instrument', 'Norm'],
    properties: { date: 'date' },
    description: 'The actor adopted, launched or opened the text or instrument.',
  },
  LEADS: {
    from: ['Actor'],
    to: ['Instrument', 'Event', 'Programme'],
    properties: {},
    description: 'The actor led or sponsored the resolution, event or programme.',
  },
  CALLS_FOR: {
    from: ['Instrument'],
    to: ANY,
    properties: {},
    description: 'The instrument (e.g. a resolution) calls for the target.',
  },
  ESTABLISHES: {
    from: ['Instrument'],
    to: ['Actor', 'Instrument', 'Programme'],
    properties: {},
    description: 'The instrument establishes the body, regime or programme.',
  },
  PROMOTES: {
    from: ['Actor', 'Programme', 'Instrument'],
    to: ['Norm', 'Topic', 'Treaty'],
    properties: { forum: 'nodeId' },
    description: 'The actor promotes the norm or topic, optionally through a forum (an Actor id).',
  },
  ENDORSES: {
    from: ['Actor'],
    to: ['Norm', 'Treaty', 'Instrument'],
    properties: { forum: 'nodeId' },
    description: 'The actor endorses the norm or text.',
  },
  DEFINED_IN: {
    from: ['Norm'],
    to: ['Instrument', 'Treaty'],
    properties: { paragraph: 'string' },
    description: 'The norm is set out in the instrument.',
  },
  TARGETS: {
    from: ['Instrument'],
    to: ['Actor'],
    properties: {},
    description: 'The instrument is directed against the actor (e.g. sanctions).',
  },
  LISTS: {
    from: ['Instrument'],
    to: ['Actor'],
    properties: { date: 'date', grounds: 'string', act: 'nodeId' },
    description:
      'The sanctions instrument lists the person or entity; `act` is the legal act that added the listing, `grounds` what the Council named.',
  },
  INVOLVED_IN: {
    from: ['Actor'],
    to: ['Event'],
    properties: { role: 'string' },
    description: 'The actor is held responsible for, or took part in, the incident (as the source states it).',
  },
  BENEFITS: {
    from: ['Instrument', 'Programme', 'Event'],
    to: ['Actor'],
    properties: {},
    description: 'The instrument, programme or event is directed at helping the actor.',
  },
  MEMBER_OF: {
    from: ['Actor'],
    to: ['Actor'],
    properties: { since: 'date' },
    description: 'The actor is a member of the organisation or coalition.',
  },
  PART_OF: {
    from: ['Actor', 'Norm', 'Instrument', 'Programme'],
    to: ['Actor', 'Instrument', 'Programme'],
    properties: {},
    description: 'The item is a part of the larger one (a body of an organisation, a state of a region).',
  },
  MANAGES: {
    from: ['Actor'],
    to: ['Instrument', 'Programme'],
    properties: {},
    description: 'The actor manages the strategy or programme.',
  },
  COOPERATES_WITH: {
    from: ['Actor'],
    to: ['Actor'],
    properties: { context: 'string' },
    description: 'The actor works with the other actor.',
  },
  PARTICIPATES_IN: {
    from: ['Actor'],
    to: ['Event', 'Programme'],
    properties: { role: 'string' },
    description: 'The actor takes part in the event or dialogue.',
  },
  SEEKS_MEMBERSHIP: {
    from: ['Actor'],
    to: ['Actor'],
    properties: {},
    description: 'The actor is preparing to join the organisation.',
  },
  STATED: {
    from: ['Actor'],
    to: ANY,
    properties: { claim: 'string' },
    description: 'A cited person made a claim about the target; `claim` paraphrases it in English.',
  },
  UPHOLDS: {
    from: ['Actor'],
    to: ['Topic'],
    properties: {},
    description: 'The actor names the topic as one of its values.',
  },
  PRIORITISES: {
    from: ['Actor'],
    to: ['Topic', 'Norm'],
    properties: { category: 'string' },
    description: 'The actor names the topic as a priority or focus.',
  },
  ABOUT: {
    from: ANY,
    to: ['Topic'],
    properties: {},
    description: 'The item concerns the topic.',
  },
  INCLUDES: {
    from: ['Topic'],
    to: ['Topic', 'Norm'],
    properties: {},
    description: 'The broader topic includes the narrower one.',
  },
} as const satisfies Record<string, RelationshipRule>;

export type RelationshipType = keyof typeof RELATIONSHIP_TYPES;
export const RELATIONSHIP_TYPE_NAMES = Object.keys(RELATIONSHIP_TYPES) as RelationshipType[];
export const isRelationshipType = (name: string): name is RelationshipType => Object.hasOwn(RELATIONSHIP_TYPES, name);

/** A label with its article, for messages: "a Programme", "an Actor". */
export const aLabel = (label: string) => `${/^[AEIOU]/.test(label) ? 'an' : 'a'} ${label}`;

/** A property key some relationship type may carry (`role`, `since`, `forum`, ...). */
export type RelationshipPropertyKey = {
  [T in RelationshipType]: keyof (typeof RELATIONSHIP_TYPES)[T]['properties'];
}[RelationshipType];

/** The properties one relationship type may carry besides its evidence, with their kinds, in the model's order. */
export function propertiesOf(type: RelationshipType): ReadonlyMap<RelationshipPropertyKey, PropertyKind> {
  return propertiesOfTypes([type]);
}

/** The properties any of these types may carry, each once, in the order the model first lists them. */
export function propertiesOfTypes(types: readonly RelationshipType[]): ReadonlyMap<RelationshipPropertyKey, PropertyKind> {
  const properties = new Map<RelationshipPropertyKey, PropertyKind>();
  for (const type of types) {
    const declared: Readonly<Record<string, PropertyKind>> = RELATIONSHIP_TYPES[type].properties;
    for (const [key, kind] of Object.entries(declared)) properties.set(key as RelationshipPropertyKey, kind);
  }
  return properties;
}

/** The property keys one relationship type may carry besides its evidence, in the model's order. */
export function propertyKeysOf(type: RelationshipType): readonly RelationshipPropertyKey[] {
  return [...propertiesOf(type).keys()];
}

/** Every property key any relationship type may carry, each once, in the order the model first lists it. */
export const RELATIONSHIP_PROPERTY_KEYS: readonly RelationshipPropertyKey[] = [...propertiesOfTypes(RELATIONSHIP_TYPE_NAMES).keys()];

/** The evidence every relationship carries: the source's slug, a verbatim excerpt, and when the fact held. */
export const EVIDENCE_KEYS = ['source', 'excerpt', 'asOf'] as const;

/** Relationships from a Source: provenance of node facts, and mentions found by ingest. */
export const SOURCE_RELATIONSHIPS = ['ATTESTS', 'MENTIONS'] as const;

export const SOURCE_KINDS = ['document', 'reference'] as const;
/** The languages of the documents (ingest knows their stop words). */
export const LANGUAGES = ['en', 'id'] as const;
export type Language = (typeof LANGUAGES)[number];
/** The languages a source may be in: the documents', and those of reference pages (Dutch, French, German, Spanish, Finnish, Italian, Portuguese, Russian, Polish, Turkish, Romanian). */
export const SOURCE_LANGUAGES = [...LANGUAGES, 'nl', 'fr', 'de', 'es', 'fi', 'it', 'pt', 'ru', 'pl', 'tr', 'ro'] as const;

/** A readable slug: lower-case words joined by single hyphens. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** YYYY, YYYY-MM or YYYY-MM-DD. Partial dates sort correctly as strings. */
export const PARTIAL_DATE_PATTERN = /^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;
