/**
 * The abusive half of `npm run soak -- --abusive`: requests an outside attacker would send
 * (each one from issue 16's list, plus neighbours), with what a correct service answers. A
 * request "holds" when it gets a coded 4xx/503 (or a correct 200); anything else (a 500, an
 * uncoded answer, a connection error, no answer within 15 s) is counted as a failure.
 */
import { randomUUID } from 'node:crypto';

export interface AbuseContext {
  base: string;
  /** A curator API key (the service runs with READS_PUBLIC=false). */
  key: string;
}

export interface Outcome {
  code: string;
  held: boolean;
}

const TIMEOUT_MS = 15_000;

function codeOf(status: number, body: unknown): string | null {
  const b = body as { errors?: Array<{ extensions?: { code?: string } }>; code?: string } | null;
  return b?.errors?.[0]?.extensions?.code ?? b?.code ?? (status === 200 ? 'OK' : null);
}

async function send(url: string, init: RequestInit = {}): Promise<Outcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const response = await fetch(url, { ...init, signal: controller.signal });
    const text = await response.text();
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    // 204 is the correct answer to a CORS preflight (OPTIONS): no body to carry a code.
    const code = codeOf(response.status, body) ?? (response.status === 204 ? 'NO_CONTENT' : `HTTP_${response.status}_UNCODED`);
    const held =
      response.status === 200 ||
      response.status === 204 ||
      (((response.status >= 400 && response.status < 500) || response.status === 503) && !code.endsWith('UNCODED'));
    return { code: response.status === 200 && code === 'OK' ? 'OK' : code, held };
  } catch (error) {
    return { code: controller.signal.aborted ? 'NO_ANSWER_15S' : `NETWORK_${(error as Error).name}`, held: false };
  } finally {
    clearTimeout(timer);
  }
}

