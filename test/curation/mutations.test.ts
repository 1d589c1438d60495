/**
 * Curation through HTTP: every write needs the right scope, is validated in full, applies
 * atomically with its audit record, refuses stale versions, and survives concurrency.
 */
import { SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/auth/auth.js';
import { lockStripes } from '../../src/modules/aggregates/aggregates.repository.js';
import { lockAggregates } from '../../src/modules/aggregates/aggregates.service.js';
import { deleteLink } from '../../src/modules/curation/curation.repository.js';
import { gql, testApp, testRunner, uniquePrefix } from '../helpers.js';

const CURATOR_KEY = `curator-${uniquePrefix('key')}`;
const ADMIN_KEY = `admin-${uniquePrefix('key')}`;
const READER_KEY = `reader-${uniquePrefix('key')}`;
const JWT_SECRET = 'a-test-secret-that-is-long-enough-for-hs256!';

const app = testApp({
  API_KEYS: [
    { name: 'alice', sha256: sha256Hex(CURATOR_KEY), scopes: ['curator'] },
    { name: 'root', sha256: sha256Hex(ADMIN_KEY), scopes: ['admin'] },
    { name: 'viewer', sha256: sha256Hex(READER_KEY), scopes: ['reader'] },
  ],
  JWT_SECRET,
  CACHE_TTL_MS: 60_000,
});

const as = (key: string) => ({ authorization: `Bearer ${key}` });
const prefix = uniquePrefix('cur');
const slug = (name: string) => `${prefix}-${name}`;

afterAll(async () => {
  await testRunner().write('Test.cleanupCuration', 'MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DETACH DELETE n', { prefix });
  await testRunner().write('Test.cleanupSources', 'MATCH (s:Source) WHERE s.id STARTS WITH $prefix DETACH DELETE s', { prefix });
  await testRunner().write(
    'Test.cleanupChanges',
    'MATCH (c:Change) WHERE any(n IN c.nodes WHERE n STARTS WITH $prefix) OR c.target STARTS WITH $prefix DELETE c',
    { prefix },
  );
});

const CREATE = `mutation Create($input: EntityInput!, $comment: String) {
  createEntity(input: $input, comment: $comment) {
    __typename
    ... on MutationCreateEntitySuccess { data { slug name version aliases ... on Actor { countryCode } } }
    ... on ValidationError { message problems { field message } }
    ... on ConflictError { message }
  }
}`;

const actor = (name: string, extra: Record<string, unknown> = {}) => ({
  label: 'Actor',
  slug: slug(name),
  name: `Test ${name}`,
  kind: 'STATE',
  aliases: [`Negara ${name}`],
  ...extra,
});

describe('authentication and scopes', () => {
  it('when a write has no token, then it is refused with UNAUTHENTICATED and nothing changes', async () => {
    const { body } = await gql(app, CREATE, { input: actor('anon') });
    expect(body.errors![0]!.extensions?.code).toBe('UNAUTHENTICATED');
    const { body: read } = await gql(app, `{ entities(filter: { slugs: ["${slug('anon')}"] }) { totalCount } }`);
    expect(read.data.entities.totalCount).toBe(0);
  });

  it('when the token lacks the curator scope, then FORBIDDEN names the scope', async () => {
    const { body } = await gql(app, CREATE, { input: actor('reader') }, as(READER_KEY));
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'curator' });
  });

  it('when the token is not a known key, then the request is refused with 401', async () => {
    const { status, body } = await gql(app, '{ __typename }', {}, as('not-a-key'));
    expect(status).toBe(401);
    expect(body.errors![0]!.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('when a JWT with the curator role is used, then the write is made and attributed to its subject', async () => {
    const token = await new SignJWT({ scope: 'curator' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('jwt-user-7')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(JWT_SECRET));
    const { body } = await gql(app, CREATE, { input: actor('jwt') }, as(token));
    expect(body.data.createEntity.__typename).toBe('MutationCreateEntitySuccess');
    const changes = await gql(app, `{ changes(node: "${slug('jwt')}") { nodes { by action } } }`, {}, as(READER_KEY));
    expect(changes.body.data.changes.nodes).toEqual([{ by: 'jwt-user-7', action: 'CREATE' }]);
  });

  it('when a JWT is signed with another secret, then it is refused', async () => {
    const forged = await new SignJWT({ scope: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('mallory')
      .sign(new TextEncoder().encode('x'.repeat(40)));
    const { status } = await gql(app, '{ __typename }', {}, as(forged));
    expect(status).toBe(401);
  });

  it('when a curator deletes, then it is refused: deletes need admin', async () => {
    const { body } = await gql(app, `mutation { deleteEntity(slug: "eu") { __typename } }`, {}, as(CURATOR_KEY));
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'admin' });
    const eu = await gql(app, '{ entity(slug: "eu") { slug } }');
    expect(eu.body.data.entity.slug).toBe('eu');
  });
});

describe('creating and updating nodes', () => {
  it('when a curator creates an actor, then it exists with version 1, is searchable by its alias, and the audit names the author and comment', async () => {
    const { body } = await gql(
      app,
      CREATE,
      { input: actor('alpha', { countryCode: 'AL' }), comment: 'from the 2024 report' },
      as(CURATOR_KEY),
    );
    expect(body.data.createEntity.data).toMatchObject({ slug: slug('alpha'), version: 1, countryCode: 'AL' });
    const found = await gql(app, `{ lookup(name: "negara alpha") { slug } }`);
    expect(found.body.data.lookup.map((n: { slug: string }) => n.slug)).toContain(slug('alpha'));
    const audit = await gql(app, `{ changes(node: "${slug('alpha')}") { nodes { by action comment after } } }`, {}, as(READER_KEY));
    const [change] = audit.body.data.changes.nodes;
    expect(change).toMatchObject({ by: 'key:alice', action: 'CREATE', comment: 'from the 2024 report' });
    expect(JSON.parse(change.after)).toMatchObject({ name: 'Test alpha', countryCode: 'AL', label: 'Actor' });
  });

  it('when the input has several problems, then one ValidationError lists every field', async () => {
    const { body } = await gql(
      app,
      CREATE,
      { input: { label: 'Actor', slug: 'Not A Slug', name: '', kind: 'CONVENTION', countryCode: 'xx', location: 'Paris' } },
      as(CURATOR_KEY),
    );
    const result = body.data.createEntity;
    expect(result.__typename).toBe('ValidationError');
    const fields = result.problems.map((p: { field: string }) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['input.slug', 'input.name', 'input.kind', 'input.countryCode']));
    expect(result.problems.find((p: { field: string }) => p.field === 'input' || p.field === 'input.location')).toBeDefined();
  });

  it('when the slug is taken, then ConflictError, and the failed write leaves no audit record', async () => {
    await gql(app, CREATE, { input: actor('taken') }, as(CURATOR_KEY));
    const { body } = await gql(app, CREATE, { input: actor('taken', { name: 'Other' }) }, as(CURATOR_KEY));
    expect(body.data.createEntity.__typename).toBe('ConflictError');
    const audit = await gql(app, `{ changes(node: "${slug('taken')}") { nodes { action } } }`, {}, as(READER_KEY));
    expect(audit.body.data.changes.nodes).toEqual([{ action: 'CREATE' }]);
    const node = await gql(app, `{ actor(slug: "${slug('taken')}") { name } }`);
    expect(node.body.data.actor.name).toBe('Test taken');
  });

  it('when an update carries a stale version, then it is refused and the newer change survives', async () => {
    await gql(app, CREATE, { input: actor('versioned') }, as(CURATOR_KEY));
    const UPDATE = `mutation U($input: UpdateEntityInput!) { updateEntity(input: $input) {
      __typename ... on MutationUpdateEntitySuccess { data { name version } }
      ... on StaleVersionError { expectedVersion currentVersion } } }`;
    const first = await gql(app, UPDATE, { input: { slug: slug('versioned'), expectedVersion: 1, name: 'First edit' } }, as(CURATOR_KEY));
    expect(first.body.data.updateEntity.data).toEqual({ name: 'First edit', version: 2 });
    const stale = await gql(app, UPDATE, { input: { slug: slug('versioned'), expectedVersion: 1, name: 'Lost edit' } }, as(CURATOR_KEY));
    expect(stale.body.data.updateEntity).toEqual({ __typename: 'StaleVersionError', expectedVersion: 1, currentVersion: 2 });
    const now = await gql(app, `{ actor(slug: "${slug('versioned')}") { name version } }`);
    expect(now.body.data.actor).toEqual({ name: 'First edit', version: 2 });
    const audit = await gql(app, `{ changes(node: "${slug('versioned')}") { nodes { action before after } } }`, {}, as(READER_KEY));
    const update = audit.body.data.changes.nodes.find((c: { action: string }) => c.action === 'UPDATE');
    expect(JSON.parse(update.before)).toMatchObject({ name: 'Test versioned' });
    expect(JSON.parse(update.after)).toMatchObject({ name: 'First edit' });
  });

  it('when an unknown node is updated, then NotFoundError', async () => {
    const { body } = await gql(
      app,
      `mutation { updateEntity(input: { slug: "${slug('ghost')}", name: "x" }) { __typename ... on NotFoundError { slug } } }`,
      {},
      as(CURATOR_KEY),
    );
    expect(body.data.updateEntity).toEqual({ __typename: 'NotFoundError', slug: slug('ghost') });
  });

  it('when 50 clients upsert the same slug at once, then exactly one node exists', async () => {
    const UPSERT = `mutation U($input: EntityInput!) { upsertEntity(input: $input) { __typename ... on MutationUpsertEntitySuccess { data { created } } } }`;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => gql(app, UPSERT, { input: actor('concurrent', { name: `Writer ${i}` }) }, as(CURATOR_KEY))),
    );
    for (const r of results) expect(r.body.data?.upsertEntity.__typename, JSON.stringify(r.body)).toBe('MutationUpsertEntitySuccess');
    expect(results.filter((r) => r.body.data.upsertEntity.data.created)).toHaveLength(1);
    const [row] = await testRunner().read<{ count: number; version: number }>(
      'Test.countConcurrent',
      'MATCH (n:Entity {id: $id}) RETURN count(n) AS count, max(n.version) AS version',
      { id: slug('concurrent') },
    );
    expect(row).toEqual({ count: 1, version: 50 });
  });

  it('when a writer holds one node, then a write of another node goes through meanwhile and one of the held node waits', async () => {
    const UPSERT = `mutation U($input: EntityInput!) { upsertEntity(input: $input) { __typename } }`;
    const held = 'held';
    // A node whose lock stripe is not the held node's (a stripe is shared by one slug in 64).
    let free = 'free-0';
    for (let i = 1; lockStripes([slug(free)])[0] === lockStripes([slug(held)])[0]; i++) free = `free-${i}`;
    const events: string[] = [];
    const upsert = (name: string) =>
      gql(app, UPSERT, { input: actor(name) }, as(CURATOR_KEY)).then((r) => {
        events.push(`${name} written`);
        return r.body.data?.upsertEntity.__typename;
      });
    let writes: Array<Promise<string>> = [];
    await testRunner().writeTransaction('Test.holdNode', async (tx) => {
      lockAggregates(tx, [slug(held)]);
      await tx.run('Test.locked', 'RETURN 1');
      writes = [upsert(held), upsert(free)];
      // The other node's write does not wait for this transaction (were it to, this gives up).
      await Promise.race([writes[1], new Promise((resolve) => setTimeout(resolve, 20_000))]);
      events.push('holder commits');
    });
    expect(await Promise.all(writes)).toEqual(['MutationUpsertEntitySuccess', 'MutationUpsertEntitySuccess']);
    expect(events).toEqual([`${free} written`, 'holder commits', `${held} written`]);
  });

  it('when the last claim citing a source is unlinked while another writer links one citing it, then the source counts that one', async () => {
    const source = slug('race-source');
    // Two pairs of nodes with no lock stripe in common, and actors of two kinds: the writers meet
    // only at the counters of the source (FactsBySource, FactsByEvidence by type, source and year).
    const pairs: string[][] = [];
    for (let i = 0; pairs.length < 2; i++) {
      const pair = [slug(`race-actor-${i}`), slug(`race-programme-${i}`)];
      if (!pairs.some((p) => lockStripes(p).some((stripe) => lockStripes(pair).includes(stripe)))) pairs.push(pair);
    }
    const [[gone, goneProgramme], [added, addedProgramme]] = pairs as [[string, string], [string, string]];
    await testRunner().write(
      'Test.raceSetup',
      `MERGE (s:Source {id: $source}) SET s.title = 'Race', s.kind = 'document', s.language = 'en'
       WITH s UNWIND $pairs AS pair
       MERGE (a:Entity:Actor {id: pair[0]}) SET a.name = pair[0], a.kind = pair[2]
       MERGE (p:Entity:Programme {id: pair[1]}) SET p.name = pair[1], p.kind = 'project'`,
      { source, pairs: pairs.map(([actor, programme], i) => [actor, programme, i === 0 ? 'state' : 'coalition']) },
    );
    const link = (from: string, to: string) =>
      gql(
        app,
        `mutation L($input: LinkInput!) { linkEntities(input: $input) { __typename } }`,
        { input: { type: 'PARTNER_IN', from, to, evidence: { source, excerpt: 'a partner' } } },
        as(CURATOR_KEY),
      );
    expect((await link(gone, goneProgramme)).body.data.linkEntities.__typename).toBe('MutationLinkEntitiesSuccess');
    let adding: ReturnType<typeof link> | undefined;
    await testRunner().writeTransaction('Test.unlinkHeld', async (tx) => {
      // The source's counters go to zero here, uncommitted; the other link waits on them.
      expect(await deleteLink(tx, { type: 'PARTNER_IN', from: gone, to: goneProgramme, source })).not.toBeNull();
      adding = link(added, addedProgramme);
      for (;;) {
        const blocked = await testRunner().read<{ n: number }>(
          'Test.blockedTransactions',
          "SHOW TRANSACTIONS YIELD status WHERE status STARTS WITH 'Blocked' RETURN count(*) AS n",
        );
        if (blocked[0]!.n > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    expect((await adding!).body.data.linkEntities.__typename).toBe('MutationLinkEntitiesSuccess');
    const { body } = await gql(
      app,
      `{ dashboard {
         evidenceCoverage { bySource { sourceSlug count } }
         groupCount(relationshipTypes: [PARTNER_IN], groupBy: [SOURCE], limit: 1000) { keys count }
       } }`,
    );
    const { evidenceCoverage, groupCount } = body.data.dashboard;
    expect(evidenceCoverage.bySource.filter((s: { sourceSlug: string }) => s.sourceSlug === source)).toEqual([
      { sourceSlug: source, count: 1 },
    ]);
    expect(groupCount.filter((g: { keys: string[] }) => g.keys[0] === source)).toEqual([{ keys: [source], count: 1 }]);
  });

  it('when an admin deletes a node, then it is gone but its audit history remains', async () => {
    await gql(app, CREATE, { input: actor('doomed') }, as(CURATOR_KEY));
    const { body } = await gql(
      app,
      `mutation { deleteEntity(slug: "${slug('doomed')}", comment: "duplicate") { __typename ... on MutationDeleteEntitySuccess { data { slug label } } } }`,
      {},
      as(ADMIN_KEY),
    );
    expect(body.data.deleteEntity.data).toEqual({ slug: slug('doomed'), label: 'Actor' });
    const gone = await gql(app, `{ entity(slug: "${slug('doomed')}") { slug } }`);
    expect(gone.body.errors![0]!.extensions?.code).toBe('NOT_FOUND');
    const audit = await gql(app, `{ changes(node: "${slug('doomed')}") { nodes { action by comment } } }`, {}, as(READER_KEY));
    expect(audit.body.data.changes.nodes).toEqual([
      { action: 'DELETE', by: 'key:root', comment: 'duplicate' },
      { action: 'CREATE', by: 'key:alice', comment: null },
    ]);
  });
});

describe('relationships and facts', () => {
  const LINK = `mutation L($input: LinkInput!) { linkEntities(input: $input) {
    __typename ... on MutationLinkEntitiesSuccess { data { type created properties from { slug } to { slug } evidence { excerpt source { slug } } } }
    ... on ValidationError { problems { field message } } } }`;

  it('when a partner is linked to a programme with evidence, then Programme.partners shows it with its role and source', async () => {
    await gql(app, CREATE, { input: actor('partner') }, as(CURATOR_KEY));
    const input = {
      type: 'PARTNER_IN',
      from: slug('partner'),
      to: 'eu-cyber-direct',
      properties: { role: 'observer', since: '2024-03' },
      evidence: { source: 'doc-000', excerpt: 'EU Cyber Direct dengan Brazil, China, India, Japan' },
    };
    const first = await gql(app, LINK, { input }, as(CURATOR_KEY));
    expect(first.body.data.linkEntities.data).toMatchObject({ type: 'PARTNER_IN', created: true, from: { slug: slug('partner') } });
    const again = await gql(app, LINK, { input }, as(CURATOR_KEY));
    expect(again.body.data.linkEntities.data.created).toBe(false);
    const partners = await gql(
      app,
      `{ programme(slug: "eu-cyber-direct") { partners(withSlugs: ["${slug('partner')}"]) { edges { role since evidence { sourceSlug } } } } }`,
    );
    expect(partners.body.data.programme.partners.edges).toEqual([
      { role: 'observer', since: '2024-03', evidence: { sourceSlug: 'doc-000' } },
    ]);
  });

  it('when a claim is linked again with other values, then the audit trail shows it before and after; a new link takes one statement', async () => {
    await gql(app, CREATE, { input: actor('relinker') }, as(CURATOR_KEY));
    const link = (role: string) => ({
      input: {
        type: 'PARTNER_IN',
        from: slug('relinker'),
        to: 'eu-cyber-direct',
        properties: { role },
        evidence: { source: 'doc-000', excerpt: 'EU Cyber Direct dengan Brazil, China, India, Japan' },
      },
    });
    // Only what the write returns: the ends and source would be read by statements of their own.
    const LINK_CREATED = `mutation L($input: LinkInput!) { linkEntities(input: $input) { ... on MutationLinkEntitiesSuccess { data { created } } } }`;
    const first = await gql(app, LINK_CREATED, link('observer'), as(CURATOR_KEY));
    expect(first.body.data.linkEntities.data.created).toBe(true);
    expect(first.statements).toBe(1);
    const second = await gql(app, LINK_CREATED, link('implementing partner'), as(CURATOR_KEY));
    expect(second.body.data.linkEntities.data.created).toBe(false);
    const audit = await gql(app, `{ changes(node: "${slug('relinker')}") { nodes { action before after } } }`, {}, as(READER_KEY));
    const [relinked, linked] = audit.body.data.changes.nodes.filter((c: { action: string }) => c.action === 'LINK');
    expect(linked.before).toBeNull();
    expect(JSON.parse(linked.after)).toMatchObject({ role: 'observer', source: 'doc-000' });
    expect(JSON.parse(relinked.before)).toMatchObject({ role: 'observer', source: 'doc-000' });
    expect(JSON.parse(relinked.after)).toMatchObject({ role: 'implementing partner', source: 'doc-000' });
  });

  it('when a link breaks several rules, then every problem is listed and nothing is written', async () => {
    const { body } = await gql(
      app,
      LINK,
      {
        input: {
          type: 'PARTNER_IN',
          from: 'eu-cyber-direct',
          to: slug('nowhere'),
          properties: { since: 'March 2024', forum: 'un' },
          evidence: { source: 'no-such-source', excerpt: 'x' },
        },
      },
      as(CURATOR_KEY),
    );
    const fields = body.data.linkEntities.problems.map((p: { field: string }) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['input.evidence.excerpt', 'input.properties.since', 'input.properties.forum']));
  });

  it('when references are wrong, then each is named', async () => {
    const { body } = await gql(
      app,
      LINK,
      {
        input: {
          type: 'PARTNER_IN',
          from: 'eu-cyber-direct',
          to: slug('nowhere'),
          evidence: { source: 'no-such-source', excerpt: 'a real excerpt' },
        },
      },
      as(CURATOR_KEY),
    );
    const problems = body.data.linkEntities.problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: 'input.from', message: 'PARTNER_IN cannot start at a Programme (allowed: Actor)' },
        { field: 'input.to', message: `no node has slug "${slug('nowhere')}"` },
        { field: 'input.evidence.source', message: 'no source has slug "no-such-source"' },
      ]),
    );
  });

  it('when a ratification count is recorded with its as-of date, then the treaty lists it beside the existing claims', async () => {
    const { body } = await gql(
      app,
      `mutation { recordFact(input: { slug: "budapest-convention", property: ratificationCount, value: "76",
          evidence: { source: "coe-treaty-office-185", excerpt: "Budapest Convention (ETS No. 185) opened for signature", asOf: "2025-01" } }) {
        __typename ... on MutationRecordFactSuccess { data { fact { count evidence { asOf } } } } } }`,
      {},
      as(CURATOR_KEY),
    );
    expect(body.data.recordFact.data.fact).toEqual({ count: 76, evidence: { asOf: '2025-01' } });
    const facts = await gql(
      app,
      '{ treaty(slug: "budapest-convention") { facts(property: ratificationCount) { count evidence { sourceSlug } } } }',
    );
    expect(facts.body.data.treaty.facts).toEqual(
      expect.arrayContaining([
        { count: 65, evidence: { sourceSlug: 'doc-002' } },
        { count: 76, evidence: { sourceSlug: 'coe-treaty-office-185' } },
      ]),
    );
    await testRunner().write(
      'Test.removeFact',
      "MATCH (:Source {id: 'coe-treaty-office-185'})-[a:ATTESTS {property: 'ratificationCount', value: 76}]->(:Entity {id: 'budapest-convention'}) DELETE a",
    );
  });

  const UPSERT_WITH_FACTS = `mutation U($input: EntityInput!, $facts: [NodeFactInput!]) {
    upsertEntity(input: $input, facts: $facts, comment: "with its evidence") {
      __typename
      ... on MutationUpsertEntitySuccess { data { created entity { slug date } facts { property value evidence { sourceSlug asOf } } } }
      ... on ValidationError { problems { field message } }
    }
  }`;
  const programme = (name: string) => ({ label: 'Programme', slug: slug(name), name: `Test ${name}`, kind: 'PROGRAMME' });

  it('when a programme is upserted with its start date and a member count, then it is created with both facts, dated by the start, and each is audited', async () => {
    const facts = [
      { property: 'started', value: '2024-05-01', evidence: { source: 'doc-000', excerpt: 'The programme started in May 2024.' } },
      { property: 'memberCount', value: '12', evidence: { source: 'doc-002', excerpt: 'Twelve members take part.', asOf: '2025' } },
    ];
    const { body } = await gql(app, UPSERT_WITH_FACTS, { input: programme('with-facts'), facts }, as(CURATOR_KEY));
    expect(body.data.upsertEntity).toEqual({
      __typename: 'MutationUpsertEntitySuccess',
      data: {
        created: true,
        entity: { slug: slug('with-facts'), date: '2024-05-01' },
        facts: [
          { property: 'started', value: '2024-05-01', evidence: { sourceSlug: 'doc-000', asOf: null } },
          { property: 'memberCount', value: '12', evidence: { sourceSlug: 'doc-002', asOf: '2025' } },
        ],
      },
    });
    const read = await gql(
      app,
      `{ programme(slug: "${slug('with-facts')}") { facts { property value evidence { sourceSlug excerpt } } } }`,
    );
    expect(read.body.data.programme.facts).toEqual(
      expect.arrayContaining([
        { property: 'started', value: '2024-05-01', evidence: { sourceSlug: 'doc-000', excerpt: 'The programme started in May 2024.' } },
        { property: 'memberCount', value: '12', evidence: { sourceSlug: 'doc-002', excerpt: 'Twelve members take part.' } },
      ]),
    );
    const audit = await gql(app, `{ changes(node: "${slug('with-facts')}") { nodes { action target comment } } }`, {}, as(READER_KEY));
    expect(audit.body.data.changes.nodes).toEqual(
      expect.arrayContaining([
        { action: 'CREATE', target: slug('with-facts'), comment: 'with its evidence' },
        { action: 'FACT', target: `${slug('with-facts')}.started@doc-000`, comment: 'with its evidence' },
        { action: 'FACT', target: `${slug('with-facts')}.memberCount@doc-002`, comment: 'with its evidence' },
      ]),
    );
    expect(audit.body.data.changes.nodes).toHaveLength(3);
  });

  it('when a fact given with an upsert is recorded again, then the audit trail says the first write created it and the second did not', async () => {
    const fact = { property: 'started', value: '2023-02', evidence: { source: 'doc-000', excerpt: 'It started in February 2023.' } };
    const upserted = await gql(app, UPSERT_WITH_FACTS, { input: programme('fact-twice'), facts: [fact] }, as(CURATOR_KEY));
    expect(upserted.body.data.upsertEntity.__typename).toBe('MutationUpsertEntitySuccess');
    const again = await gql(
      app,
      `mutation F($input: FactInput!) { recordFact(input: $input) { __typename } }`,
      { input: { slug: slug('fact-twice'), ...fact } },
      as(CURATOR_KEY),
    );
    expect(again.body.data.recordFact.__typename).toBe('MutationRecordFactSuccess');
    const audit = await gql(app, `{ changes(node: "${slug('fact-twice')}") { nodes { action after comment } } }`, {}, as(READER_KEY));
    const facts = audit.body.data.changes.nodes
      .filter((c: { action: string }) => c.action === 'FACT')
      .map((c: { after: string; comment: string | null }) => ({ comment: c.comment, created: JSON.parse(c.after).created }));
    // The upsert's record carries its comment; the second write's has none, and found the fact there.
    expect(facts).toEqual(
      expect.arrayContaining([
        { comment: 'with its evidence', created: true },
        { comment: null, created: false },
      ]),
    );
    expect(facts).toHaveLength(2);
  });

  it('when facts given with an upsert are wrong, then every problem of the node and the facts is named and nothing is written', async () => {
    const facts = [
      { property: 'started', value: 'May 2024', evidence: { source: 'doc-000', excerpt: 'It started in May 2024.' } },
      { property: 'memberCount', value: '12', evidence: { source: 'no-such-source', excerpt: 'Twelve members take part.' } },
    ];
    const invalid = await gql(app, UPSERT_WITH_FACTS, { input: { ...programme('bad-facts'), name: ' ' }, facts }, as(CURATOR_KEY));
    expect(invalid.body.data.upsertEntity.__typename).toBe('ValidationError');
    const fields = invalid.body.data.upsertEntity.problems.map((p: { field: string }) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['input.name', 'facts.0.value']));
    // The values are right now; the missing source is found in the database.
    facts[0]!.value = '2024-05';
    const missing = await gql(app, UPSERT_WITH_FACTS, { input: programme('bad-facts'), facts }, as(CURATOR_KEY));
    expect(missing.body.data.upsertEntity).toEqual({
      __typename: 'ValidationError',
      problems: [{ field: 'facts.1.evidence.source', message: 'no source has slug "no-such-source"' }],
    });
    const read = await gql(app, `{ entities(filter: { slugs: ["${slug('bad-facts')}"] }) { totalCount } }`);
    expect(read.body.data.entities.totalCount).toBe(0);
  });

  it('when a link is removed, then it is gone and the removal is audited, in two statements', async () => {
    const { body, statements } = await gql(
      app,
      `mutation { unlinkEntities(input: { type: PARTNER_IN, from: "${slug('partner')}", to: "eu-cyber-direct", source: "doc-000" }, comment: "wrong reading") {
        __typename ... on MutationUnlinkEntitiesSuccess { data { type } } } }`,
      {},
      as(CURATOR_KEY),
    );
    expect(body.data.unlinkEntities.__typename).toBe('MutationUnlinkEntitiesSuccess');
    // The delete with its counters, then the audit record (it needs what the claim was).
    expect(statements).toBe(2);
    const partners = await gql(
      app,
      `{ programme(slug: "eu-cyber-direct") { partners(withSlugs: ["${slug('partner')}"]) { edges { role } } } }`,
    );
    expect(partners.body.data.programme.partners.edges).toEqual([]);
    const audit = await gql(app, `{ changes(node: "${slug('partner')}") { nodes { action comment } } }`, {}, as(READER_KEY));
    expect(audit.body.data.changes.nodes[0]).toEqual({ action: 'UNLINK', comment: 'wrong reading' });
  });
});

describe('writes and the read cache', () => {
  it('when a write commits, then cached reads are invalidated and show it', async () => {
    const query = `{ entities(filter: { nameContains: "${prefix}-cache" }) { totalCount } }`;
    await gql(app, CREATE, { input: actor('cache-a', { name: `${prefix}-cache a` }) }, as(CURATOR_KEY));
    const before = await gql(app, query);
    const cached = await gql(app, query);
    expect(cached.statements).toBe(0);
    expect(cached.body).toEqual(before.body);
    await gql(app, CREATE, { input: actor('cache-b', { name: `${prefix}-cache b` }) }, as(CURATOR_KEY));
    const after = await gql(app, query);
    expect(after.body.data.entities.totalCount).toBe(before.body.data.entities.totalCount + 1);
  });
});
