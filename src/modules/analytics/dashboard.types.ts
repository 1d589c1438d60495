/**
 * `dashboard`: summary figures (nodes per label, relationships grouped by any keys, the timeline
 * and its counts per period, evidence coverage). Counting happens in the database
 * (dashboard.repository.ts); dashboard.service.ts spells and fills the answers.
 */
import { builder } from '../../builder.js';
import type { NodeLabel, RelationshipType } from '../../domain/model.js';
import { badInput } from '../../errors.js';
import { EntityLabelEnum, Evidence, LanguageEnum, PartialDate, RelationshipTypeEnum, SourceRef } from '../common/common.types.js';
import { EntityRef } from '../entity/entity.refs.js';
import { countNodesByLabel } from '../graph/graph.repository.js';
import { LabelCountRef } from '../graph/graph.types.js';
import { typesOrAll } from './analytics.repository.js';
import { bounded } from './analytics.fields.js';
import { GROUP_KEYS, evidenceCoverage, timeline, type CoverageRow, type GroupKey, type TimelineRow } from './dashboard.repository.js';
import { groupCounts, timelinePeriods, type GroupCountShape } from './dashboard.service.js';

const GroupKeyEnum = builder.enumType('GroupKey', {
  description: 'What to group relationships by (start = the node the relationship points from).',
  values: Object.fromEntries(Object.keys(GROUP_KEYS).map((k) => [k, { value: k }])) as Record<string, { value: string }>,
});

const GroupKeyValue = builder.objectRef<{ key: GroupKey; value: string | null }>('GroupKeyValue').implement({
  description: 'One key of a group, by name: e.g. { key: START_KIND, value: "STATE" }.',
  fields: (t) => ({
    key: t.field({ type: GroupKeyEnum, description: 'Which key.', resolve: (k) => k.key }),
    value: t.string({ nullable: true, description: 'Its value (null when absent, e.g. no region).', resolve: (k) => k.value }),
  }),
});

const GroupCount = builder.objectRef<GroupCountShape>('GroupCount').implement({
  description:
    'One group and its number of relationships. Kinds, labels, types and languages are spelled as their enums (STATE, Actor, PARTNER_IN, EN), as in the CSV export.',
  fields: (t) => ({
    keys: t.field({
      type: ['String'],
      nullable: { list: false, items: true },
      description: "The group's key values, in groupBy order (null when absent, e.g. no region).",
      resolve: (g) => g.keys,
    }),
    values: t.field({
      type: [GroupKeyValue],
      description: 'The same values by name, so a client needs no positions.',
      resolve: (g) => g.by.map((key, i) => ({ key, value: g.keys[i] ?? null })),
    }),
    value: t.string({
      nullable: true,
      description: 'The value of one key (null when the group has no such key, or it is absent).',
      args: { key: t.arg({ type: GroupKeyEnum, required: true, description: 'Which key.' }) },
      resolve: (g, args) => {
        const i = g.by.indexOf(args.key as GroupKey);
        return i === -1 ? null : g.keys[i];
      },
    }),
    count: t.int({ description: 'Relationships in the group.', resolve: (g) => g.count }),
  }),
});

const TimelineItem = builder.objectRef<TimelineRow>('TimelineItem').implement({
  description: "A dated item: a node's headline date, or a dated relationship (a signature, an adoption, a start).",
  fields: (t) => ({
    date: t.field({ type: PartialDate, description: 'The date, as precise as the source gives it.', resolve: (i) => i.date }),
    node: t.field({
      type: EntityRef,
      description: 'The dated node (the treaty signed, the instrument adopted, the event held).',
      resolve: (i) => i.node,
    }),
    relationshipType: t.field({
      type: RelationshipTypeEnum,
      nullable: true,
      description: 'For dated relationships: the type.',
      resolve: (i) => i.rel?.type ?? null,
    }),
    actor: t.field({
      type: EntityRef,
      nullable: true,
      description: 'For dated relationships: who (the start node).',
      resolve: (i) => i.other,
    }),
    evidence: t.field({
      type: Evidence,
      nullable: true,
      description: 'For dated relationships: the evidence.',
      resolve: (i) => i.rel?.props ?? null,
    }),
  }),
});

