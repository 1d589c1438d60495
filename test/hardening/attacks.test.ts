/**
 * Issue 16's attacks, repeated through HTTP against the real Neo4j: each is answered with a
 * coded 4xx (or a correct 200), never a 500 or a stack trace, and the service keeps serving.
 */
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/auth/auth.js';
import { gql, testApp, testRunner, uniquePrefix } from '../helpers.js';

const KEY = 'attacks-curator-key-0123456789';
const API_KEYS = [{ name: 'curator', sha256: sha256Hex(KEY), scopes: ['curator' as const] }];
const SECRET = 's'.repeat(40);
const asCurator = { authorization: `Bearer ${KEY}` };
const globalId = (type: string, slug: string) => Buffer.from(`${type}:${slug}`).toString('base64');
const prefix = uniquePrefix('attacks');

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await testRunner().write('Test.cleanAttacks', 'MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DETACH DELETE n', { prefix });
  expect(unhandled).toEqual([]);
});

describe('one access rule for every read path (READS_PUBLIC=false)', () => {
  const app = testApp({ READS_PUBLIC: false, API_KEYS });

  it('when anonymous, then /export, its files, persisted GETs and GraphQL all answer 401', async () => {
    for (const path of [
      '/export',
      '/export/graph.json',
      '/export/nodes.csv',
      '/export/relationships/PARTNER_IN.csv',
      '/graphql?documentId=memberships',
      '/graphql?query=%7B__typename%7D',
    ]) {
      const response = await app.fetch(`http://test${path}`);
      expect(response.status, path).toBe(401);
      expect((await response.json()).errors[0].extensions.code, path).toBe('UNAUTHENTICATED');
    }
  });

  it('when the bearer is garbage, then every path answers 401, even /export and /import', async () => {
    for (const [method, path] of [
      ['GET', '/export/nodes.csv'],
      ['GET', '/graphql?documentId=memberships'],
      ['POST', '/import'],
    ]) {
      const response = await app.fetch(`http://test${path}`, {
        method,
        headers: { authorization: 'Bearer garbage', 'content-type': 'application/json' },
        body: method === 'POST' ? '{}' : undefined,
      });
      expect(response.status, path).toBe(401);
    }
  });

  it('when the key is sent, then the export and persisted GETs answer', async () => {
    const exported = await app.fetch('http://test/export/nodes.csv', { headers: asCurator });
    expect(exported.status).toBe(200);
    expect((await exported.text()).split('\r\n')[0]).toContain('id,label');
    const persisted = await app.fetch('http://test/graphql?documentId=memberships', { headers: asCurator });
    expect(persisted.status).toBe(200);
  });
});

describe('the rate limit keys on the principal', () => {
  it('when two keys share an address, then each has its own budget, and anonymous requests theirs', async () => {
    const other = 'attacks-other-key-0123456789';
    const app = testApp({
      RATE_LIMIT_PER_MINUTE: 2,
      API_KEYS: [...API_KEYS, { name: 'other', sha256: sha256Hex(other), scopes: ['reader'] }],
    });
    const statuses = async (headers: Record<string, string>) =>
      Promise.all([1, 2, 3].map(async () => (await gql(app, '{ __typename }', {}, headers)).status));
    expect(await statuses(asCurator)).toEqual([200, 200, 429]);
    expect(await statuses({ authorization: `Bearer ${other}` })).toEqual([200, 200, 429]);
    expect(await statuses({})).toEqual([200, 200, 429]);
    testApp(); // limits are process-wide: put the defaults back for the tests that follow
  });
});

