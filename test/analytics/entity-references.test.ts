/**
 * Analytics take a node the way people name it: a slug, a global id, or its exact name or an
 * alias in either language. A name two nodes share is refused with the candidates listed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, testApp, testRunner, uniquePrefix } from '../helpers.js';

const app = testApp();
const cypher = testRunner();
const prefix = uniquePrefix('refs');
const twinName = `Twin Ministry ${prefix}`;
const globalId = (type: string, slug: string) => Buffer.from(`${type}:${slug}`).toString('base64');

beforeAll(async () => {
  await cypher.write('Test.createTwins', `UNWIND $ids AS id CREATE (:Entity:Actor {id: id, name: $name, aliases: [], kind: 'state'})`, {
    ids: [`${prefix}-a`, `${prefix}-b`],
    name: twinName,
  });
});

afterAll(async () => {
  await cypher.write('Test.cleanupTwins', 'MATCH (n) WHERE n.id STARTS WITH $prefix DETACH DELETE n', { prefix });
});

const PATH_ENDS = `query($from: String!, $to: String!) { paths(from: $from, to: $to) { nodes { slug } } }`;

describe('naming the nodes of a path', () => {
  it('when paths are asked from "Brazil" to "Japan" by name, then they answer as with the slugs', async () => {
    const byName = await gql(app, PATH_ENDS, { from: 'Brazil', to: 'Japan' });
    const bySlug = await gql(app, PATH_ENDS, { from: 'brazil', to: 'japan' });
    expect(byName.body.errors).toBeUndefined();
    expect(byName.body.data.paths.length).toBeGreaterThan(0);
    expect(byName.body.data).toEqual(bySlug.body.data);
  });

  it('when the ends are an Indonesian alias ("Jepang") and a global id, then the path is found', async () => {
    const { body } = await gql(app, PATH_ENDS, { from: 'Jepang', to: globalId('Actor', 'brazil') });
    expect(body.errors).toBeUndefined();
    const path = body.data.paths[0].nodes.map((n: any) => n.slug);
    expect([path[0], path.at(-1)]).toEqual(['japan', 'brazil']);
  });

  it('when a name is written in another case ("uni eropa"), then it still names the EU', async () => {
    const { body } = await gql(app, `{ neighbourhood(slug: "uni eropa") { nodes { id } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.neighbourhood.nodes[0].id).toBe('eu');
  });

  it('when the same node is named twice in two ways, then the error says the ends must differ', async () => {
    const { body } = await gql(app, PATH_ENDS, { from: 'Japan', to: 'japan' });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'to' });
  });
});

describe('naming the nodes to compare', () => {
  it('when common connections are asked for "Japan" and "Brazil", then EU Cyber Direct is among them', async () => {
    const { body } = await gql(app, `{ commonConnections(slugs: ["Japan", "Brazil"], labels: [Programme]) { node { slug } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.commonConnections.map((c: any) => c.node.slug)).toContain('eu-cyber-direct');
  });

  it('when compare gets "Jepang" and "brazil", then the compared nodes are Japan and Brazil, in that order', async () => {
    const { body } = await gql(app, `{ compare(slugs: ["Jepang", "brazil"]) { compared { slug } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.compare.compared.map((n: any) => n.slug)).toEqual(['japan', 'brazil']);
  });

  it('when one node is given as a slug and as its name, then it counts once and two nodes are still needed', async () => {
    const { body } = await gql(app, `{ compare(slugs: ["japan", "Japan"]) { compared { slug } } }`);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'slugs' });
  });
});

describe('names that do not name exactly one node', () => {
  it('when a name is shared by two nodes, then the error is AMBIGUOUS_NAME listing both with their slugs', async () => {
    const { body } = await gql(app, PATH_ENDS, { from: twinName, to: 'japan' });
    expect(body.data).toBeNull();
    const error: any = body.errors?.[0];
    expect(error.extensions).toMatchObject({ code: 'AMBIGUOUS_NAME', argument: 'from', name: twinName });
    expect(error.extensions.candidates.map((c: any) => c.slug).sort()).toEqual([`${prefix}-a`, `${prefix}-b`]);
    expect(error.message).toContain(`slug "${prefix}-a"`);
    expect(error.message).toContain('Give a slug instead');
  });

  it('when a shared name is replaced by one of the slugs, then it answers', async () => {
    const { body } = await gql(app, `query($s: String!) { neighbourhood(slug: $s) { nodes { id } } }`, { s: `${prefix}-a` });
    expect(body.errors).toBeUndefined();
    expect(body.data.neighbourhood.nodes[0].id).toBe(`${prefix}-a`);
  });

  it('when nothing has the name, then the error is NOT_FOUND naming the argument and the text', async () => {
    const { body } = await gql(app, `{ commonConnections(slugs: ["Japan", "Atlantis"]) { node { slug } } }`);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'slugs', id: 'Atlantis' });
    expect(body.errors?.[0]?.message).toContain('"Atlantis"');
  });
});