const PeriodCount = builder.objectRef<{ period: string; count: number }>('PeriodCount').implement({
  description: 'How many dated items fall in a period.',
  fields: (t) => ({
    period: t.exposeString('period', { description: 'The year (YYYY) or month (YYYY-MM).' }),
    count: t.exposeInt('count', { description: 'Items in it.' }),
  }),
});

const GranularityEnum = builder.enumType('Granularity', {
  description: 'Period size for timeline counts.',
  values: { YEAR: { value: 4 }, MONTH: { value: 7 } } as const,
});

const SourceCount = builder.objectRef<{ source: string | null; language: string | null; count: number }>('SourceCount').implement({
  description: 'How many facts cite one source.',
  fields: (t) => ({
    source: t.field({
      type: SourceRef,
      nullable: true,
      description: 'The source (null for facts citing none: should never happen).',
      resolve: (s, _a, ctx) => (s.source ? ctx.loaders.source.load(s.source) : null),
    }),
    sourceSlug: t.string({ nullable: true, description: 'Its slug.', resolve: (s) => s.source }),
    count: t.exposeInt('count', { description: 'Facts citing it.' }),
  }),
});

const LanguageCount = builder.objectRef<{ language: string | null; count: number }>('LanguageCount').implement({
  description: 'How many facts cite sources in one language.',
  fields: (t) => ({
    language: t.field({
      type: LanguageEnum,
      nullable: true,
      description: 'The language.',
      resolve: (l) => l.language as 'en' | 'id' | null,
    }),
    count: t.exposeInt('count', { description: 'Facts.' }),
  }),
});

const EvidenceCoverage = builder.objectRef<CoverageRow>('EvidenceCoverage').implement({
  description: "How well the graph's facts are sourced.",
  fields: (t) => ({
    facts: t.exposeInt('total', { description: 'All relationships, attested values and mentions.' }),
    withEvidence: t.exposeInt('withEvidence', { description: 'Those with a source and an excerpt.' }),
    withoutEvidence: t.int({ description: 'Those missing either (should be zero).', resolve: (c) => c.total - c.withEvidence }),
    bySource: t.field({
      type: [SourceCount],
      description: 'Facts per source, most first.',
      resolve: (c) => c.bySource,
    }),
    byLanguage: t.field({
      type: [LanguageCount],
      description: 'Facts per source language.',
      resolve: (c) => c.byLanguage,
    }),
  }),
});

