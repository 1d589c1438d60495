/**
 * Document ingest: read a plain-text file, clean it, detect its language, store it as a Source
 * and link it with MENTIONS to every node it names. Each file is its own transaction, so one
 * unreadable file is reported and skipped while the others load.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { QueryRunner } from '../../db/query.js';
import { findNamedNodes, findSourceFor, storeDocument } from './ingest.repository.js';
import { MentionMatcher, snippetAround } from './matcher.js';
import { UnreadableDocumentError, cleanText, decodeText, detectLanguage } from './text.js';

export type IngestOutcome =
  | { file: string; status: 'ingested'; sourceId: string; language: string; mentions: number; unchanged: boolean }
  | { file: string; status: 'skipped'; reason: string };

export function slugFromFileName(fileName: string): string {
  const base = path.basename(fileName).replace(/\.[^.]+$/, '');
  const slug = base
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `doc-${slug || 'untitled'}`;
}

export async function ingestFiles(cypher: QueryRunner, files: readonly string[]): Promise<IngestOutcome[]> {
  const matcher = new MentionMatcher(await findNamedNodes(cypher));
  const outcomes: IngestOutcome[] = [];
  for (const file of files) {
    outcomes.push(await ingestOne(cypher, matcher, file));
  }
  return outcomes;
}

async function ingestOne(cypher: QueryRunner, matcher: MentionMatcher, file: string): Promise<IngestOutcome> {
  let text: string;
  try {
    text = cleanText(decodeText(await readFile(file)));
  } catch (error) {
    if (error instanceof UnreadableDocumentError) return { file, status: 'skipped', reason: error.message };
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { file, status: 'skipped', reason: 'no such file' };
    if (code === 'EISDIR') return { file, status: 'skipped', reason: 'is a folder, not a file' };
    return { file, status: 'skipped', reason: (error as Error).message };
  }

  const guess = detectLanguage(text);
  if (!guess.language) {
    const why = guess.words < 15 ? `only ${guess.words} words` : 'neither English nor Indonesian';
    return { file, status: 'skipped', reason: `cannot tell its language (${why}); only English and Indonesian documents are read` };
  }

  const checksum = createHash('sha256').update(text).digest('hex');
  const fileName = path.basename(file);
  const existing = await findSourceFor(cypher, checksum, fileName);
  const sourceId = existing?.id ?? slugFromFileName(fileName);
  const mentions = matcher.find(text).map((m) => ({ ...m, snippet: snippetAround(text, m.start, m.end) }));
  const stored = await storeDocument(cypher, {
    id: sourceId,
    title: fileName,
    file: fileName,
    language: guess.language,
    checksum,
    length: text.length,
    text,
    mentions,
  });
  return {
    file,
    status: 'ingested',
    sourceId,
    language: guess.language,
    mentions: stored,
    unchanged: existing?.checksum === checksum,
  };
}
