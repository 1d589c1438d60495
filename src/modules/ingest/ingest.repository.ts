/** Cypher for document ingest: the names to look for, and one document's Source and mentions. */
import { ENTITY_LABEL } from '../../domain/model.js';
import type { QueryRunner } from '../../db/query.js';
import type { NamedNode } from './matcher.js';

export async function findNamedNodes(cypher: QueryRunner): Promise<NamedNode[]> {
  return cypher.read<NamedNode>(
    'Ingest.findNamedNodes',
    `MATCH (n:${ENTITY_LABEL}) RETURN n.id AS id, n.name AS name, coalesce(n.aliases, []) AS aliases`,
  );
}

export interface ExistingSource {
  id: string;
  checksum: string | null;
}

/** A Source already holding this text (same checksum), or the seed's Source for this file name. */
export async function findSourceFor(cypher: QueryRunner, checksum: string, fileName: string): Promise<ExistingSource | null> {
  const rows = await cypher.read<ExistingSource>(
    'Ingest.findSourceFor',
    `OPTIONAL MATCH (byChecksum:Source {checksum: $checksum})
     OPTIONAL MATCH (byFile:Source {file: $fileName})
     WITH coalesce(byChecksum, byFile) AS s WHERE s IS NOT NULL
     RETURN s.id AS id, s.checksum AS checksum LIMIT 1`,
    { checksum, fileName },
  );
  return rows[0] ?? null;
}

export interface DocumentToStore {
  id: string;
  title: string;
  file: string;
  language: string;
  checksum: string;
  length: number;
  mentions: Array<{ nodeId: string; start: number; end: number; matched: string; snippet: string }>;
}

/**
 * Stores the document and replaces its mentions, in one transaction: a re-ingest of changed
 * text never leaves stale offsets behind, and a failure leaves the previous state.
 */
export async function storeDocument(cypher: QueryRunner, doc: DocumentToStore): Promise<number> {
  return cypher.writeTransaction('Ingest.storeDocument', async (tx) => {
    await tx.run(
      'Ingest.mergeSource',
      `MERGE (s:Source {id: $id})
       ON CREATE SET s.title = $title, s.kind = 'document'
       SET s.file = $file, s.language = $language, s.checksum = $checksum, s.length = $length`,
      { ...doc },
    );
    await tx.run('Ingest.clearMentions', 'MATCH (:Source {id: $id})-[m:MENTIONS]->() DELETE m', { id: doc.id });
    const [row] = await tx.run<{ created: number }>(
      'Ingest.createMentions',
      `MATCH (s:Source {id: $id})
       UNWIND $mentions AS m
       MATCH (n:${ENTITY_LABEL} {id: m.nodeId})
       CREATE (s)-[r:MENTIONS {source: $id, start: m.start, end: m.end, matched: m.matched, excerpt: m.snippet}]->(n)
       RETURN count(r) AS created`,
      { id: doc.id, mentions: doc.mentions },
    );
    return row?.created ?? 0;
  });
}
