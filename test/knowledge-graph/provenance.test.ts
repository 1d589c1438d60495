/**
 * Provenance on every fact: each relationship in the graph names an existing Source and carries
 * a verbatim excerpt from it as evidence, in the source's own language.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_LABELS } from '../../src/domain/model.js';
import { ingestFiles } from '../../src/modules/ingest/ingest.service.js';
import { detectLanguage } from '../../src/modules/ingest/text.js';
import { testRunner } from '../helpers.js';
import { DOCUMENT_FILES, cleanedDocument, curatedSeed, documentPath } from './seed-documents.js';

const cypher = testRunner();
const DOCUMENT_IDS = Object.keys(DOCUMENT_FILES);

beforeAll(async () => {
  // Mentions found by ingest must carry evidence too: make sure there are some to check. Ingest is
  // idempotent, so this is harmless when another test file has ingested the documents already.
  await ingestFiles(cypher, DOCUMENT_IDS.map(documentPath));
});

describe('provenance on every relationship', () => {
  it('when the graph is seeded, then no relationship of any type (ATTESTS and MENTIONS included) lacks a source or an excerpt', async () => {
    const rows = await cypher.read<{ type: string; total: number; missing: number }>(
      'Test.relationshipsWithoutEvidence',
      `MATCH ()-[r]->()
       WITH type(r) AS type, r,
            r.source IS NULL OR NOT r.source IS :: STRING OR trim(r.source) = '' OR
            r.excerpt IS NULL OR NOT r.excerpt IS :: STRING OR trim(r.excerpt) = '' AS missing
       RETURN type, count(r) AS total, sum(CASE WHEN missing THEN 1 ELSE 0 END) AS missing
       ORDER BY type`,
    );
    expect(rows.filter((r) => r.missing > 0)).toEqual([]);
    // The check looked at real data: the seed's relationship kinds are all there.
    const types = rows.map((r) => r.type);
    expect(types).toEqual(expect.arrayContaining(['ATTESTS', 'PARTNER_IN', 'ADOPTED', 'STATED', 'MEMBER_OF', 'ABOUT', 'PROMOTES']));
    expect(types).toContain('MENTIONS');
    const seed = await curatedSeed();
    const seedFacts = NODE_LABELS.reduce((n, label) => n + seed.nodes[label].reduce((m, node) => m + node.facts.length, 0), 0);
    expect(rows.reduce((n, r) => n + r.total, 0)).toBeGreaterThanOrEqual(seed.relationships.length + seedFacts);
  });

  it('when a relationship names its source, then a Source node with that id exists', async () => {
    const rows = await cypher.read<{ type: string; source: string }>(
      'Test.relationshipsWithUnknownSource',
      `MATCH ()-[r]->() WHERE r.source IS NOT NULL AND NOT EXISTS { MATCH (:Source {id: r.source}) }
       RETURN type(r) AS type, r.source AS source LIMIT 20`,
    );
    expect(rows).toEqual([]);
  });

  it('when a relationship starts at a Source (ATTESTS, MENTIONS), then its source property is that Source', async () => {
    const rows = await cypher.read<{ type: string; from: string; source: string }>(
      'Test.sourceEdgesWithOtherSource',
      `MATCH (s:Source)-[r]->() WHERE r.source <> s.id RETURN type(r) AS type, s.id AS from, r.source AS source LIMIT 20`,
    );
    expect(rows).toEqual([]);
    const [row] = await cypher.read<{ attests: number }>(
      'Test.countAttests',
      'MATCH (:Source)-[r:ATTESTS]->(:Entity) RETURN count(r) AS attests',
    );
    expect(row!.attests).toBeGreaterThan(20);
  });
});

describe('excerpts quote their document verbatim', () => {
  it('when a relationship cites one of the four documents, then its excerpt is a substring of that document’s cleaned text', async () => {
    const rows = await cypher.read<{ source: string; type: string; from: string; to: string; excerpt: string }>(
      'Test.documentExcerpts',
      `MATCH (a)-[r]->(b) WHERE r.source IN $documents
       RETURN r.source AS source, type(r) AS type, a.id AS from, b.id AS to, r.excerpt AS excerpt`,
      { documents: DOCUMENT_IDS },
    );
    const texts = Object.fromEntries(await Promise.all(DOCUMENT_IDS.map(async (id) => [id, await cleanedDocument(id)] as const)));
    const notVerbatim = rows
      .filter((r) => !texts[r.source]!.includes(r.excerpt))
      .map((r) => `${r.type} ${r.from} -> ${r.to} (${r.source}): ${r.excerpt}`);
    expect(notVerbatim).toEqual([]);
    for (const id of DOCUMENT_IDS) expect(rows.filter((r) => r.source === id).length, id).toBeGreaterThanOrEqual(20);
  });

  it('when the cleaned documents are quoted, then no excerpt carries encoding debris ("Â", "â€")', async () => {
    const [row] = await cypher.read<{ debris: number }>(
      'Test.excerptDebris',
      `MATCH ()-[r]->() WHERE r.excerpt CONTAINS 'Â' OR r.excerpt CONTAINS 'â€' OR r.excerpt CONTAINS '\u00A0' RETURN count(r) AS debris`,
    );
    expect(row!.debris).toBe(0);
  });

  it('when a document is Indonesian (or English), then the excerpts citing it read as Indonesian (or English)', async () => {
    const rows = await cypher.read<{ source: string; language: string; excerpts: string[] }>(
      'Test.excerptsBySource',
      `MATCH (s:Source) WHERE s.id IN $documents
       MATCH ()-[r {source: s.id}]->()
       RETURN s.id AS source, s.language AS language, collect(DISTINCT r.excerpt) AS excerpts ORDER BY source`,
      { documents: DOCUMENT_IDS },
    );
    expect(rows.map((r) => [r.source, r.language])).toEqual([
      ['doc-000', 'id'],
      ['doc-001', 'en'],
      ['doc-002', 'id'],
      ['doc-003', 'id'],
    ]);
    for (const row of rows) {
      expect(detectLanguage(row.excerpts.join('\n')).language, row.source).toBe(row.language);
    }
  });
});