const Dashboard = builder.objectRef<Record<string, never>>('Dashboard').implement({
  description: 'Summary figures for dashboards: counts, group-by breakdowns, timelines, evidence coverage.',
  fields: (t) => ({
    id: t.id({
      description: 'Always "dashboard": there is one, so client caches (Apollo, urql) can normalise it.',
      resolve: () => 'dashboard',
    }),
    nodeCounts: t.field({
      type: [LabelCountRef],
      description: 'Nodes per label.',
      resolve: (_d, _a, ctx) => countNodesByLabel(ctx.cypher),
    }),
    relationshipCounts: t.field({
      type: [GroupCount],
      description: 'Relationships per type, most first (keys: [type]).',
      resolve: (_d, _a, ctx) =>
        groupCounts(ctx.cypher, { types: null, groupBy: ['TYPE'], startLabels: null, endLabels: null, orderByCount: true, limit: 100 }),
    }),
    groupCount: t.field({
      type: [GroupCount],
      description:
        'Relationships grouped by any keys, sorted by count (or by keys): e.g. partners per programme by partner kind (PARTNER_IN by [END_NODE, START_KIND]), treaty status counts ([SIGNED, RATIFIED] by [END_NODE, TYPE]), facts per source ([SOURCE]).',
      args: {
        relationshipTypes: t.arg({
          type: [RelationshipTypeEnum],
          required: false,
          description: 'Only these types (all domain types when omitted).',
        }),
        groupBy: t.arg({ type: [GroupKeyEnum], required: true, description: 'One to four keys.' }),
        startLabels: t.arg({ type: [EntityLabelEnum], required: false, description: 'Only relationships starting at these types.' }),
        endLabels: t.arg({ type: [EntityLabelEnum], required: false, description: 'Only relationships ending at these types.' }),
        sortByCount: t.arg.boolean({ required: false, defaultValue: true, description: 'Largest groups first (else by keys).' }),
        limit: t.arg.int({ required: false, defaultValue: 100, description: 'Most groups to return (1 to 1000).' }),
      },
      resolve: (_d, args, ctx) => {
        if (args.groupBy.length < 1 || args.groupBy.length > 4) throw badInput('groupBy', 'needs one to four keys');
        return groupCounts(ctx.cypher, {
          types: (args.relationshipTypes as RelationshipType[] | null) ?? null,
          groupBy: args.groupBy as GroupKey[],
          startLabels: (args.startLabels as NodeLabel[] | null) ?? null,
          endLabels: (args.endLabels as NodeLabel[] | null) ?? null,
          orderByCount: args.sortByCount ?? true,
          limit: bounded('limit', args.limit ?? 100, 1, 1000),
        });
      },
    }),
    timeline: t.field({
      type: [TimelineItem],
      description:
        'Dated nodes (instruments, treaties, events, programmes) and dated relationships (signatures, adoptions, drafting), in date order.',
      args: {
        labels: t.arg({ type: [EntityLabelEnum], required: false, description: 'Only these types of dated node.' }),
        relationshipTypes: t.arg({
          type: [RelationshipTypeEnum],
          required: false,
          description: 'Dated relationships of these types (all when omitted).',
        }),
        from: t.arg({ type: PartialDate, required: false, description: 'On or after.' }),
        to: t.arg({ type: PartialDate, required: false, description: 'On or before (a year includes all its dates).' }),
        limit: t.arg.int({ required: false, defaultValue: 500, description: 'Most items (1 to 5000).' }),
      },
      resolve: async (_d, args, ctx) => {
        const rows = await timeline(ctx.cypher, {
          labels: (args.labels as NodeLabel[] | null) ?? null,
          types: typesOrAll(args.relationshipTypes as RelationshipType[] | null),
          from: args.from ?? null,
          to: args.to ?? null,
          limit: bounded('limit', args.limit ?? 500, 1, 5000),
        });
        rows.forEach((r) => {
          ctx.loaders.primeEntity(r.node);
          if (r.other) ctx.loaders.primeEntity(r.other);
        });
        return rows;
      },
    }),
    timelineCounts: t.field({
      type: [PeriodCount],
      description: 'How many dated items fall in each year (or month).',
      args: {
        granularity: t.arg({
          type: GranularityEnum,
          required: false,
          defaultValue: 4,
          description: 'Years or months. Every period has this one granularity: by MONTH, items dated only by year are left out.',
        }),
        labels: t.arg({ type: [EntityLabelEnum], required: false, description: 'Only these types of dated node.' }),
        fillEmpty: t.arg.boolean({
          required: false,
          defaultValue: false,
          description: 'List every period from the first to the last, those without items with count 0 (for charts).',
        }),
      },
      resolve: (_d, args, ctx) =>
        timelinePeriods(ctx.cypher, {
          labels: (args.labels as NodeLabel[] | null) ?? null,
          width: (args.granularity as 4 | 7 | null) ?? 4,
          fillEmpty: args.fillEmpty ?? false,
        }),
    }),
    evidenceCoverage: t.field({
      type: EvidenceCoverage,
      description: 'How many facts cite a source with an excerpt, per source and language.',
      resolve: (_d, _a, ctx) => evidenceCoverage(ctx.cypher),
    }),
  }),
});

builder.queryField('dashboard', (t) =>
  t.field({ type: Dashboard, description: 'Summary figures for dashboards (cheap to poll; cached briefly).', resolve: () => ({}) }),
);
