/**
 * The peer: @neo4j/graphql 7 type definitions over the same labels, relationship types and
 * properties as our graph. Written the way its users write them: one type per label, one
 * `@relationship` field per question, `@relationshipProperties` types for role/since/date and
 * the evidence, and `@cypher` fields where the library has no native feature (full-text search
 * over our existing index, shortest path, group-by counts).
 */
export const PEER_TYPE_DEFS = /* GraphQL */ `
  type PartnerIn @relationshipProperties {
    role: String
    since: String
    source: String!
    excerpt: String!
    asOf: String
  }

  type Dated @relationshipProperties {
    date: String
    source: String!
    excerpt: String!
    asOf: String
  }

  type Membership @relationshipProperties {
    since: String
    source: String!
    excerpt: String!
    asOf: String
  }

  type Promotion @relationshipProperties {
    forum: String
    source: String!
    excerpt: String!
    asOf: String
  }

  type Evidence @relationshipProperties {
    source: String!
    excerpt: String!
    asOf: String
  }

  interface Entity {
    id: ID!
    name: String!
    kind: String!
  }

  type Actor implements Entity @node(labels: ["Actor", "Entity"]) {
    id: ID!
    name: String!
    kind: String!
    aliases: [String!]
    description: String
    countryCode: String
    programmes: [Programme!]! @relationship(type: "PARTNER_IN", direction: OUT, properties: "PartnerIn")
    memberOf: [Actor!]! @relationship(type: "MEMBER_OF", direction: OUT, properties: "Membership")
    members: [Actor!]! @relationship(type: "MEMBER_OF", direction: IN, properties: "Membership")
    signed: [Treaty!]! @relationship(type: "SIGNED", direction: OUT, properties: "Dated")
    ratified: [Treaty!]! @relationship(type: "RATIFIED", direction: OUT, properties: "Dated")
    promotes: [Norm!]! @relationship(type: "PROMOTES", direction: OUT, properties: "Promotion")
    adopted: [Instrument!]! @relationship(type: "ADOPTED", direction: OUT, properties: "Dated")
    targetedBy: [Instrument!]! @relationship(type: "TARGETS", direction: IN, properties: "Evidence")
    participatesIn: [Event!]! @relationship(type: "PARTICIPATES_IN", direction: OUT, properties: "Evidence")
  }

  type Programme implements Entity @node(labels: ["Programme", "Entity"]) {
    id: ID!
    name: String!
    kind: String!
    aliases: [String!]
    description: String
    date: String
    partners: [Actor!]! @relationship(type: "PARTNER_IN", direction: IN, properties: "PartnerIn")
    topics: [Topic!]! @relationship(type: "ABOUT", direction: OUT, properties: "Evidence")
  }

  type Treaty implements Entity @node(labels: ["Treaty", "Entity"]) {
    id: ID!
    name: String!
    kind: String!
    aliases: [String!]
    date: String
    signedBy: [Actor!]! @relationship(type: "SIGNED", direction: IN, properties: "Dated")
    ratifiedBy: [Actor!]! @relationship(type: "RATIFIED", direction: IN, properties: "Dated")
  }

  type Norm implements Entity @node(labels: ["Norm", "Entity"]) {
    id: ID!
    name: String!
    kind: String!
    aliases: [String!]
    promotedBy: [Actor!]! @relationship(type: "PROMOTES", direction: IN, properties: "Promotion")
    topics: [Topic!]! @relationship(type: "ABOUT", direction: OUT, properties: "Evidence")
  }

  type Instrument implements Entity @node(labels: ["Instrument", "Entity"]) {
    id: ID!
    name: String!
    kind: String!
    aliases: [String!]
    date: String
    adoptedBy: [Actor!]! @relationship(type: "ADOPTED", direction: IN, properties: "Dated")
    targets: [Actor!]! @relationship(type: "TARGETS", direction: OUT, properties: "Evidence")
    topics: [Topic!]! @relationship(type: "ABOUT", direction: OUT, properties: "Evidence")
  }

  type Event implements Entity @node(labels: ["Event", "Entity"]) {
    id: ID!
    name: String!
    kind: String!
    date: String
    participants: [Actor!]! @relationship(type: "PARTICIPATES_IN", direction: IN, properties: "Evidence")
  }

  type Topic implements Entity @node(labels: ["Topic", "Entity"]) {
    id: ID!
    name: String!
    kind: String!
  }

  type Source @node(labels: ["Source"]) {
    id: ID!
    title: String!
    language: String
  }

  type Query {
    "Full-text search over our existing index (the library's @fulltext would create its own)."
    searchEntities(query: String!, first: Int!): [Entity!]!
      @cypher(
        statement: """
        CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node, score
        WITH node ORDER BY score DESC, node.id ASC LIMIT $first
        RETURN node
        """
        columnName: "node"
      )

    "The nodes of one shortest path (the library has no path type)."
    shortestPathNodes(from: ID!, to: ID!): [Entity!]!
      @cypher(
        statement: """
        MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
        MATCH p = shortestPath((a)-[*..4]-(b))
        UNWIND nodes(p) AS n
        RETURN n
        """
        columnName: "n"
      )

    "Group-by counts (no native group-by): keys joined with '|' and the count, one string per group."
    partnerKindsPerProgramme(limit: Int!): [String!]!
      @cypher(
        statement: """
        MATCH (a:Entity)-[r:PARTNER_IN]->(b:Entity)
        WITH b.id AS k0, a.kind AS k1, count(*) AS count
        ORDER BY count DESC, k0 ASC, k1 ASC LIMIT $limit
        RETURN k0 + '|' + coalesce(k1, '') + '|' + toString(count) AS row
        """
        columnName: "row"
      )
  }
`;