describe('bounded work', () => {
  const app = testApp();

  it('when nodes(ids:) gets more ids than MAX_LIST_ARGUMENT, then it is refused before any statement runs', async () => {
    const ids = Array.from({ length: 2600 }, (_, i) => globalId('Actor', `x-${i}`));
    const aliases = Array.from({ length: 30 }, (_, i) => `n${i}: nodes(ids: $ids) { id }`).join(' ');
    const response = await gql(app, `query($ids: [ID!]!) { ${aliases} }`, { ids });
    expect(response.body.errors![0]!.extensions).toMatchObject({
      code: 'QUERY_LIMIT_EXCEEDED',
      limit: 'MAX_LIST_ARGUMENT',
      maximum: 100,
      value: 2600,
    });
    expect(response.statements).toBe(0);
  });

  it('when nodes(ids:) is within the cap, then its ids count in the complexity', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => globalId('Actor', `x-${i}`));
    const aliases = Array.from(
      { length: 30 },
      (_, i) => `n${i}: nodes(ids: $ids) { id ... on Actor { programmes(first: 100) { nodes { id } } } }`,
    ).join(' ');
    const response = await gql(app, `query($ids: [ID!]!) { ${aliases} }`, { ids });
    expect(response.body.errors![0]!.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'MAX_QUERY_COMPLEXITY' });
  });

  it('when __schema is aliased thirty times, then it is refused; one introspection still answers', async () => {
    const many = await gql(app, `{ ${Array.from({ length: 30 }, (_, i) => `s${i}: __schema { types { name } }`).join(' ')} }`);
    expect(many.body.errors![0]!.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'MAX_SCHEMA_INTROSPECTIONS', value: 30 });
    const one = await gql(app, '{ __schema { queryType { name } } }');
    expect(one.body.data.__schema.queryType.name).toBe('Query');
  });

  it('when paths(all: true) is aliased 29 times, then it is refused before any statement runs', async () => {
    const fields = Array.from(
      { length: 29 },
      (_, i) => `p${i}: paths(from: "japan", to: "european-union", all: true, maxLength: 6) { __typename }`,
    ).join(' ');
    const response = await gql(app, `{ ${fields} }`);
    expect(response.body.errors![0]!.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'MAX_ALL_PATHS', value: 29 });
    expect(response.statements).toBe(0);
  });

  it('when many distinct large reads are cached, then the cache holds no more than its byte bound', async () => {
    const cached = testApp({ CACHE_TTL_MS: 60_000, CACHE_MAX_BYTES: 200_000 });
    for (let i = 0; i < 40; i++) {
      const response = await gql(
        cached,
        `query($t: String) { actors(first: 100, filter: { nameContains: $t }) { edges { node { name aliases description } } } }`,
        { t: i % 2 ? 'a' : `${'e'.repeat(1 + (i % 3))}` },
        { 'x-request-id': `cache-${i}` },
      );
      expect(response.status).toBe(200);
      await gql(cached, `query($n: Int) { actors(first: $n) { edges { node { name aliases description } } } }`, { n: 50 + i });
    }
    expect(cached.cache.bytes).toBeGreaterThan(0);
    expect(cached.cache.bytes).toBeLessThanOrEqual(200_000);
  });
});

