/**
 * Treaty status as numbers: `Treaty.statusCounts(at:)` derives from the graph's SIGNED/RATIFIED
 * edges how many states had signed, ratified and were bound at a date; `Treaty.reportedCounts`
 * puts every count a source reports (signatories, ratifications, signatures not followed by
 * ratification) beside the same count derived at that source's as-of date, so agreement,
 * difference and coverage (how much of the reported figure the graph's table holds) are visible.
 */
import DataLoader from 'dataloader';
import { builder } from '../../builder.js';
import type { Context } from '../../context.js';
import { PARTIAL_DATE_PATTERN } from '../../domain/model.js';
import { badInput } from '../../errors.js';
import { Evidence, FactPropertyEnum, PartialDate, SourceRef } from '../common/common.types.js';
import type { EntityRow, FactRow } from '../entity/entity.repository.js';
import { EntityTypeRefs } from '../entity/entity.refs.js';
import { TreatyStatusEnum } from '../relationship/relationship.types.js';
import {
  type SourceTableRow,
  type StateEdge,
  type StateRow,
  type StatesKey,
  type StatesRow,
  sourceTables,
  statesAt,
  statusCountsAt,
  type StatusCountKey,
  type StatusCountRow,
  type TreatyStatusFilter,
} from './treaty.repository.js';

/** One loader per request (keyed by its context), batching every treaty and date asked. */
const loaders = new WeakMap<object, DataLoader<StatusCountKey, StatusCountRow, string>>();
function statusLoader(ctx: Context) {
  let loader = loaders.get(ctx);
  if (!loader) {
    loader = new DataLoader<StatusCountKey, StatusCountRow, string>(
      async (keys) => {
        const rows = await statusCountsAt(ctx.cypher, keys);
        const byKey = new Map(rows.map((r) => [`${r.treatyId}|${r.at ?? ''}`, r]));
        return keys.map(
          (k) =>
            byKey.get(`${k.treatyId}|${k.at ?? ''}`) ?? {
              treatyId: k.treatyId,
              at: k.at,
              signed: 0,
              ratified: 0,
              inForce: 0,
              participants: 0,
            },
        );
      },
      { cacheKeyFn: (k) => `${k.treatyId}|${k.at ?? ''}` },
    );
    loaders.set(ctx, loader);
  }
  return loader;
}

/** The `at` field of every figure counted at a date. */
const countedAt = {
  type: PartialDate,
  nullable: true,
  description: 'The date counted at; null counts every relationship.',
  resolve: (r: { at: string | null }) => r.at,
} as const;

const TreatyStatusCounts = builder.objectRef<StatusCountRow>('TreatyStatusCounts').implement({
  description:
    "How many states had signed, ratified and were bound by a treaty at a date, derived from the graph's SIGNED and RATIFIED relationships (all sources together, each state counted once).",
  fields: (t) => ({
    at: t.field(countedAt),
    signed: t.exposeInt('signed', { description: 'States with a signature on or before the date.' }),
    ratified: t.exposeInt('ratified', {
      description:
        'States that ratified, accepted or acceded on or before the date (by the ratification date; else the entry into force; else the as-of date of a source that lists parties without dates).',
    }),
    inForce: t.exposeInt('inForce', { description: 'States for which the treaty had entered into force on or before the date.' }),
    signedNotRatified: t.int({
      description: 'States that had signed but not (yet) ratified at the date.',
      resolve: (r) => r.participants - r.ratified,
    }),
    participants: t.exposeInt('participants', { description: 'States that had signed or ratified at the date.' }),
  }),
});

interface ReportedShape {
  fact: FactRow;
  derived: StatusCountRow;
}

const REPORTED_PROPERTIES = ['signatoryCount', 'ratificationCount', 'signedNotRatifiedCount'] as const;
type ReportedProperty = (typeof REPORTED_PROPERTIES)[number];

function derivedValue(property: ReportedProperty, row: StatusCountRow): number {
  if (property === 'signatoryCount') return row.signed;
  if (property === 'ratificationCount') return row.ratified;
  return row.participants - row.ratified;
}

