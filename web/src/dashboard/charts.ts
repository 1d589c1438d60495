/**
 * The dashboard's charts as data: for each, the operation that feeds it, a pure function from
 * the answer to a table (the CSV download and the accessible table), and a pure function from
 * the table to an ECharts option. ECharts draws; these arrange.
 */
import type { EChartsCoreOption } from 'echarts/core';
import type { Operation } from '../api/client';
import { labelStyle } from '../components/labels';
import { propertyName } from '../entity/entity-model';
import { CountsByType, DatedFactsTimeline, EvidenceCoverage, MostConnectedActors, ProgrammePartnerships, TreatyStatus } from './operations';

export interface Table {
  header: string[];
  rows: Array<Array<string | number | null>>;
}

export interface ChartSpec<TData = any> {
  id: string;
  title: string;
  note: string;
  operation: Operation<TData, Record<string, never>>;
  table: (data: TData) => Table;
  option: (table: Table) => EChartsCoreOption;
}

const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#7A7A7A', '#F0E442'];
const base = {
  color: PALETTE,
  aria: { enabled: true, decal: { show: true } },
  tooltip: { trigger: 'axis', confine: true },
  animation: false,
} as const;
const grid = { left: 8, right: 16, top: 24, bottom: 8, containLabel: true };

/** A horizontal bar chart of (name, value) rows, largest on top. */
function horizontalBars(table: Table, colours?: string[]): EChartsCoreOption {
  const rows = [...table.rows].reverse();
  return {
    ...base,
    grid,
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => String(r[0])), axisLabel: { width: 160, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        name: table.header[1],
        data: rows.map((r, i) => (colours ? { value: r[1], itemStyle: { color: colours[rows.length - 1 - i] } } : r[1])),
        label: { show: true, position: 'right' },
      },
    ],
  };
}

export const countsByType: ChartSpec<typeof CountsByType extends Operation<infer D, any> ? D : never> = {
  id: 'counts-by-type',
  title: 'Nodes by type',
  note: 'How many actors, treaties, norms, instruments, programmes, events, topics and sources the graph holds.',
  operation: CountsByType,
  table: (data) => ({
    header: ['type', 'count'],
    rows: [...data.dashboard.nodeCounts].sort((a, b) => b.count - a.count).map((r) => [r.label, r.count]),
  }),
  option: (table) =>
    horizontalBars(
      table,
      table.rows.map((r) => labelStyle(String(r[0])).colour),
    ),
};

export const programmePartnerships: ChartSpec<typeof ProgrammePartnerships extends Operation<infer D, any> ? D : never> = {
  id: 'programme-partnerships',
  title: 'Programme partnerships',
  note: 'Partners per programme or partnership (PARTNER_IN relationships).',
  operation: ProgrammePartnerships,
  table: (data) => {
    const names = new Map(data.programmes.nodes.map((p) => [p.slug, p.name]));
    return {
      header: ['programme', 'partners'],
      rows: data.dashboard.groupCount.map((g) => [names.get(String(g.keys[0])) ?? String(g.keys[0]), g.count]),
    };
  },
  option: (table) => horizontalBars(table),
};

export const treatyStatus: ChartSpec<typeof TreatyStatus extends Operation<infer D, any> ? D : never> = {
  id: 'treaty-status',
  title: 'Treaty status: signed vs ratified',
  note: 'Signatories and ratifications per treaty: party relationships where the graph lists parties, else the counts sources report (with their source).',
  operation: TreatyStatus,
  table: (data) => {
    const edges = new Map<string, { SIGNED: number; RATIFIED: number }>();
    for (const g of data.dashboard.groupCount) {
      const entry = edges.get(String(g.keys[0])) ?? { SIGNED: 0, RATIFIED: 0 };
      entry[g.keys[1] as 'SIGNED' | 'RATIFIED'] = g.count;
      edges.set(String(g.keys[0]), entry);
    }
    const rows: Table['rows'] = [];
    for (const treaty of data.treaties.nodes) {
      const fact = (property: string) => treaty.facts.find((f) => f.property === property && f.count !== null);
      const listed = edges.get(treaty.slug);
      const signed = listed?.SIGNED || fact('signatoryCount')?.count || null;
      const ratified = listed?.RATIFIED || fact('ratificationCount')?.count || null;
      if (signed === null && ratified === null) continue;
      const source = listed
        ? 'party relationships'
        : [fact('signatoryCount')?.evidence.sourceSlug, fact('ratificationCount')?.evidence.sourceSlug].filter(Boolean).join(' ');
      rows.push([treaty.name, signed, ratified, source]);
    }
    return { header: ['treaty', 'signatories', 'ratifications', 'source'], rows };
  },
  option: (table) => ({
    ...base,
    grid: { ...grid, top: 36 },
    legend: { top: 0 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: table.rows.map((r) => String(r[0])), axisLabel: { width: 160, overflow: 'truncate' } },
    series: [
      { type: 'bar', name: 'signatories', data: table.rows.map((r) => r[1]), label: { show: true, position: 'right' } },
      { type: 'bar', name: 'ratifications', data: table.rows.map((r) => r[2]), label: { show: true, position: 'right' } },
    ],
  }),
};

