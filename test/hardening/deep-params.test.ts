/**
 * Variables and extensions nested thousands deep (a 100 KB body holds 50,000 levels) are refused
 * with 400 BAD_REQUEST before any code walks them; a list nested 20,000 deep used to overflow the
 * stack of code that serialises variables and answer INTERNAL_SERVER_ERROR.
 */
import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers.js';

const app = testApp();
const post = (body: string) =>
  app.fetch('http://test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body });

describe('deeply nested variables and extensions', () => {
  it('when a list variable is nested 20,000 deep, then 400 BAD_REQUEST naming the limit', async () => {
    const response = await post(
      `{"query":"query($s: [String!]) { actors(first: 1, filter: {slugs: $s}) { totalCount } }","variables":{"s":${'['.repeat(20_000)}${']'.repeat(20_000)}}}`,
    );
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0].message).toContain('more than 64 deep');
  });

  it('when extensions are nested 10,000 deep (under the body limit), then 400 BAD_REQUEST', async () => {
    const response = await post(`{"query":"{ __typename }","extensions":{"x":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}}`);
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('when variables nest as ordinary inputs do, then the query runs', async () => {
    const response = await post(
      JSON.stringify({
        query: 'query($f: EntityFilter) { actors(first: 1, filter: $f) { totalCount } }',
        variables: { f: { slugs: ['japan'], hasRelationship: [{ type: 'PARTNER_IN', direction: 'OUT' }] } },
      }),
    );
    const body = await response.json();
    expect(body.errors).toBeUndefined();
    expect(body.data.actors.totalCount).toBe(1);
  });
});
