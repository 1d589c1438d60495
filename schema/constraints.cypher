// The database schema: constraints and indexes. Applied on every start-up and by the seed
// loader; every statement is idempotent (IF NOT EXISTS). One statement per `;`.

// Every domain node carries :Entity and its kind label; ids are unique across all kinds.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT treaty_id IF NOT EXISTS FOR (n:Treaty) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT norm_id IF NOT EXISTS FOR (n:Norm) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT instrument_id IF NOT EXISTS FOR (n:Instrument) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT programme_id IF NOT EXISTS FOR (n:Programme) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT topic_id IF NOT EXISTS FOR (n:Topic) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (s:Source) REQUIRE s.id IS UNIQUE;

// Lookups, filters and sorts that the API pushes into Cypher.
CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind);
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
CREATE INDEX entity_date IF NOT EXISTS FOR (n:Entity) ON (n.date);
CREATE INDEX source_checksum IF NOT EXISTS FOR (s:Source) ON (s.checksum);
CREATE INDEX source_language IF NOT EXISTS FOR (s:Source) ON (s.language);

// Names and aliases in English and Indonesian. `searchNames` joins name and aliases because
// full-text indexes only read string properties. The standard-folding analyzer lower-cases
// and folds accents (Barrinha ~ Barrínha) without stemming one language's words by the other's
// rules; `search` adds prefixes, typos, English endings and compounds at query time
// (src/modules/search/search.lucene.ts).
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS
FOR (n:Entity) ON EACH [n.name, n.searchNames, n.description]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false } };

// The same text stemmed by Lucene's Indonesian analyzer (meN-, ber-, di-, pe-an, -kan, -nya:
// "melindungi" ~ "perlindungan", "membangun" ~ "pembangunan"); `search` asks both indexes in
// one statement. Its property list differs from entity_search's because Neo4j keeps one
// full-text index per label and property set.
CREATE FULLTEXT INDEX entity_search_id IF NOT EXISTS
FOR (n:Entity) ON EACH [n.searchNames, n.description]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'indonesian', `fulltext.eventually_consistent`: false } };

// The audit trail: one :Change per write, found by time, author or node.
CREATE CONSTRAINT change_id IF NOT EXISTS FOR (c:Change) REQUIRE c.id IS UNIQUE;
CREATE INDEX change_at IF NOT EXISTS FOR (c:Change) ON (c.at);
CREATE INDEX change_by IF NOT EXISTS FOR (c:Change) ON (c.by);

// Dashboard aggregates (src/modules/aggregates/aggregates.repository.ts): counters found by a
// unique key when a write moves them, and read by type and side when a dashboard asks; the
// state node and the writers' lock stripes.
CREATE CONSTRAINT aggregate_state_id IF NOT EXISTS FOR (s:AggregateState) REQUIRE s.id IS UNIQUE;
CREATE CONSTRAINT aggregate_lock_id IF NOT EXISTS FOR (l:AggregateLock) REQUIRE l.id IS UNIQUE;
CREATE CONSTRAINT facts_by_class_key IF NOT EXISTS FOR (t:FactsByClass) REQUIRE t.key IS UNIQUE;
CREATE CONSTRAINT facts_by_evidence_key IF NOT EXISTS FOR (t:FactsByEvidence) REQUIRE t.key IS UNIQUE;
CREATE CONSTRAINT facts_by_node_key IF NOT EXISTS FOR (t:FactsByNode) REQUIRE t.key IS UNIQUE;
CREATE CONSTRAINT degree_by_node_key IF NOT EXISTS FOR (t:DegreeByNode) REQUIRE t.key IS UNIQUE;
CREATE CONSTRAINT dated_by_label_key IF NOT EXISTS FOR (t:DatedByLabel) REQUIRE t.key IS UNIQUE;
CREATE CONSTRAINT facts_by_source_key IF NOT EXISTS FOR (t:FactsBySource) REQUIRE t.key IS UNIQUE;
CREATE INDEX facts_by_node_count IF NOT EXISTS FOR (t:FactsByNode) ON (t.type, t.side, t.count);
CREATE INDEX degree_by_node_count IF NOT EXISTS FOR (t:DegreeByNode) ON (t.type, t.side, t.count);
