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
import { Evidence, FactPropertyEnum, PartialDate } from '../common/common.types.js';
import type { EntityRow, FactRow } from '../entity/entity.repository.js';
import { EntityTypeRefs } from '../entity/entity.refs.js';
import { statusCountsAt, type StatusCountKey, type StatusCountRow } from './treaty.repository.js';

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

const TreatyStatusCounts = builder.objectRef<StatusCountRow>('TreatyStatusCounts').implement({
  description:
    "How many states had signed, ratified and were bound by a treaty at a date, derived from the graph's SIGNED and RATIFIED relationships (all sources together, each state counted once).",
  fields: (t) => ({
    at: t.field({
      type: PartialDate,
      nullable: true,
      description: 'The date counted at; null counts every relationship.',
      resolve: (r) => r.at,
    }),
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
          return { fact, derived: row };
        })
        .sort((a, b) => (a.fact.asOf ?? '').localeCompare(b.fact.asOf ?? '') || a.fact.property.localeCompare(b.fact.property));
    },
  }),
}));