const ReportedTreatyCount = builder.objectRef<ReportedShape>('ReportedTreatyCount').implement({
  description:
    "A count a source reports about a treaty, beside the same count derived from the graph's relationships at the source's as-of date (or over every relationship when the source gives no date).",
  fields: (t) => ({
    property: t.field({
      type: FactPropertyEnum,
      description: 'signatoryCount, ratificationCount or signedNotRatifiedCount.',
      resolve: (r) => r.fact.property,
    }),
    reported: t.int({ description: 'The figure the source reports.', resolve: (r) => Number(r.fact.value) }),
    asOf: t.field({
      type: PartialDate,
      nullable: true,
      description: 'The date the source reports the figure for.',
      resolve: (r) => r.fact.asOf,
    }),
    evidence: t.field({ type: Evidence, description: 'The source and its words.', resolve: (r) => r.fact }),
    derivedAt: t.field({
      type: PartialDate,
      nullable: true,
      description: "The date the derived figure is counted at: the source's as-of date; null (every relationship) when it gives none.",
      resolve: (r) => r.derived.at,
    }),
    derived: t.int({
      description: "The same count derived from the graph's SIGNED/RATIFIED relationships at derivedAt.",
      resolve: (r) => derivedValue(r.fact.property as ReportedProperty, r.derived),
    }),
    difference: t.int({
      description: 'reported - derived: positive when the graph holds fewer states than the source counts (its coverage is incomplete).',
      resolve: (r) => Number(r.fact.value) - derivedValue(r.fact.property as ReportedProperty, r.derived),
    }),
    agrees: t.boolean({
      description: 'Whether the derived figure equals the reported one.',
      resolve: (r) => Number(r.fact.value) === derivedValue(r.fact.property as ReportedProperty, r.derived),
    }),
    coverage: t.float({
      nullable: true,
      description: 'derived / reported (1 = the graph holds as many states as the source counts); null when the source reports 0.',
      resolve: (r) => {
        const reported = Number(r.fact.value);
        return reported === 0 ? null : Math.round((derivedValue(r.fact.property as ReportedProperty, r.derived) / reported) * 1000) / 1000;
      },
    }),
  }),
});

builder.objectFields(EntityTypeRefs.Treaty, (t) => ({
  statusCounts: t.field({
    type: TreatyStatusCounts,
    description:
      'How many states had signed, ratified and were bound at a date (YYYY, YYYY-MM or YYYY-MM-DD; a year or month includes all its days), derived from the relationships. Without `at`, every relationship counts.',
    args: { at: t.arg({ type: PartialDate, required: false, description: 'The date to count at.' }) },
    resolve: (treaty: EntityRow, args, ctx) => {
      const at = (args.at as string | null | undefined) ?? null;
      if (at !== null && !PARTIAL_DATE_PATTERN.test(at)) throw badInput('at', 'must be YYYY, YYYY-MM or YYYY-MM-DD');
      return statusLoader(ctx).load({ treatyId: treaty.id, at });
    },
  }),
  reportedCounts: t.field({
    type: [ReportedTreatyCount],
    description:
      "Every signature/ratification count a source reports, each beside the count derived from the graph at the source's as-of date: where a reported count and the chart agree or differ, and how much of it the graph covers.",
    resolve: async (treaty: EntityRow, _args, ctx) => {
      const facts = ((await ctx.loaders.facts.load(treaty.id)) as FactRow[]).filter((f) =>
        (REPORTED_PROPERTIES as readonly string[]).includes(f.property),
      );
      const derived = await statusLoader(ctx).loadMany(facts.map((f) => ({ treatyId: treaty.id, at: f.asOf ?? null })));
      return facts
        .map((fact, i) => {
          const row = derived[i];
          if (row instanceof Error) throw row;
          return { fact, derived: row! }; // loadMany answers one entry per key
        })
        .sort((a, b) => (a.fact.asOf ?? '').localeCompare(b.fact.asOf ?? '') || a.fact.property.localeCompare(b.fact.property));
    },
  }),
}));

/** One loader per request for the distinct states of a treaty (by treaty, date and status). */
const statesLoaders = new WeakMap<object, DataLoader<StatesKey, StatesRow, string>>();
const statesKey = (k: StatesKey) => `${k.treatyId}|${k.at ?? ''}|${k.status}`;
function statesLoader(ctx: Context) {
  let loader = statesLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader<StatesKey, StatesRow, string>(
      async (keys) => {
        const rows = await statesAt(ctx.cypher, keys);
        const byKey = new Map(rows.map((r) => [statesKey(r), r]));
        return keys.map((k) => byKey.get(statesKey(k)) ?? { ...k, states: [] });
      },
      { cacheKeyFn: statesKey },
    );
    statesLoaders.set(ctx, loader);
  }
  return loader;
}

