/**
 * Abusive or malformed requests get a 4xx or a GraphQL error naming the limit, never a 5xx,
 * and the service stays healthy afterwards.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { gql, testApp } from '../helpers.js';

const app = testApp();

async function post(body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  return app.fetch('http://test/graphql', { method: 'POST', headers, body });
}

function codesOf(body: { errors?: Array<{ extensions?: { code?: string } }> }) {
  return (body.errors ?? []).map((e) => e.extensions?.code);
}

afterAll(async () => {
  // Whatever was thrown at it, the service still answers.
  expect((await app.fetch('http://test/health')).status).toBe(200);
  const { body } = await gql(app, '{ entity(slug: "eu") { name } }');
  expect(body.data.entity.name).toBe('European Union');
});

describe('query shape limits', () => {
  it('when a query nests deeper than MAX_QUERY_DEPTH, then it is refused with QUERY_LIMIT_EXCEEDED', async () => {
    let selection = 'slug';
    for (let i = 0; i < 12; i++) selection = `memberOf { nodes { ${selection} } }`;
    const { status, body } = await gql(app, `{ actor(slug: "austria") { ${selection} } }`);
    expect(status).toBeLessThan(500);
    expect(codesOf(body)).toContain('QUERY_LIMIT_EXCEEDED');
    expect(body.errors![0]!.message).toMatch(/depth/i);
    expect(body.errors![0]!.extensions).toMatchObject({ limit: 'MAX_QUERY_DEPTH', maximum: 20 });
  });

  it('when a query repeats a field under many aliases, then the alias bomb is refused', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: entity(slug: "eu") { slug }`).join(' ');
    const { status, body } = await gql(app, `{ ${aliases} }`);
    expect(status).toBeLessThan(500);
    expect(codesOf(body)).toContain('QUERY_LIMIT_EXCEEDED');
    expect(body.errors![0]!.message).toMatch(/aliases/i);
    expect(body.errors![0]!.extensions).toMatchObject({ limit: 'MAX_ALIASES', maximum: 30 });
  });

  it('when a query stacks many directives, then it is refused', async () => {
    const directives = Array.from({ length: 30 }, () => '@include(if: true)').join(' ');
    const { body } = await gql(app, `{ entity(slug: "eu") { slug ${directives} } }`);
    expect(codesOf(body)).toContain('QUERY_LIMIT_EXCEEDED');
    expect(body.errors![0]!.message).toMatch(/directives/i);
    expect(body.errors![0]!.extensions).toMatchObject({ limit: 'MAX_DIRECTIVES', maximum: 20 });
  });

  it('when a document has too many tokens, then it is refused', async () => {
    const fields = Array.from({ length: 6000 }, () => 'slug').join(' ');
    const { body } = await gql(app, `{ entity(slug: "eu") { ${fields} } }`);
    expect(codesOf(body)).toContain('QUERY_LIMIT_EXCEEDED');
    expect(body.errors![0]!.message).toMatch(/token limit of 5000/i);
    expect(body.errors![0]!.extensions).toMatchObject({ limit: 'MAX_TOKENS', maximum: 5000 });
  });

  it('when nested pages multiply past MAX_QUERY_COMPLEXITY, then it is refused before touching Neo4j', async () => {
    const result = await gql(
      app,
      '{ actors(first: 100) { nodes { programmes(first: 100) { nodes { partners(first: 100) { nodes { slug } } } } } } }',
    );
    expect(codesOf(result.body)).toContain('QUERY_LIMIT_EXCEEDED');
    expect(result.body.errors![0]!.extensions).toMatchObject({ limit: 'MAX_QUERY_COMPLEXITY', maximum: 20000 });
    expect(result.statements).toBe(0);
  });

  it('when a page size is over the maximum, then PAGE_SIZE_EXCEEDED names the maximum', async () => {
    const { body } = await gql(app, '{ actors(first: 10000) { nodes { slug } } }');
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'PAGE_SIZE_EXCEEDED', maximum: 100 });
  });

  it('when a path or neighbourhood asks past its bounds, then BAD_USER_INPUT names the bound', async () => {
    const path = await gql(app, '{ paths(from: "japan", to: "brazil", maxLength: 50) { length } }');
    expect(path.body.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(path.body.errors![0]!.message).toMatch(/maxLength: must be between 1 and 6/);
    const hood = await gql(app, '{ neighbourhood(slug: "eu", maxNodes: 1000000) { truncated } }');
    expect(hood.body.errors![0]!.message).toMatch(/maxNodes: must be between 1 and 1000/);
  });
});

describe('malformed HTTP requests', () => {
  it('when the body is over MAX_BODY_BYTES, then 413 names the limit', async () => {
    const big = JSON.stringify({ query: `{ __typename } # ${'x'.repeat(200_000)}` });
    const response = await post(big);
    expect(response.status).toBe(413);
    expect((await response.json()).errors[0].extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', limit: 'MAX_BODY_BYTES' });
  });

  it('when a chunked body without a length is over the limit, then it is refused too', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(50_000));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const response = await app.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
  });

  it('when the JSON is malformed, then it is a 400 with a message', async () => {
    const response = await post('{"query": "{ __typename }"');
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toMatch(/JSON/i);
  });

  it('when the content type is a form (a possible cross-site forgery), then it is refused with 403', async () => {
    const response = await post('query={__typename}', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(403);
    expect((await response.json()).errors[0].extensions.code).toBe('CSRF_PREVENTED');
  });

  it('when the content type is unsupported, then it is a 4xx', async () => {
    const response = await post('<query/>', { 'content-type': 'application/xml', 'x-graphql-csrf-token': '1' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it('when variables have the wrong type, then the error says which', async () => {
    const response = await post(
      JSON.stringify({ query: 'query($n: Int) { actors(first: $n) { nodes { slug } } }', variables: { n: 'ten' } }),
    );
    expect(response.status).toBeLessThan(500);
    expect(JSON.stringify(await response.json())).toMatch(/\$n/);
  });

  it('when variables are not an object, then it is a 400', async () => {
    const response = await post(JSON.stringify({ query: '{ __typename }', variables: 'nope' }));
    expect(response.status).toBe(400);
  });
});

describe('rate limit', () => {
  it('when a client goes over RATE_LIMIT_PER_MINUTE, then it gets 429 with Retry-After, and health checks are not counted', async () => {
    // 2 a minute refills one every 30 s: the three requests below come back to back, however busy
    // the machine (with 5, one refilled every 12 s, and a stalled run could see a sixth pass).
    const limited = testApp({ RATE_LIMIT_PER_MINUTE: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await gql(limited, '{ __typename }')).status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    const refused = await limited.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await refused.json()).errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'RATE_LIMIT_PER_MINUTE', maximum: 2 });
    expect((await limited.fetch('http://test/health')).status).toBe(200);
    testApp(); // restore the default limits for the rest of this file
  });
});

describe('production mode', () => {
  it('when NODE_ENV is production, then introspection and field suggestions are off, and GraphiQL can be turned off', async () => {
    const production = testApp({ NODE_ENV: 'production', GRAPHIQL: false });
    const introspection = await gql(production, '{ __schema { types { name } } }');
    expect(introspection.body.errors?.[0]?.message).toMatch(/introspection/i);
    const typo = await gql(production, '{ entty(slug: "eu") { slug } }');
    expect(typo.body.errors![0]!.message).not.toMatch(/Did you mean/);
    const page = await production.fetch('http://test/graphql', { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('graphiql');
    testApp();
  });
});

describe('security headers and CORS', () => {
  it('sets conservative headers and answers CORS preflights', async () => {
    const response = await app.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://dashboard.example' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(['*', 'https://dashboard.example']).toContain(response.headers.get('access-control-allow-origin'));
    const preflight = await app.fetch('http://test/graphql', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://dashboard.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-methods')).toMatch(/POST/);
  });

  it('when CORS_ORIGINS lists origins, then other origins get no CORS grant', async () => {
    const strict = testApp({ CORS_ORIGINS: 'https://allowed.example' });
    const other = await strict.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(other.headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
    const allowed = await strict.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://allowed.example' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://allowed.example');
    testApp();
  });
});
