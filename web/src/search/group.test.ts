import { describe, expect, it } from 'vitest';
import { groupByType, matchedAlias } from './group';
import type { SearchHit } from './operations';

const hit = (typename: SearchHit['node']['__typename'], name: string, score: number, aliases: string[] = []): SearchHit => ({
  score,
  node: { __typename: typename, slug: name.toLowerCase().replace(/ /g, '-'), name, kind: 'STATE', description: null, aliases },
});

describe('search results are grouped by type', () => {
  it('orders groups by their best hit and hits by score', () => {
    const groups = groupByType([hit('Programme', 'EUNITY', 2), hit('Actor', 'Japan', 5), hit('Programme', 'EU Cyber Direct', 3)]);
    expect(groups.map((g) => g.label)).toEqual(['Actor', 'Programme']);
    expect(groups[1]!.hits.map((h) => h.node.name)).toEqual(['EU Cyber Direct', 'EUNITY']);
  });

  it('names the alias that matched when the English name did not', () => {
    expect(matchedAlias(hit('Actor', 'Japan', 1, ['Jepang']), 'jepang')).toBe('Jepang');
    expect(matchedAlias(hit('Actor', 'Japan', 1, ['Jepang']), 'Japan')).toBeNull();
    expect(matchedAlias(hit('Actor', 'European Union', 1, ['Uni Eropa', 'EU']), 'uni eropa')).toBe('Uni Eropa');
  });
});