const sourceTableLoaders = new WeakMap<object, DataLoader<string, SourceTableRow[]>>();
function sourceTableLoader(ctx: Context) {
  let loader = sourceTableLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader<string, SourceTableRow[]>(async (ids) => {
      const rows = await sourceTables(ctx.cypher, ids);
      return ids.map((id) => rows.filter((r) => r.treatyId === id));
    });
    sourceTableLoaders.set(ctx, loader);
  }
  return loader;
}

const dateOf = (e: StateEdge) => (e.props.date as string | undefined) ?? null;
const distinctSorted = (values: Array<string | null | undefined>) =>
  [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))].sort();
/** The earliest date, preferring full dates: "2019" from a list of parties never beats 2019-03-05. */
const earliest = (values: string[]) => {
  const longest = Math.max(0, ...values.map((v) => v.length));
  return values.filter((v) => v.length === longest).sort()[0] ?? null;
};

const TreatyStatusEvidence = builder.objectRef<StateEdge>('TreatyStatusEvidence').implement({
  description: 'One SIGNED or RATIFIED relationship of a state, as one source states it (sources are never merged).',
  fields: (t) => ({
    type: t.string({ description: 'SIGNED or RATIFIED.', resolve: (e) => e.type }),
    date: t.field({
      type: PartialDate,
      nullable: true,
      description: 'The signature or ratification/accession date this source gives.',
      resolve: dateOf,
    }),
    entryIntoForce: t.field({
      type: PartialDate,
      nullable: true,
      description: 'The entry into force for the state, if this source gives it.',
      resolve: (e) => (e.props.entryIntoForce as string | undefined) ?? null,
    }),
    method: t.string({
      nullable: true,
      description: 'ratification, accession, ... as this source states it.',
      resolve: (e) => (e.props.method as string | undefined) ?? null,
    }),
    coeMember: t.boolean({
      nullable: true,
      description: 'Whether this source lists the state among the member States of the Council of Europe (null: it does not say).',
      resolve: (e) => (e.props.coeMember === 'yes' ? true : e.props.coeMember === 'no' ? false : null),
    }),
    evidence: t.field({ type: Evidence, description: 'The source (with its URL), its words and its as-of date.', resolve: (e) => e.props }),
  }),
});

const TreatyState = builder.objectRef<StateRow>('TreatyState').implement({
  description:
    'A state taking part in a treaty, listed once, with every source that states its signature or ratification. The dates are the earliest any source gives; where sources disagree, every date stays in signatureDates / ratificationDates and in evidence.',
  fields: (t) => ({
    state: t.field({ type: EntityTypeRefs.Actor, description: 'The state.', resolve: (r) => r.node }),
    status: t.field({
      type: TreatyStatusEnum,
      description: 'RATIFIED when any source shows a ratification, accession or entry into force (by the date asked); else SIGNED.',
      resolve: (r) => (r.edges.some((e) => e.type === 'RATIFIED') ? 'RATIFIED' : 'SIGNED'),
    }),
    signatureDate: t.field({
      type: PartialDate,
      nullable: true,
      description: 'The earliest signature date a source gives.',
      resolve: (r) => earliest(distinctSorted(r.edges.filter((e) => e.type === 'SIGNED').map(dateOf))),
    }),
    ratificationDate: t.field({
      type: PartialDate,
      nullable: true,
      description:
        'The earliest ratification, acceptance or accession date a source gives (null when the sources give only the entry into force).',
      resolve: (r) => earliest(distinctSorted(r.edges.filter((e) => e.type === 'RATIFIED').map(dateOf))),
    }),
    entryIntoForce: t.field({
      type: PartialDate,
      nullable: true,
      description: 'The earliest entry into force for the state a source gives.',
      resolve: (r) => earliest(distinctSorted(r.edges.map((e) => e.props.entryIntoForce as string | undefined))),
    }),
    method: t.string({
      nullable: true,
      description:
        'How the state became bound (ratification, accession, ...), as the sources state it; several joined by " / " when they differ.',
      resolve: (r) => distinctSorted(r.edges.map((e) => e.props.method as string | undefined)).join(' / ') || null,
    }),
    coeMember: t.boolean({
      nullable: true,
      description: 'Whether a source lists the state among the member States of the Council of Europe (null: no source says).',
      resolve: (r) => {
        const flags = distinctSorted(r.edges.map((e) => e.props.coeMember as string | undefined));
        return flags.includes('yes') ? true : flags.includes('no') ? false : null;
      },
    }),
    signatureDates: t.field({
      type: [PartialDate],
      description: 'Every distinct signature date the sources give.',
      resolve: (r) => distinctSorted(r.edges.filter((e) => e.type === 'SIGNED').map(dateOf)),
    }),
    ratificationDates: t.field({
      type: [PartialDate],
      description: 'Every distinct ratification/accession date the sources give.',
      resolve: (r) => distinctSorted(r.edges.filter((e) => e.type === 'RATIFIED').map(dateOf)),
    }),
    sourcesAgree: t.boolean({
      description: 'False when two sources give different signature, ratification or entry-into-force dates for this state.',
      resolve: (r) =>
        (['SIGNED', 'RATIFIED'] as const).every((type) => distinctSorted(r.edges.filter((e) => e.type === type).map(dateOf)).length <= 1) &&
        distinctSorted(r.edges.map((e) => e.props.entryIntoForce as string | undefined)).length <= 1,
    }),
    evidence: t.field({
      type: [TreatyStatusEvidence],
      description: 'Every relationship behind this entry, one per source and status, each with its source URL and as-of date.',
      resolve: (r) => r.edges,
    }),
  }),
});

