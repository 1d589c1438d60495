/** Errors a client can act on carry a stable extensions.code; none leak a stack trace. */
import { describe, expect, it } from 'vitest';
import { gql, testApp } from '../helpers.js';

const app = testApp();

const CASES: Array<{ when: string; query: string; variables?: Record<string, unknown>; code: string }> = [
  { when: 'a global id is not base64 of Type:slug', query: '{ node(id: "not a global id") { id } }', code: 'INVALID_ID' },
  {
    when: 'a global id decodes to something without a type',
    query: `{ node(id: "${Buffer.from(':eu').toString('base64')}") { id } }`,
    code: 'INVALID_ID',
  },
  { when: 'a slug is unknown', query: '{ entity(slug: "no-such-node") { name } }', code: 'NOT_FOUND' },
  { when: 'a slug belongs to another type', query: '{ treaty(slug: "eu") { name } }', code: 'NOT_FOUND' },
  { when: 'a source slug is unknown', query: '{ source(slug: "doc-999") { title } }', code: 'NOT_FOUND' },
  { when: 'a page of 101 is asked for', query: '{ actors(first: 101) { totalCount } }', code: 'PAGE_SIZE_EXCEEDED' },
  {
    when: 'a relationship page of 101 is asked for',
    query: '{ actor(slug: "eu") { members(last: 101) { totalCount } } }',
    code: 'PAGE_SIZE_EXCEEDED',
  },
  { when: 'a cursor was not issued by the API', query: '{ actors(first: 2, after: "garbage!") { totalCount } }', code: 'INVALID_CURSOR' },
  {
    when: 'a cursor has the wrong shape for the field',
    query: `{ actor(slug: "eu") { members(first: 2, after: "${Buffer.from('[1]').toString('base64url')}") { totalCount } } }`,
    code: 'INVALID_CURSOR',
  },
  {
    when: 'a search cursor is not an offset',
    query: `{ search(text: "eu", after: "${Buffer.from('["x"]').toString('base64url')}") { totalCount } }`,
    code: 'INVALID_CURSOR',
  },
  {
    when: 'a kind filter names a kind of another type',
    query: '{ actors(filter: { kinds: [CONVENTION] }) { totalCount } }',
    code: 'BAD_USER_INPUT',
  },
  {
    when: 'a relationship kind filter names a kind the target cannot have',
    query: '{ programme(slug: "eunity") { partners(kinds: [NORM]) { totalCount } } }',
    code: 'BAD_USER_INPUT',
  },
  {
    when: 'a PartialDate is malformed (literal)',
    query: '{ treaties(filter: { dateFrom: "2019-13-45x" }) { totalCount } }',
    code: 'BAD_USER_INPUT',
  },
  {
    when: 'a PartialDate is malformed (variable)',
    query: 'query($d: PartialDate) { treaties(filter: { dateTo: $d }) { totalCount } }',
    variables: { d: '19th May 2019' },
    code: 'BAD_USER_INPUT',
  },
  { when: 'the search text is empty', query: '{ search(text: "") { totalCount } }', code: 'BAD_USER_INPUT' },
  { when: 'the search text has no letters or digits', query: '{ search(text: "?!*") { totalCount } }', code: 'BAD_USER_INPUT' },
  { when: 'first and last are given together', query: '{ actors(first: 2, last: 2) { totalCount } }', code: 'BAD_USER_INPUT' },
  { when: 'a page size is negative', query: '{ actors(first: -1) { totalCount } }', code: 'BAD_USER_INPUT' },
  { when: 'a lookup name is blank', query: '{ lookup(name: "  ") { slug } }', code: 'BAD_USER_INPUT' },
];

/** True when any string anywhere in the value looks like a stack trace. */
function containsStackTrace(value: unknown): boolean {
  const text = JSON.stringify(value);
  return /"stack"|"originalError"|\n\s+at |\\n\s+at |\.ts:\d+|node_modules/.test(text);
}

describe('client errors', () => {
  it.each(CASES)('when $when, then the error has code $code and no stack trace', async ({ query, variables, code }) => {
    const { body } = await gql(app, query, variables);
    expect(body.errors, JSON.stringify(body)).toBeDefined();
    expect(body.errors!.map((e) => e.extensions?.code)).toContain(code);
    expect(containsStackTrace(body)).toBe(false);
    for (const error of body.errors!) expect(error.message.length).toBeGreaterThan(0);
  });

  it('when an error is a client error, then the rest of the query still answers', async () => {
    const { body } = await gql(app, '{ eu: entity(slug: "eu") { slug } missing: entity(slug: "no-such-node") { slug } }');
    expect(body.data).toEqual({ eu: { slug: 'eu' }, missing: null });
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]).toMatchObject({ path: ['missing'], extensions: { code: 'NOT_FOUND', id: 'no-such-node' } });
  });

  it('when a page is too large, then the error names the argument and the maximum', async () => {
    const { body } = await gql(app, '{ actors(first: 101) { totalCount } }');
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'PAGE_SIZE_EXCEEDED', argument: 'first', maximum: 100 });
  });
});
