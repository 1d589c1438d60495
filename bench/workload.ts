/**
 * The fixed workload: seven representative operations, each written three ways over the same
 * data: our GraphQL API, the hand-written Cypher (the floor: one statement), and the equivalent
 * @neo4j/graphql 7 query (null where the library cannot express it).
 */
import { RELATIONSHIP_TYPE_NAMES } from '../src/domain/model.js';
import { buildSearchQuery } from '../src/modules/search/search.lucene.js';
import { rankedHits, searchParams } from '../src/modules/search/search.repository.js';
import type { Anchors } from './generate.js';

export type ServerKind = 'ours' | 'floor' | 'peer';
export const SERVER_KINDS: readonly ServerKind[] = ['ours', 'floor', 'peer'];

/** A GraphQL request body. */
export interface GraphQLRequest {
  query: string;
  variables: Record<string, unknown>;
}

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Operation {
  key: string;
  title: string;
  /** What the peer variant does differently, when it is not a like-for-like match. */
  peerNote?: string;
  ours: GraphQLRequest;
  /** Hand-written Cypher, run as one statement by the floor server (field `op`). */
  floor: { cypher: string; params: Record<string, unknown>; rows: 'one' | 'many' };
  peer: GraphQLRequest | null;
  /** How many items each answer holds (compared across servers as a sanity check). */
  size: Record<ServerKind, (data: Data) => number>;
}

const ALL_TYPES = RELATIONSHIP_TYPE_NAMES.join('|');
const NODE_LABELS_PARAM = ['Actor', 'Treaty', 'Norm', 'Instrument', 'Programme', 'Event', 'Topic'];