describe('imports never answer 500', () => {
  const app = testApp({ API_KEYS });
  const post = (body: string, type = 'application/json') =>
    app.fetch('http://test/import', { method: 'POST', headers: { ...asCurator, 'content-type': type }, body });

  it('when a bundle has prototype keys at the top, then 422 names each, and nothing is written', async () => {
    const response = await post('{"constructor": [], "__proto__": {"polluted": true}, "toString": [], "hasOwnProperty": []}');
    expect(response.status).toBe(422);
    const { problems } = await response.json();
    expect(problems.map((p: { field: string }) => p.field)).toEqual(expect.arrayContaining(['constructor', 'toString', 'hasOwnProperty']));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('when an entry hides __proto__ or constructor keys, then 422 names the field', async () => {
    const response = await post(
      JSON.stringify({ actors: [{ id: `${prefix}-proto`, name: 'Proto', kind: 'state', __proto__: { admin: true } }] }).replace(
        '"name"',
        '"__proto__":{"x":1},"name"',
      ),
    );
    expect(response.status).toBe(422);
    expect((await response.json()).problems[0]).toMatchObject({ field: '__proto__', message: '"__proto__" is not allowed as a key' });
  });

  it('when a bundle is nested 100,000 deep, then it is refused with a coded 4xx (read in a worker), not a stack overflow', async () => {
    const response = await post(`{"actors": [${'['.repeat(100_000)}${']'.repeat(100_000)}]}`);
    expect([413, 422]).toContain(response.status);
    const body = await response.json();
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('when a bundle holds more entries than MAX_IMPORT_ENTRIES, then 422 says so before validating them', async () => {
    const small = testApp({ API_KEYS, MAX_IMPORT_ENTRIES: 5 });
    const actors = Array.from({ length: 6 }, (_, i) => ({ id: `${prefix}-many-${i}`, name: `Many ${i}`, kind: 'state' }));
    const response = await small.fetch('http://test/import', {
      method: 'POST',
      headers: { ...asCurator, 'content-type': 'application/json' },
      body: JSON.stringify({ actors }),
    });
    expect(response.status).toBe(422);
    expect((await response.json()).problems[0].message).toContain('MAX_IMPORT_ENTRIES');
    testApp({ API_KEYS });
  });

  it('when the body is over MAX_IMPORT_BYTES, then 413 before it is read', async () => {
    const small = testApp({ API_KEYS, MAX_IMPORT_BYTES: 1_000 });
    const response = await small.fetch('http://test/import', {
      method: 'POST',
      headers: { ...asCurator, 'content-type': 'application/json' },
      body: `{"actors": []} ${' '.repeat(2_000)}`,
    });
    expect(response.status).toBe(413);
    testApp({ API_KEYS });
  });
});

describe('smaller items', () => {
  const app = testApp({ API_KEYS, JWT_SECRET: SECRET });

  it('when GET /graphql carries malformed variables JSON, then 400 with the request id', async () => {
    const response = await app.fetch('http://test/graphql?query=%7B__typename%7D&variables=%7Bbad', {
      headers: { 'x-request-id': 'bad-vars-1' },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-request-id')).toBe('bad-vars-1');
  });

  it('when a cursor is nested 20,000 deep, then INVALID_CURSOR', async () => {
    const cursor = Buffer.from('['.repeat(20_000) + ']'.repeat(20_000)).toString('base64url');
    const response = await gql(app, 'query($c: String) { actors(first: 2, after: $c) { totalCount } }', { c: cursor });
    expect(response.body.errors![0]!.extensions!.code).toBe('INVALID_CURSOR');
  });

  it('when a cursor comes from another field or another order, then INVALID_CURSOR', async () => {
    const byName = await gql(app, '{ actors(first: 1) { pageInfo { endCursor } } }');
    const cursor = byName.body.data.actors.pageInfo.endCursor;
    expect((await gql(app, `{ actors(first: 1, after: "${cursor}") { totalCount } }`)).body.errors).toBeUndefined();
    const otherOrder = await gql(app, `{ actors(first: 1, after: "${cursor}", orderBy: { field: DATE }) { totalCount } }`);
    expect(otherOrder.body.errors![0]!.extensions!.code).toBe('INVALID_CURSOR');
    const otherField = await gql(app, `{ treaties(first: 1, after: "${cursor}") { totalCount } }`);
    expect(otherField.body.errors![0]!.extensions!.code).toBe('INVALID_CURSOR');
  });

  it('when a JWT has no exp, a lifetime over a day, or an object sub, then 401', async () => {
    const key = new TextEncoder().encode(SECRET);
    const noExp = await new SignJWT({ scope: 'curator' }).setProtectedHeader({ alg: 'HS256' }).setSubject('alice').setIssuedAt().sign(key);
    const tooLong = await new SignJWT({ scope: 'curator' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setIssuedAt()
      .setExpirationTime('30d')
      .sign(key);
    const objectSub = await new SignJWT({ scope: 'curator', sub: { id: 1 } as unknown as string })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);
    const good = await new SignJWT({ scope: 'curator' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);
    for (const token of [noExp, tooLong, objectSub]) {
      const response = await gql(app, '{ __typename }', {}, { authorization: `Bearer ${token}` });
      expect(response.status).toBe(401);
      expect(response.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    }
    expect((await gql(app, '{ __typename }', {}, { authorization: `Bearer ${good}` })).status).toBe(200);
  });

  it('when a global id names an unknown type, then INVALID_ID', async () => {
    const response = await gql(app, `{ node(id: "${globalId('Bogus', 'x')}") { id } }`);
    expect(response.body.errors![0]!.extensions!.code).toBe('INVALID_ID');
  });

  it('when a name holds NUL or a bidi override, then the write is refused with the field named', async () => {
    for (const name of ['evil\u0000name', 'evil\u202Ename', 'evil\u2066name']) {
      const response = await gql(
        app,
        'mutation($input: EntityInput!) { createEntity(input: $input) { __typename ... on ValidationError { problems { field message } } } }',
        { input: { label: 'Actor', slug: `${prefix}-bidi`, name, kind: 'STATE' } },
        asCurator,
      );
      expect(response.body.data.createEntity.__typename).toBe('ValidationError');
      expect(response.body.data.createEntity.problems[0]).toMatchObject({
        field: 'input.name',
        message: 'must not contain control characters or bidirectional overrides',
      });
    }
  });

  it('when changes(since:) is not a time, then BAD_USER_INPUT', async () => {
    const response = await gql(app, '{ changes(since: "garbage", first: 1) { edges { cursor } } }', {}, asCurator);
    expect(response.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'since' });
  });
});

describe('optimistic concurrency', () => {
  it('when 30 curators update with the same expectedVersion at once, then exactly one wins, the version rises by one, and the audit has one update', async () => {
    const app = testApp({ API_KEYS });
    const slug = `${prefix}-race`;
    const created = await gql(
      app,
      'mutation($input: EntityInput!) { createEntity(input: $input) { __typename } }',
      { input: { label: 'Actor', slug, name: 'Race', kind: 'STATE' } },
      asCurator,
    );
    expect(created.body.data.createEntity.__typename).toBe('MutationCreateEntitySuccess');
    for (let round = 0; round < 2; round++) {
      const version = round + 1;
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          gql(
            app,
            'mutation($input: UpdateEntityInput!) { updateEntity(input: $input) { __typename } }',
            { input: { slug, expectedVersion: version, description: `round ${round} writer ${i}` } },
            asCurator,
          ),
        ),
      );
      const kinds = results.map((r) => r.body.data?.updateEntity.__typename ?? r.body.errors?.[0]?.extensions?.code);
      expect(kinds.filter((k) => k === 'MutationUpdateEntitySuccess')).toHaveLength(1);
      expect(kinds.filter((k) => k === 'StaleVersionError')).toHaveLength(29);
    }
    const [row] = await testRunner().read<{ version: number; updates: number }>(
      'Test.raceOutcome',
      "MATCH (n:Entity {id: $slug}) RETURN n.version AS version, COUNT { MATCH (c:Change {target: $slug, action: 'update'}) } AS updates",
      { slug },
    );
    expect(row).toEqual({ version: 3, updates: 2 });
  });
});
