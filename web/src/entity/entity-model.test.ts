import { describe, expect, it } from 'vitest';
import type { Evidence } from '../api/types';
import { documentEvidence, NO_PROPERTIES } from '../lib/test-fixtures';
import { aliasLanguages, groupFacts, groupRelationships, propertyName } from './entity-model';
import type { RelationshipRow } from './operations';

const doc000 = documentEvidence('EU Cyber Direct dengan Brazil, China, India, Japan, Korea Selatan', 'Document 000');
const eunity: Evidence = { ...doc000, excerpt: 'EUNITY bersama Jepang' };
const english: Evidence = {
  ...doc000,
  excerpt: 'Japan and the EU',
  sourceSlug: 'ref',
  source: { ...doc000.source, slug: 'ref', language: 'EN' },
};

const edge = (type: string, direction: 'IN' | 'OUT', slug: string, evidence: Evidence, role: string | null = null): RelationshipRow => ({
  type,
  direction,
  node: { __typename: 'Programme', slug, name: slug.toUpperCase(), kind: 'PROGRAMME' },
  ...NO_PROPERTIES,
  role,
  evidence,
});

describe('an entity page groups relationships by type and direction', () => {
  it('puts outgoing and incoming of the same type in separate groups, biggest first', () => {
    const groups = groupRelationships([
      edge('PARTNER_IN', 'OUT', 'eunity', eunity, 'partner country'),
      edge('PARTNER_IN', 'OUT', 'eu-cyber-direct', doc000, 'partner country'),
      edge('MEMBER_OF', 'IN', 'x', english),
    ]);
    expect(groups.map((g) => g.title)).toEqual(['partner in →', '← member of']);
    expect(groups[0]!.rows.map((r) => r.node.slug)).toEqual(['eu-cyber-direct', 'eunity']);
    expect(groups[0]!.rows[0]!.details).toEqual(['partner country']);
  });

  it('keeps the same fact from two sources as one row with both pieces of evidence', () => {
    const [group] = groupRelationships([edge('PARTNER_IN', 'OUT', 'eunity', eunity), edge('PARTNER_IN', 'OUT', 'eunity', english)]);
    expect(group!.rows).toHaveLength(1);
    expect(group!.rows[0]!.evidence.map((e) => e.sourceSlug)).toEqual(['doc-000', 'ref']);
  });
});

describe('facts show every claim, conflicting ones side by side', () => {
  it('flags a property whose sources disagree', () => {
    const groups = groupFacts([
      { property: 'ratificationCount', value: '65', count: 65, date: null, evidence: doc000 },
      { property: 'ratificationCount', value: '68', count: 68, date: null, evidence: english },
      { property: 'openedForSignature', value: '2001-11-23', count: null, date: '2001-11-23', evidence: english },
    ]);
    expect(groups.map((g) => [g.property, g.claims.length, g.conflicting])).toEqual([
      ['ratificationCount', 2, true],
      ['openedForSignature', 1, false],
    ]);
    expect(propertyName('openedForSignature')).toBe('opened for signature');
  });
});

describe('aliases carry the language of the sources that use them', () => {
  it('finds Indonesian spellings in Indonesian excerpts and mentions, whole words only', () => {
    const result = aliasLanguages(
      ['Japan', 'Jepang', 'Nippon'],
      [doc000, eunity, english],
      [{ start: 0, end: 6, matched: 'Jepang', node: { slug: 'doc-003', title: 'Doc 3', language: 'ID' } }],
    );
    expect(result).toEqual([
      { alias: 'Japan', languages: ['EN', 'ID'] },
      { alias: 'Jepang', languages: ['ID'] },
      { alias: 'Nippon', languages: [] },
    ]);
    expect(aliasLanguages(['EU'], [{ ...english, excerpt: 'EUNITY is new' }], [])[0]!.languages).toEqual([]);
  });
});