export function buildWorkload(anchors: Anchors): Operation[] {
  const search = buildSearchQuery(anchors.searchText);
  if (!search) throw new Error(`no words in ${anchors.searchText}`);
  const lucene = search.any;
  return [
    {
      key: 'a-programme-partners',
      title: "(a) A programme's partners with role, since and evidence, and each partner's memberships (2 levels)",
      ours: {
        query: `query ProgrammePartners($slug: String!) {
          programme(slug: $slug) {
            slug name
            partners(first: 50) {
              edges {
                role since evidence { sourceSlug excerpt asOf }
                node { slug name kind
                  memberOf(first: 5) { edges { since evidence { sourceSlug excerpt } node { slug name } } }
                }
              }
            }
          }
        }`,
        variables: { slug: anchors.bigProgramme },
      },
      floor: {
        cypher: `MATCH (p:Programme {id: $slug})
          CALL (p) {
            MATCH (p)<-[r:PARTNER_IN]-(a:Actor)
            WITH r, a ORDER BY toLower(a.name), a.id LIMIT 50
            CALL (a) {
              MATCH (a)-[m:MEMBER_OF]->(o:Actor)
              WITH m, o ORDER BY toLower(o.name), o.id LIMIT 5
              RETURN collect({since: m.since, source: m.source, excerpt: m.excerpt, node: o {.id, .name}}) AS memberOf
            }
            RETURN collect({role: r.role, since: r.since, source: r.source, excerpt: r.excerpt, asOf: r.asOf,
                            node: a {.id, .name, .kind, memberOf: memberOf}}) AS partners
          }
          RETURN p {.id, .name, partners: partners} AS programme`,
        params: { slug: anchors.bigProgramme },
        rows: 'one',
      },
      peer: {
        query: `query ProgrammePartners($slug: ID!) {
          programmes(where: { id: { eq: $slug } }) {
            id name
            partnersConnection(first: 50, sort: [{ node: { name: ASC } }]) {
              edges {
                properties { role since source excerpt asOf }
                node { id name kind
                  memberOfConnection(first: 5, sort: [{ node: { name: ASC } }]) { edges { properties { since source excerpt } node { id name } } }
                }
              }
            }
          }
        }`,
        variables: { slug: anchors.bigProgramme },
      },
      size: {
        ours: (d) => d.programme.partners.edges.length,
        floor: (d) => d.op.programme.partners.length,
        peer: (d) => d.programmes[0].partnersConnection.edges.length,
      },
    },
    {
      key: 'b-treaty-parties',
      title: "(b) A treaty's ratifying parties with dates and evidence: first page of 20, total count, hasNextPage",
      ours: {
        query: `query TreatyParties($slug: String!) {
          treaty(slug: $slug) {
            slug name
            parties(status: RATIFIED, first: 20) {
              totalCount
              pageInfo { hasNextPage endCursor }
              edges { date evidence { sourceSlug excerpt asOf } node { slug name countryCode } }
            }
          }
        }`,
        variables: { slug: anchors.bigTreaty },
      },
      floor: {
        cypher: `MATCH (t:Treaty {id: $slug})
          CALL (t) { RETURN COUNT { (t)<-[:RATIFIED]-(:Actor) } AS total }
          CALL (t) {
            MATCH (t)<-[r:RATIFIED]-(a:Actor)
            WITH r, a ORDER BY toLower(a.name), a.id LIMIT 21
            RETURN collect({date: r.date, source: r.source, excerpt: r.excerpt, asOf: r.asOf, node: a {.id, .name, .countryCode}}) AS rows
          }
          RETURN t {.id, .name} AS treaty, total, rows[..20] AS parties, size(rows) > 20 AS hasNextPage`,
        params: { slug: anchors.bigTreaty },
        rows: 'one',
      },
      peer: {
        query: `query TreatyParties($slug: ID!) {
          treaties(where: { id: { eq: $slug } }) {
            id name
            ratifiedByConnection(first: 20, sort: [{ node: { name: ASC } }]) {
              totalCount
              pageInfo { hasNextPage endCursor }
              edges { properties { date source excerpt asOf } node { id name countryCode } }
            }
          }
        }`,
        variables: { slug: anchors.bigTreaty },
      },
      size: {
        ours: (d) => d.treaty.parties.totalCount,
        floor: (d) => d.op.total,
        peer: (d) => d.treaties[0].ratifiedByConnection.totalCount,
      },
    },
    {
      key: 'c-neighbourhood',
      title: "(c) An actor's neighbourhood: up to 150 nodes within 1 hop and the relationships among them (max 1000)",
      peerNote:
        'approximation: typed 1-hop connection fields (8 relationship fields, 150 each), no edges among the neighbours, no global cap',
      ours: {
        query: `query Neighbourhood($slug: String!) {
          neighbourhood(slug: $slug, depth: 1, maxNodes: 150, maxEdges: 1000) {
            truncated
            nodes { id label kind name }
            edges { id source target type properties { role date since forum } evidence { sourceSlug excerpt } }
          }
        }`,
        variables: { slug: anchors.state },
      },
      floor: {
        cypher: `MATCH (c:Entity {id: $slug})
          CALL (c) {
            MATCH (c)-[:${ALL_TYPES}]-(b:Entity) WHERE b <> c
            WITH DISTINCT b LIMIT 150
            RETURN collect(b) AS found
          }
          WITH [c] + found[..149] AS ns, size(found) > 149 AS cut
          CALL (ns) {
            UNWIND ns AS a
            MATCH (a)-[r:${ALL_TYPES}]->(b:Entity) WHERE b IN ns
            WITH r LIMIT 1001
            RETURN collect(r) AS rels
          }
          RETURN [n IN ns | n {.id, .name, .kind, label: head([l IN labels(n) WHERE l IN $nodeLabels])}] AS nodes,
                 [r IN rels[..1000] | {type: type(r), source: startNode(r).id, target: endNode(r).id, props: properties(r)}] AS edges,
                 cut OR size(rels) > 1000 AS truncated`,
        params: { slug: anchors.state, nodeLabels: NODE_LABELS_PARAM },
        rows: 'one',
      },
      peer: {
        query: `query Neighbourhood($slug: ID!) {
          actors(where: { id: { eq: $slug } }) {
            id name kind
            programmesConnection(first: 150) { edges { properties { role since source excerpt } node { id name kind } } }
            memberOfConnection(first: 150) { edges { properties { since source excerpt } node { id name kind } } }
            membersConnection(first: 150) { edges { properties { since source excerpt } node { id name kind } } }
            signedConnection(first: 150) { edges { properties { date source excerpt } node { id name kind } } }
            ratifiedConnection(first: 150) { edges { properties { date source excerpt } node { id name kind } } }
            promotesConnection(first: 150) { edges { properties { forum source excerpt } node { id name kind } } }
            adoptedConnection(first: 150) { edges { properties { date source excerpt } node { id name kind } } }
            participatesInConnection(first: 150) { edges { properties { source excerpt } node { id name kind } } }
          }
        }`,
        variables: { slug: anchors.state },
      },
      size: {
        ours: (d) => d.neighbourhood.nodes.length,
        floor: (d) => d.op.nodes.length,
        peer: (d) => {
          const a = d.actors[0];
          const ids = new Set<string>([a.id]);
          for (const [k, v] of Object.entries(a)) if (k.endsWith('Connection')) for (const e of (v as Data).edges) ids.add(e.node.id);
          return ids.size;
        },
      },
    },
    {
      key: 'd-shortest-path',
      title: '(d) One shortest path (any domain relationship, at most 4 hops) between two actors, with every hop',
      peerNote: '@cypher field (the library has no path type): nodes only, no hops/evidence',
      ours: {
        query: `query Path($from: String!, $to: String!) {
          paths(from: $from, to: $to, maxLength: 4, limit: 1) {
            length
            nodes { slug name }
            hops { type direction properties { role date since } evidence { sourceSlug excerpt } }
          }
        }`,
        variables: { from: anchors.state, to: anchors.otherActor },
      },
      floor: {
        cypher: `MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
          MATCH p = shortestPath((a)-[:${ALL_TYPES}*..4]-(b))
          RETURN [n IN nodes(p) | n {.id, .name}] AS nodes,
                 [r IN relationships(p) | {type: type(r), start: startNode(r).id, props: properties(r)}] AS hops`,
        params: { from: anchors.state, to: anchors.otherActor },
        rows: 'one',
      },
      peer: {
        query: `query Path($from: ID!, $to: ID!) { shortestPathNodes(from: $from, to: $to) { id name } }`,
        variables: { from: anchors.state, to: anchors.otherActor },
      },
      size: {
        ours: (d) => d.paths[0]?.nodes.length ?? 0,
        floor: (d) => d.op?.nodes.length ?? 0,
        peer: (d) => d.shortestPathNodes.length,
      },
    },
    {
      key: 'e-bilingual-search',
      title: `(e) Bilingual full-text search ("${anchors.searchText}": Indonesian words, English-named nodes), top 20`,
      peerNote:
        '@cypher field over the same full-text index; the client sends the forgiving (any-word) Lucene query our service builds, without the exact-name and all-words tiers',
      ours: {
        query: `query Search($text: String!) { search(text: $text, first: 20) { edges { score node { __typename slug name } } } }`,
        variables: { text: anchors.searchText },
      },
      floor: {
        // The same tiered statement (exact name, all words, any word), projecting what is asked.
        cypher: `${rankedHits(null)}
          RETURN node {.id, .name, label: head([l IN labels(node) WHERE l IN $nodeLabels])} AS node, tier + score / (score + 1.0) AS score
          ORDER BY tier DESC, score DESC, node.id ASC LIMIT 20`,
        params: { ...searchParams(search, null), k: 200, nodeLabels: NODE_LABELS_PARAM },
        rows: 'many',
      },
      peer: {
        query: `query Search($query: String!) { searchEntities(query: $query, first: 20) { __typename id name } }`,
        variables: { query: lucene },
      },
      size: {
        ours: (d) => d.search.edges.length,
        floor: (d) => d.op.length,
        peer: (d) => d.searchEntities.length,
      },
    },
    {
      key: 'f-dashboard-groupby',
      title: '(f) Dashboard: partners per programme by partner kind (group by end node and start kind), top 100',
      peerNote: '@cypher field (no native group-by); rows as strings',
      ours: {
        query: `query Dashboard { dashboard { groupCount(relationshipTypes: [PARTNER_IN], groupBy: [END_NODE, START_KIND], limit: 100) { keys count } } }`,
        variables: {},
      },
      floor: {
        cypher: `MATCH (a)-[r:PARTNER_IN]->(b)
          WITH b.id AS programme, a.kind AS kind, count(*) AS count
          RETURN programme, kind, count ORDER BY count DESC, programme, kind LIMIT 100`,
        params: {},
        rows: 'many',
      },
      peer: {
        query: `query Dashboard { partnerKindsPerProgramme(limit: 100) }`,
        variables: {},
      },
      size: {
        ours: (d) => d.dashboard.groupCount.length,
        floor: (d) => d.op.length,
        peer: (d) => d.partnerKindsPerProgramme.length,
      },
    },
    {
      key: 'g-deep-nested',
      title: '(g) Deep nesting, 4 levels: 10 programmes -> 10 partners each -> 5 of their programmes -> 5 partners each',
      ours: {
        query: `query Deep {
          programmes(first: 10) { edges { node { slug name
            partners(first: 10) { edges { role node { slug name
              programmes(first: 5) { edges { role node { slug name
                partners(first: 5) { edges { role node { slug name } } }
              } } }
            } } }
          } } }
        }`,
        variables: {},
      },
      floor: {
        cypher: `MATCH (p:Programme)
          WITH p ORDER BY toLower(p.name), p.id LIMIT 10
          CALL (p) {
            MATCH (p)<-[r:PARTNER_IN]-(a:Actor)
            WITH r, a ORDER BY toLower(a.name), a.id LIMIT 10
            CALL (a) {
              MATCH (a)-[r2:PARTNER_IN]->(p2:Programme)
              WITH r2, p2 ORDER BY toLower(p2.name), p2.id LIMIT 5
              CALL (p2) {
                MATCH (p2)<-[r3:PARTNER_IN]-(a3:Actor)
                WITH r3, a3 ORDER BY toLower(a3.name), a3.id LIMIT 5
                RETURN collect({role: r3.role, node: a3 {.id, .name}}) AS partners
              }
              RETURN collect({role: r2.role, node: p2 {.id, .name, partners: partners}}) AS programmes
            }
            RETURN collect({role: r.role, node: a {.id, .name, programmes: programmes}}) AS partners
          }
          RETURN p {.id, .name, partners: partners} AS programme`,
        params: {},
        rows: 'many',
      },
      peer: {
        query: `query Deep {
          programmes(limit: 10, sort: [{ name: ASC }]) { id name
            partnersConnection(first: 10, sort: [{ node: { name: ASC } }]) { edges { properties { role } node { id name
              programmesConnection(first: 5, sort: [{ node: { name: ASC } }]) { edges { properties { role } node { id name
                partnersConnection(first: 5, sort: [{ node: { name: ASC } }]) { edges { properties { role } node { id name } } }
              } } }
            } } }
          }
        }`,
        variables: {},
      },
      size: {
        ours: (d) =>
          countLeaves(
            d.programmes.edges.map((e: Data) => e.node),
            ['partners', 'programmes', 'partners'],
            (x) => x.edges.map((e: Data) => e.node),
          ),
        floor: (d) =>
          countLeaves(
            d.op.map((r: Data) => r.programme),
            ['partners', 'programmes', 'partners'],
            (x) => x.map((e: Data) => e.node),
          ),
        peer: (d) =>
          countLeaves(d.programmes, ['partnersConnection', 'programmesConnection', 'partnersConnection'], (x) =>
            x.edges.map((e: Data) => e.node),
          ),
      },
    },
  ];
}

/** Number of nodes at the deepest level of a nested answer. */
function countLeaves(items: Data[], path: string[], children: (field: Data) => Data[]): number {
  if (path.length === 0) return items.length;
  const [head, ...rest] = path;
  return items.reduce((n, item) => n + countLeaves(children(item[head!]), rest, children), 0);
}
