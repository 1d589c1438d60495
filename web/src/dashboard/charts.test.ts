import { describe, expect, it } from 'vitest';
import {
  CHARTS,
  countsByType,
  evidenceByLanguage,
  evidenceBySource,
  programmePartnerships,
  timeline,
  toTime,
  treatyMilestones,
  treatyStatus,
} from './charts';

const treaties = {
  treaties: {
    nodes: [
      {
        slug: 'budapest-convention',
        name: 'Budapest Convention',
        facts: [
          {
            property: 'openedForSignature',
            value: '2001-11-23',
            count: null,
            date: '2001-11-23',
            evidence: { sourceSlug: 'coe-185', asOf: null },
          },
          { property: 'ratificationCount', value: '65', count: 65, date: null, evidence: { sourceSlug: 'doc-002', asOf: null } },
          { property: 'signatoryCount', value: '68', count: 68, date: null, evidence: { sourceSlug: 'doc-002', asOf: null } },
        ],
      },
      {
        slug: 'un-convention',
        name: 'UN Convention',
        facts: [{ property: 'adopted', value: '2024-12-24', count: null, date: '2024-12-24', evidence: { sourceSlug: 'un', asOf: null } }],
      },
    ],
  },
  dashboard: { groupCount: [] as Array<{ keys: string[]; count: number }> },
};

describe('dashboard charts map API answers to tables and chart options', () => {
  it('counts nodes by type, largest first, each bar in its type’s colour', () => {
    const table = countsByType.table({
      dashboard: {
        nodeCounts: [
          { label: 'Treaty', count: 4 },
          { label: 'Actor', count: 73 },
        ],
      },
    });
    expect(table.rows).toEqual([
      ['Actor', 73],
      ['Treaty', 4],
    ]);
    const option = countsByType.option(table) as any;
    expect(option.yAxis.data).toEqual(['Treaty', 'Actor']);
    expect(option.series[0].data.map((d: any) => d.itemStyle.color)).toEqual(['#009E73', '#0072B2']);
  });

  it('names programmes in the partnership chart', () => {
    const table = programmePartnerships.table({
      dashboard: { groupCount: [{ keys: ['eu-cyber-direct'], count: 9 }] },
      programmes: { nodes: [{ slug: 'eu-cyber-direct', name: 'EU Cyber Direct' }] },
    });
    expect(table.rows).toEqual([['EU Cyber Direct', 9]]);
  });

  it('takes treaty status from the reported counts when no parties are listed, and from party edges when they are', () => {
    expect(treatyStatus.table(treaties).rows).toEqual([['Budapest Convention', 68, 65, 'doc-002 doc-002']]);
    const listed = {
      ...treaties,
      dashboard: {
        groupCount: [
          { keys: ['budapest-convention', 'SIGNED'], count: 3 },
          { keys: ['budapest-convention', 'RATIFIED'], count: 2 },
        ],
      },
    };
    expect(treatyStatus.table(listed).rows).toEqual([['Budapest Convention', 3, 2, 'party relationships']]);
  });

  it('puts dated treaty steps on a time axis, oldest first', () => {
    const table = treatyMilestones.table(treaties);
    expect(table.rows).toEqual([
      ['Budapest Convention', 'opened for signature', '2001-11-23', 'coe-185'],
      ['UN Convention', 'adopted', '2024-12-24', 'un'],
    ]);
    const option = treatyMilestones.option(table) as any;
    expect(option.series.map((s: any) => s.name)).toEqual(['opened for signature', 'adopted']);
    expect(option.series[0].data[0]).toEqual([Date.UTC(2001, 10, 23), 'Budapest Convention']);
    expect(toTime('2021-05')).toBe(Date.UTC(2021, 4, 1));
  });

  it('shows the timeline and the evidence coverage by source and language', () => {
    expect(timeline.table({ dashboard: { timelineCounts: [{ period: '2019', count: 10 }] } }).rows).toEqual([['2019', 10]]);
    const coverage = {
      dashboard: {
        evidenceCoverage: {
          facts: 3,
          withEvidence: 3,
          withoutEvidence: 0,
          bySource: [{ sourceSlug: 'doc-000', count: 2, source: { title: 'Doc 0', language: 'ID' as const, kind: 'DOCUMENT' } }],
          byLanguage: [
            { language: 'ID' as const, count: 2 },
            { language: 'EN' as const, count: 1 },
          ],
        },
      },
    };
    expect(evidenceBySource.table(coverage).rows).toEqual([['Doc 0', 'ID', 2]]);
    expect((evidenceByLanguage.option(evidenceByLanguage.table(coverage)) as any).series[0].data).toEqual([
      { name: 'Indonesian (ID)', value: 2 },
      { name: 'English (EN)', value: 1 },
    ]);
  });

  it('gives every chart a named operation and decal patterns, so colour is not the only carrier', () => {
    for (const chart of CHARTS) {
      expect(chart.operation.name).toMatch(/^Dashboard/);
      expect((chart.option({ header: ['a', 'b'], rows: [] }) as any).aria.decal.show).toBe(true);
    }
  });
});