export const treatyMilestones: ChartSpec<typeof TreatyStatus extends Operation<infer D, any> ? D : never> = {
  id: 'treaty-milestones',
  title: 'Treaty status over time',
  note: 'Dated steps of each treaty (drafted, opened for signature, entered into force, ...) as their sources date them.',
  operation: TreatyStatus,
  table: (data) => ({
    header: ['treaty', 'step', 'date', 'source'],
    rows: data.treaties.nodes
      .flatMap((t) =>
        t.facts.filter((f) => f.date).map((f) => [t.name, propertyName(f.property), f.date, f.evidence.sourceSlug] as Array<string | null>),
      )
      .sort((a, b) => String(a[2]).localeCompare(String(b[2]))),
  }),
  option: (table) => {
    const treaties = [...new Set(table.rows.map((r) => String(r[0])))];
    const steps = [...new Set(table.rows.map((r) => String(r[1])))];
    const symbols = ['circle', 'rect', 'triangle', 'diamond', 'pin', 'arrow', 'roundRect'];
    return {
      ...base,
      tooltip: { trigger: 'item', confine: true },
      grid: { ...grid, top: 56 },
      legend: { top: 0, type: 'scroll' },
      xAxis: { type: 'time' },
      yAxis: { type: 'category', data: treaties, axisLabel: { width: 160, overflow: 'truncate' } },
      series: steps.map((step, i) => ({
        type: 'scatter',
        name: step,
        symbol: symbols[i % symbols.length],
        symbolSize: 12,
        data: table.rows.filter((r) => r[1] === step).map((r) => [toTime(String(r[2])), String(r[0])]),
      })),
    };
  },
};

export const timeline: ChartSpec<typeof DatedFactsTimeline extends Operation<infer D, any> ? D : never> = {
  id: 'timeline',
  title: 'Timeline of dated facts',
  note: 'Dated relationships and attested dates per year.',
  operation: DatedFactsTimeline,
  table: (data) => ({ header: ['year', 'dated facts'], rows: data.dashboard.timelineCounts.map((p) => [p.period, p.count]) }),
  option: (table) => ({
    ...base,
    grid,
    xAxis: { type: 'category', data: table.rows.map((r) => String(r[0])) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', name: 'dated facts', data: table.rows.map((r) => r[1]), label: { show: true, position: 'top' } }],
  }),
};

export const evidenceBySource: ChartSpec<typeof EvidenceCoverage extends Operation<infer D, any> ? D : never> = {
  id: 'evidence-by-source',
  title: 'Evidence coverage by source',
  note: 'Facts (relationships and attested properties) each source supports, with the source’s language: [ID] Indonesian, [EN] English.',
  operation: EvidenceCoverage,
  table: (data) => ({
    header: ['source', 'language', 'facts'],
    rows: data.dashboard.evidenceCoverage.bySource.map((s) => [
      s.source?.title ?? s.sourceSlug ?? 'no source',
      s.source?.language ?? null,
      s.count,
    ]),
  }),
  option: (table) =>
    horizontalBars(
      { header: ['source', 'facts'], rows: table.rows.map((r) => [`[${r[1] ?? '?'}] ${r[0]}`, r[2] ?? null]) },
      table.rows.map((r) => (r[1] === 'ID' ? '#D55E00' : '#0072B2')),
    ),
};

export const evidenceByLanguage: ChartSpec<typeof EvidenceCoverage extends Operation<infer D, any> ? D : never> = {
  id: 'evidence-by-language',
  title: 'Evidence coverage by language',
  note: 'Facts by the language of their source (EN English, ID Indonesian).',
  operation: EvidenceCoverage,
  table: (data) => ({
    header: ['language', 'facts'],
    rows: data.dashboard.evidenceCoverage.byLanguage.map((l) => [l.language ?? 'unknown', l.count]),
  }),
  option: (table) => ({
    ...base,
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['35%', '65%'],
        data: table.rows.map((r) => ({
          name: r[0] === 'ID' ? 'Indonesian (ID)' : r[0] === 'EN' ? 'English (EN)' : String(r[0]),
          value: r[1],
        })),
        label: { formatter: '{b}: {c}' },
      },
    ],
  }),
};

export const mostConnected: ChartSpec<typeof MostConnectedActors extends Operation<infer D, any> ? D : never> = {
  id: 'most-connected',
  title: 'Most connected actors',
  note: 'Actors by number of relationships of any type, both directions.',
  operation: MostConnectedActors,
  table: (data) => ({ header: ['actor', 'relationships'], rows: data.mostConnected.map((r) => [r.node.name, r.degree]) }),
  option: (table) => horizontalBars(table),
};

export const CHARTS: ChartSpec[] = [
  countsByType,
  programmePartnerships,
  treatyStatus,
  treatyMilestones,
  timeline,
  evidenceBySource,
  evidenceByLanguage,
  mostConnected,
];

/** "2001" -> Jan 1st 2001, "2021-05" -> May 1st 2021 (partial dates on a time axis). */
export function toTime(partial: string): number {
  const [y, m = '1', d = '1'] = partial.split('-');
  return Date.UTC(Number(y), Number(m) - 1, Number(d));
}
