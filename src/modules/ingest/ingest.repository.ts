/** Cypher for document ingest: the names to look for, and one document's Source and mentions. */
import { ENTITY_LABEL } from '../../domain/model.js';
import { int, type QueryRunner, type TxRunner } from '../../db/query.js';
import { lockAggregates, wholeNodeScope, withAggregates } from '../aggregates/aggregates.service.js';
import type { NamedNode } from './matcher.js';

export async function findNamedNodes(cypher: QueryRunner): Promise<NamedNode[]> {
  return cypher.read<NamedNode>(
    'Ingest.findNamedNodes',
    `MATCH (n:${ENTITY_LABEL}) WHERE n.id IS NOT NULL
     RETURN n.id AS id, n.name AS name, coalesce(n.aliases, []) AS aliases`,
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
  /** The cleaned text: mention offsets and excerpt spans point into it. */
  text: string;
  mentions: Array<{ nodeId: string; start: number; end: number; matched: string; snippet: string }>;
}

/**
 * Stores the document and replaces its mentions, in one transaction: a re-ingest of changed
 * text never leaves stale offsets behind, and a failure leaves the previous state. Mentions that
 * are still found are kept (MERGE on node and offsets) and only stale ones are deleted, so a
 * re-ingest that finds the same mentions rewrites nothing that readers could see disappear.
 */
/** A document and its mentions in one transaction: more than a single query's timeout on a busy machine. */
const INGEST_TIMEOUT_MS = 120_000;

export async function storeDocument(cypher: QueryRunner, doc: DocumentToStore): Promise<number> {
  return cypher.writeTransaction(
    'Ingest.storeDocument',
    async (tx) => {
      lockAggregates(tx);
      // The document's mentions are its source's relationships: all of them are recounted.
      return withAggregates(tx, wholeNodeScope(doc.id), () => replaceDocument(tx, doc));
    },
    INGEST_TIMEOUT_MS,
  );
}

async function replaceDocument(tx: TxRunner, doc: DocumentToStore): Promise<number> {
  await tx.run(
    'Ingest.mergeSource',
    `MERGE (s:Source {id: $id})
     ON CREATE SET s.title = $title, s.kind = 'document'
     SET s.file = $file, s.language = $language, s.checksum = $checksum, s.length = $length, s.text = $text`,
    { ...doc },
  );
  const keys = doc.mentions.map((m) => mentionKey(m.nodeId, m.start, m.end));
  await tx.run(
    'Ingest.deleteStaleMentions',
    `MATCH (:Source {id: $id})-[m:MENTIONS]->(n)
     WHERE NOT (coalesce(n.id, '') + '|' + toString(m.start) + '|' + toString(m.end)) IN $keys
     DELETE m`,
    { id: doc.id, keys },
  );
  const [row] = await tx.run<{ stored: number }>(
    'Ingest.mergeMentions',
    `MATCH (s:Source {id: $id})
     UNWIND $mentions AS m
     MATCH (n:${ENTITY_LABEL} {id: m.nodeId})
     MERGE (s)-[r:MENTIONS {start: m.start, end: m.end}]->(n)
     SET r.source = $id, r.matched = m.matched, r.excerpt = m.snippet
     RETURN count(r) AS stored`,
    { id: doc.id, mentions: doc.mentions.map((m) => ({ ...m, start: int(m.start), end: int(m.end) })) },
  );
  return row?.stored ?? 0;
}

function mentionKey(nodeId: string, start: number, end: number): string {
  return `${nodeId}|${start}|${end}`;
}