const gql = (ctx: AbuseContext, query: string, variables: Record<string, unknown> = {}, token: string | null = ctx.key) =>
  send(`${ctx.base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });

const globalId = (type: string, slug: string) => Buffer.from(`${type}:${slug}`).toString('base64');

/** Reads the first chunk of an export, then drops the connection (a client that goes away). */
async function exportThenDrop(ctx: AbuseContext, file: string): Promise<Outcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const response = await fetch(`${ctx.base}/export/${file}`, {
      headers: { authorization: `Bearer ${ctx.key}` },
      signal: controller.signal,
    });
    if (response.status !== 200) {
      const body = await response.json().catch(() => null);
      // 204 is the correct answer to a CORS preflight (OPTIONS): no body to carry a code.
      const code = codeOf(response.status, body) ?? (response.status === 204 ? 'NO_CONTENT' : `HTTP_${response.status}_UNCODED`);
      return { code, held: (response.status === 503 || response.status === 429) && !code.endsWith('UNCODED') };
    }
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    return { code: 'OK', held: true };
  } catch (error) {
    return { code: controller.signal.aborted ? 'NO_ANSWER_15S' : `NETWORK_${(error as Error).name}`, held: false };
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

export const ATTACKS: Array<{ name: string; run: (ctx: AbuseContext) => Promise<Outcome> }> = [
  { name: 'anonymous export', run: (ctx) => send(`${ctx.base}/export/nodes.csv`) },
  { name: 'garbage bearer', run: (ctx) => gql(ctx, '{ __typename }', {}, 'garbage-token') },
  { name: 'anonymous persisted GET', run: (ctx) => send(`${ctx.base}/graphql?documentId=memberships`) },
  {
    name: '30 aliases of nodes(ids:) with 2,600 ids',
    run: (ctx) => {
      const ids = Array.from({ length: 2600 }, (_, i) => globalId('Actor', `a-${i}-${randomUUID().slice(0, 4)}`));
      const fields = Array.from({ length: 30 }, (_, i) => `n${i}: nodes(ids: $ids) { id }`).join(' ');
      return gql(ctx, `query($ids: [ID!]!) { ${fields} }`, { ids });
    },
  },
  {
    name: '30 aliased __schema',
    run: (ctx) => gql(ctx, `{ ${Array.from({ length: 30 }, (_, i) => `s${i}: __schema { types { name fields { name } } }`).join(' ')} }`),
  },
  {
    name: '29 aliased paths(all: true)',
    run: (ctx) =>
      gql(
        ctx,
        `{ ${Array.from({ length: 29 }, (_, i) => `p${i}: paths(from: "japan", to: "european-union", all: true, maxLength: 6) { __typename }`).join(' ')} }`,
      ),
  },
  {
    name: 'bad variables JSON on GET',
    run: (ctx) => send(`${ctx.base}/graphql?query=%7B__typename%7D&variables=%7Bbad`, { headers: { authorization: `Bearer ${ctx.key}` } }),
  },
  {
    name: 'nested cursor',
    run: (ctx) =>
      gql(ctx, 'query($c: String) { actors(first: 2, after: $c) { totalCount } }', {
        c: Buffer.from('['.repeat(20_000) + ']'.repeat(20_000)).toString('base64url'),
      }),
  },
  { name: 'unknown-type global id', run: (ctx) => gql(ctx, `{ node(id: "${globalId('Bogus', 'x')}") { id } }`) },
  { name: 'changes(since: garbage)', run: (ctx) => gql(ctx, '{ changes(since: "garbage", first: 1) { edges { cursor } } }') },
  {
    name: 'import with prototype keys',
    run: (ctx) =>
      send(`${ctx.base}/import`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ctx.key}` },
        body: '{"constructor": [], "__proto__": {"polluted": true}, "toString": [], "hasOwnProperty": []}',
      }),
  },
  {
    name: 'import nested 100,000 deep',
    run: (ctx) =>
      send(`${ctx.base}/import`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ctx.key}` },
        body: `{"actors": [${'['.repeat(100_000)}${']'.repeat(100_000)}]}`,
      }),
  },
  { name: 'export dropped after one chunk', run: (ctx) => exportThenDrop(ctx, 'graph.json') },
  {
    name: 'distinct large reads (cache pressure)',
    run: (ctx) =>
      gql(
        ctx,
        'query($t: String) { actors(first: 100, filter: { nameContains: $t }) { totalCount edges { node { name aliases description } } } }',
        { t: randomUUID().slice(0, 1) },
        null,
      ),
  },
  {
    name: 'oversized body',
    run: (ctx) =>
      send(`${ctx.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ctx.key}` },
        body: JSON.stringify({ query: `{ __typename } # ${'x'.repeat(200_000)}` }),
      }),
  },
  {
    name: 'import nested by YAML indentation (- - - ...)',
    run: (ctx) =>
      send(`${ctx.base}/import`, {
        method: 'POST',
        headers: { 'content-type': 'application/yaml', authorization: `Bearer ${ctx.key}` },
        body: `actors:\n${'- '.repeat(100_000)}x\n`,
      }),
  },
  {
    name: 'variables nested 20,000 deep',
    run: (ctx) =>
      send(`${ctx.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ctx.key}` },
        body: `{"query":"query($f: EntityFilter) { actors(first: 1, filter: $f) { totalCount } }","variables":{"f":${'{"nameContains":'.repeat(5_000)}"x"${'}'.repeat(5_000)}}}`,
      }),
  },
  {
    name: 'huge variables object',
    run: (ctx) => gql(ctx, '{ __typename }', Object.fromEntries(Array.from({ length: 8_000 }, (_, i) => [`v${i}`, i]))),
  },
  {
    name: 'giant search string',
    run: (ctx) => gql(ctx, 'query($q: String!) { search(text: $q, first: 5) { edges { cursor } } }', { q: 'ab '.repeat(30_000) }),
  },
  {
    name: 'long cursor',
    run: (ctx) => gql(ctx, 'query($c: String) { actors(first: 2, after: $c) { totalCount } }', { c: 'A'.repeat(90_000) }),
  },
  {
    name: 'bad variables JSON on persisted GET',
    run: (ctx) => send(`${ctx.base}/graphql?documentId=memberships&variables=%7Bbad`, { headers: { authorization: `Bearer ${ctx.key}` } }),
  },
  {
    name: 'unicode and NUL in ids',
    run: (ctx) => gql(ctx, '{ node(id: "\u0000\uD83D\uDCA5\u202E") { id } actor(slug: "\u0000\u202E💥") { id } }'),
  },
  {
    name: 'HEAD on an export',
    run: (ctx) => send(`${ctx.base}/export/graph.json`, { method: 'HEAD', headers: { authorization: `Bearer ${ctx.key}` } }),
  },
  {
    name: 'OPTIONS on /import',
    run: (ctx) =>
      send(`${ctx.base}/import`, {
        method: 'OPTIONS',
        headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
      }),
  },
  {
    name: 'name with bidi override',
    run: (ctx) =>
      gql(ctx, 'mutation { createEntity(input: { label: Actor, slug: "soak-bidi", name: "evil\u202Eman", kind: STATE }) { __typename } }'),
  },
];
