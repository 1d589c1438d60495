/**
 * The treaty-chart importer (scripts/treaty-chart.ts): a chart pasted as the treaty office prints
 * it becomes SIGNED/RATIFIED entries citing the chart, with its status date as asOf.
 */
import { describe, expect, it } from 'vitest';
import { chartEntries, parseChart, ChartError } from '../../scripts/treaty-chart.js';

const header = `source: test-chart
treaty: budapest-convention
title: "Chart of signatures and ratifications of Treaty 185"
url: https://www.coe.int/en/web/conventions/full-list
publisher: Council of Europe Treaty Office
asOf: 2015-12-03
`;

const index = {
  byName: new Map([
    ['czechia', 'czechia'],
    ['czech republic', 'czechia'],
    ['albania', 'albania'],
  ]),
};

describe('the treaty-chart importer', () => {
  it('when a Council of Europe chart row has three dates, then they are the signature, the ratification and the entry into force', () => {
    const chart = parseChart(
      `${header}rows:\n| Albania | 23/11/2001 | 20/06/2002 | 01/07/2004 | A. |\n| Andorra | 23/04/2013 |\n| Azerbaijan | | | R. |\n`,
    );
    expect(chart.rows.map((r) => [r.name, r.signature, r.ratification, r.entryIntoForce])).toEqual([
      ['Albania', '2001-11-23', '2002-06-20', '2004-07-01'],
      ['Andorra', '2013-04-23', undefined, undefined],
    ]);
    const entries = chartEntries(chart, index);
    expect(entries.relationships).toContainEqual({
      type: 'RATIFIED',
      from: 'albania',
      to: 'budapest-convention',
      properties: { date: '2002-06-20', method: 'ratification', entryIntoForce: '2004-07-01' },
      source: 'test-chart',
      excerpt: 'Albania | 23/11/2001 | 20/06/2002 | 01/07/2004 | A.',
      asOf: '2015-12-03',
    });
    expect(entries.source).toMatchObject({
      id: 'test-chart',
      kind: 'reference',
      url: 'https://www.coe.int/en/web/conventions/full-list',
      published: '2015-12-03',
    });
    expect(entries.newStates).toEqual([{ id: 'andorra', name: 'Andorra' }]);
  });

  it('when a verdragen.nl row marks its ratification (A), then that date is an accession and the next one the entry into force', () => {
    const chart = parseChart(
      `${header}columns: marked\nrows:\nCroatia 02-03-2023 (A) 22-03-2023\nJapan 12-05-2022 10-08-2023 (R)\nCzech Republic 20-06-2024\n`,
    );
    expect(chart.rows.map((r) => [r.name, r.signature, r.ratification, r.method, r.entryIntoForce])).toEqual([
      ['Croatia', undefined, '2023-03-02', 'accession', '2023-03-22'],
      ['Japan', '2022-05-12', '2023-08-10', 'ratification', undefined],
      ['Czech Republic', '2024-06-20', undefined, undefined, undefined],
    ]);
    expect(chartEntries(chart, index).relationships.find((r) => r.from === 'czechia')).toMatchObject({
      type: 'SIGNED',
      properties: { date: '2024-06-20' },
    });
  });

  it('when a row is printed in another language, then the English name resolves the state and the printed row stays the excerpt', () => {
    const chart = parseChart(`${header}columns: entryIntoForce\nlanguage: nl\nrows:\n@Albania: Albanië | 01-07-2004 | |\n`);
    const [edge] = chartEntries(chart, index).relationships;
    expect(edge).toMatchObject({
      type: 'RATIFIED',
      from: 'albania',
      properties: { entryIntoForce: '2004-07-01' },
      excerpt: 'Albanië | 01-07-2004',
    });
  });

  it('when a row prints two-digit years (the Tractatenblad), then they are read as 20yy', () => {
    const chart = parseChart(`${header}language: nl\nrows:\n@Lithuania: Litouwen | 23-06-03 | 18-03-04 | R | 01-07-04\n`);
    expect(chart.rows[0]).toMatchObject({ signature: '2003-06-23', ratification: '2004-03-18', entryIntoForce: '2004-07-01' });
  });

  it('when the header lacks the as-of date or a date is impossible, then the chart is refused', () => {
    expect(() => parseChart(`${header.replace(/asOf.*\n/, '')}rows:\n`)).toThrow(ChartError);
    expect(() => parseChart(`${header}rows:\nAlbania 31/13/2001\n`)).toThrow(/not a date/);
  });
});
