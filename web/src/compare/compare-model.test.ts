import { describe, expect, it } from 'vitest';
import type { Evidence } from '../api/types';
import { groupRows, linkText } from './compare-model';
import type { ComparisonRow } from './operations';

const evidence: Evidence = {
  excerpt: 'x',
  asOf: null,
  sourceSlug: 'doc-000',
  source: { slug: 'doc-000', title: 'doc', language: 'ID', kind: 'DOCUMENT' },
};
const none = { role: null, since: null, date: null, forum: null, claim: null, category: null, context: null, paragraph: null };
const row = (category: string, slug: string, shared: boolean): ComparisonRow => ({
  category,
  shared,
  node: { __typename: category as ComparisonRow['node']['__typename'], slug, name: slug, kind: 'X' },
  cells: [],
});

describe('a comparison lists shared rows first', () => {
  it('puts shared rows in their own group, then the rest by category in the issue’s order', () => {
    const groups = groupRows([
      row('Topic', 'cyber', false),
      row('Treaty', 'budapest', false),
      row('Programme', 'eu-cyber-direct', true),
      row('Programme', 'eunity', false),
    ]);
    expect(groups.map((g) => [g.title, g.rows.map((r) => r.node.slug)])).toEqual([
      ['Shared by all', ['eu-cyber-direct']],
      ['Programmes', ['eunity']],
      ['Treaties', ['budapest']],
      ['Topics and priorities', ['cyber']],
    ]);
  });

  it('says each link in words, with status and date', () => {
    expect(linkText({ type: 'RATIFIED', direction: 'OUT', properties: { ...none, date: '2004-05-10' }, evidence })).toBe(
      'ratified (2004-05-10)',
    );
    expect(linkText({ type: 'PARTNER_IN', direction: 'OUT', properties: { ...none, role: 'partner country' }, evidence })).toBe(
      'partner in (partner country)',
    );
    expect(linkText({ type: 'MEMBER_OF', direction: 'IN', properties: none, evidence })).toBe('← member of');
  });
});
