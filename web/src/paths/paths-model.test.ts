import { describe, expect, it } from 'vitest';
import type { EntityRef } from '../api/types';
import { documentEvidence, NO_PROPERTIES } from '../lib/test-fixtures';
import type { PathRow } from './operations';
import { drawPaths, hopSubjectObject, pathSentence } from './paths-model';

const node = (slug: string, name: string, typename: EntityRef['__typename'] = 'Actor'): EntityRef => ({
  __typename: typename,
  slug,
  name,
  kind: 'STATE',
});
const evidence = documentEvidence('x');
const properties = { ...NO_PROPERTIES, role: 'partner country' };
const brazil = node('brazil', 'Brazil');
const japan = node('japan', 'Japan');
const ecd = node('eu-cyber-direct', 'EU Cyber Direct', 'Programme');
const eu = node('eu', 'European Union');
const viaEcd: PathRow = {
  length: 2,
  nodes: [brazil, ecd, japan],
  hops: [
    { type: 'PARTNER_IN', direction: 'OUT', from: brazil, to: ecd, properties, evidence },
    { type: 'PARTNER_IN', direction: 'IN', from: ecd, to: japan, properties, evidence },
  ],
};
const viaEu: PathRow = {
  length: 2,
  nodes: [brazil, eu, japan],
  hops: [
    { type: 'COOPERATES_WITH', direction: 'OUT', from: brazil, to: eu, properties, evidence },
    { type: 'COOPERATES_WITH', direction: 'IN', from: eu, to: japan, properties, evidence },
  ],
};

describe('paths are drawn from left to right', () => {
  it('places each node in the column of its step, shared ends once, middle nodes stacked', () => {
    const { elements, positions } = drawPaths([viaEcd, viaEu], 200, 90);
    expect(elements.filter((e) => e.group === 'nodes').map((e) => e.data.id)).toEqual(['brazil', 'eu-cyber-direct', 'japan', 'eu']);
    expect(positions.brazil).toEqual({ x: 0, y: 0 });
    expect(positions.japan).toEqual({ x: 400, y: 0 });
    expect([positions['eu-cyber-direct']!.y, positions.eu!.y]).toEqual([-45, 45]);
    expect(elements.filter((e) => e.group === 'edges').map((e) => e.data.id)).toEqual([
      'brazil|PARTNER_IN|eu-cyber-direct',
      'japan|PARTNER_IN|eu-cyber-direct',
      'brazil|COOPERATES_WITH|eu',
      'japan|COOPERATES_WITH|eu',
    ]);
    expect(elements.find((e) => e.data.id === 'brazil')!.data).toMatchObject({ root: true });
  });

  it('reads each path as a sentence with the direction of every hop', () => {
    expect(pathSentence(viaEcd)).toBe('Brazil — partner in → EU Cyber Direct ← partner in — Japan');
    expect(hopSubjectObject(viaEcd.hops[1]!).map((n) => n.slug)).toEqual(['japan', 'eu-cyber-direct']);
  });
});
