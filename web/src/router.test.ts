import { describe, expect, it } from 'vitest';
import { formatRoute, listParam, parseRoute } from './router';

describe('the URL carries each view and its settings', () => {
  it('reads the view, the slug and the parameters from the hash', () => {
    expect(parseRoute('#/entity/japan')).toEqual({ view: 'entity', slug: 'japan', params: {} });
    expect(parseRoute('#/paths?from=Brazil&to=Japan&max=4')).toEqual({ view: 'paths', params: { from: 'Brazil', to: 'Japan', max: '4' } });
  });

  it('falls back to search for an empty or unknown hash', () => {
    expect(parseRoute('')).toEqual({ view: 'search', params: {} });
    expect(parseRoute('#/nowhere/x').view).toBe('search');
  });

  it('writes routes that read back the same, with parameters in a stable order', () => {
    const route = { view: 'graph' as const, slug: 'eu-cyber-direct', params: { rels: 'PARTNER_IN,RUNS', depth: '2' } };
    const hash = formatRoute(route);
    expect(hash).toBe('#/graph/eu-cyber-direct?depth=2&rels=PARTNER_IN%2CRUNS');
    expect(parseRoute(hash)).toEqual(route);
    expect(listParam(parseRoute(hash).params.rels)).toEqual(['PARTNER_IN', 'RUNS']);
  });

  it('drops empty parameters and keeps text with spaces and accents', () => {
    const hash = formatRoute({ view: 'search', params: { q: 'Uni Eropa', kinds: '' } });
    expect(parseRoute(hash).params).toEqual({ q: 'Uni Eropa' });
  });
});