const TreatyStates = builder.objectRef<StatesRow>('TreatyStates').implement({
  description:
    'The distinct states taking part in a treaty at a date: each state once, whatever the number of sources. totalCount equals the matching figure of statusCounts(at:).',
  fields: (t) => ({
    at: t.field(countedAt),
    status: t.field({ type: TreatyStatusEnum, description: 'The status asked for.', resolve: (r) => r.status }),
    totalCount: t.int({ description: 'How many distinct states match.', resolve: (r) => r.states.length }),
    items: t.field({ type: [TreatyState], description: 'The states, by name.', resolve: (r) => r.states }),
  }),
});

const TreatySourceTable = builder.objectRef<SourceTableRow>('TreatySourceTable').implement({
  description:
    "How many states one source's table names for a treaty (each state once), as of the source's date: the coverage of each table.",
  fields: (t) => ({
    source: t.field({
      type: SourceRef,
      description: 'The source (chart, treaty database, news page, document).',
      resolve: async (r, _args, ctx) => {
        const source = await ctx.loaders.source.load(r.source);
        if (!source) throw new Error(`A relationship cites a missing source ${r.source}`);
        return source;
      },
    }),
    sourceSlug: t.exposeString('source', { description: 'The stable id of the source.' }),
    asOf: t.field({ type: PartialDate, nullable: true, description: 'The date the source reports status for.', resolve: (r) => r.asOf }),
    signed: t.exposeInt('signed', { description: 'States with a signature from this source.' }),
    ratified: t.exposeInt('ratified', { description: 'States with a ratification, accession or entry into force from this source.' }),
    states: t.exposeInt('states', { description: 'States this source names at all.' }),
  }),
});

builder.objectFields(EntityTypeRefs.Treaty, (t) => ({
  states: t.field({
    type: TreatyStates,
    description:
      'The distinct states that had signed, ratified or either (status) by a date, each listed once with the evidence of every source. Unlike `parties`, which has one relationship per state AND source, totalCount here counts states: it equals statusCounts(at:).signed / .ratified / .participants.',
    args: {
      status: t.arg({ type: TreatyStatusEnum, required: false, defaultValue: 'ANY', description: 'Signed, ratified or either.' }),
      at: t.arg({
        type: PartialDate,
        required: false,
        description: 'Count at this date (YYYY, YYYY-MM or YYYY-MM-DD); every relationship when omitted.',
      }),
    },
    resolve: (treaty: EntityRow, args, ctx) => {
      const at = (args.at as string | null | undefined) ?? null;
      if (at !== null && !PARTIAL_DATE_PATTERN.test(at)) throw badInput('at', 'must be YYYY, YYYY-MM or YYYY-MM-DD');
      const status = ((args.status as string | null | undefined) ?? 'ANY') as TreatyStatusFilter;
      return statesLoader(ctx).load({ treatyId: treaty.id, at, status });
    },
  }),
  statusSources: t.field({
    type: [TreatySourceTable],
    description:
      "Every source that states signatures or ratifications of this treaty, with how many states its table holds as of its date: the coverage of each source, beside reportedCounts' figures.",
    resolve: (treaty: EntityRow, _args, ctx) => sourceTableLoader(ctx).load(treaty.id),
  }),
}));
