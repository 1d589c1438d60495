/**
 * Limits belong to an app, not to the process: two apps built side by side with different
 * limits each enforce their own, whichever was created last, with requests interleaved.
 */
import { describe, expect, it } from 'vitest';
import { gql, testApp } from '../helpers.js';

const strict = testApp({ MAX_PAGE_SIZE: 5, MAX_QUERY_COMPLEXITY: 60, MAX_PATH_LENGTH: 2 });
const roomy = testApp({ MAX_PAGE_SIZE: 50, MAX_QUERY_COMPLEXITY: 20_000, MAX_PATH_LENGTH: 6 });

const codeOf = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => body.errors?.[0]?.extensions?.code;

describe('two apps with different limits in one process', () => {
  it('when both are asked for a page of 10 actors, then the strict one refuses it and the roomy one serves it', async () => {
    const query = '{ actors(first: 10) { nodes { slug } } }';
    const [fromStrict, fromRoomy] = await Promise.all([gql(strict, query), gql(roomy, query)]);
    expect(codeOf(fromStrict.body)).toBe('PAGE_SIZE_EXCEEDED');
    expect(fromStrict.body.errors?.[0]?.extensions?.maximum).toBe(5);
    expect(fromRoomy.body.errors).toBeUndefined();
    expect(fromRoomy.body.data.actors.nodes).toHaveLength(10);
  });

  it('when both are asked a query costing over 60, then only the strict one refuses it, naming its own limit', async () => {
    // Five actors, five memberships each, five of theirs: over 125 objects, far under 20 000.
    const query = '{ actors(first: 5) { nodes { slug memberOf(first: 5) { nodes { slug memberOf(first: 5) { nodes { slug } } } } } } }';
    const fromStrict = await gql(strict, query);
    const fromRoomy = await gql(roomy, query);
    expect(codeOf(fromStrict.body)).toBe('QUERY_LIMIT_EXCEEDED');
    expect(fromStrict.body.errors?.[0]?.extensions).toMatchObject({ limit: 'MAX_QUERY_COMPLEXITY', maximum: 60 });
    expect(fromRoomy.body.errors).toBeUndefined();
    expect(fromRoomy.body.data.actors.nodes).toHaveLength(5);
  });

  it('when both are asked for paths of up to 4 hops, then the strict one (MAX_PATH_LENGTH=2) refuses and the roomy one answers', async () => {
    const query = '{ paths(from: "eu", to: "indonesia", maxLength: 4) { length } }';
    const fromRoomy = await gql(roomy, query);
    const fromStrict = await gql(strict, query);
    expect(codeOf(fromStrict.body)).toBe('BAD_USER_INPUT');
    expect(fromStrict.body.errors?.[0]?.message).toMatch(/between 1 and 2/);
    expect(fromRoomy.body.errors).toBeUndefined();
  });

  it('when a third app with default limits is created later, then the first two keep theirs', async () => {
    testApp();
    const { body } = await gql(strict, '{ actors(first: 6) { nodes { slug } } }');
    expect(codeOf(body)).toBe('PAGE_SIZE_EXCEEDED');
  });
});
