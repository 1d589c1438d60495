/**
 * Document ingest: the four seed documents attach to the seed's Sources and yield MENTIONS of the
 * actors they name, at the right offsets; a second ingest changes nothing; files that cannot be
 * read are skipped with a reason while the others load. Plus the text cleaning it relies on.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphFingerprint } from '../fingerprint.js';
import { ingestFiles, slugFromFileName, type IngestOutcome } from '../../src/modules/ingest/ingest.service.js';
import { UnreadableDocumentError, cleanText, decodeText, detectLanguage } from '../../src/modules/ingest/text.js';
import { testRunner, uniquePrefix } from '../helpers.js';
import { DOCUMENT_FILES, cleanedDocument, curatedSeedScope, documentPath } from './seed-documents.js';

const cypher = testRunner();
const DOCUMENT_IDS = Object.keys(DOCUMENT_FILES);

interface MentionRow {
  source: string;
  nodeId: string;
  name: string;
  aliases: string[];
  start: number;
  end: number;
  startType: string;
  matched: string;
  excerpt: string;
}

async function mentionsOf(sourceIds: string[]): Promise<MentionRow[]> {
  return cypher.read<MentionRow>(
    'Test.mentionsOf',
    `MATCH (s:Source)-[m:MENTIONS]->(n:Entity) WHERE s.id IN $sourceIds
     RETURN s.id AS source, n.id AS nodeId, n.name AS name, coalesce(n.aliases, []) AS aliases,
            m.start AS start, m.end AS end, valueType(m.start) AS startType, m.matched AS matched, m.excerpt AS excerpt
     ORDER BY source, start, nodeId`,
    { sourceIds },
  );
}

const normalise = (s: string) => s.toLowerCase().replace(/\s+/g, ' ');

describe('ingesting the four seed documents', () => {
  let outcomes: IngestOutcome[];
  let texts: Record<string, string>;

  beforeAll(async () => {
    texts = Object.fromEntries(await Promise.all(DOCUMENT_IDS.map(async (id) => [id, await cleanedDocument(id)] as const)));
    outcomes = await ingestFiles(cypher, DOCUMENT_IDS.map(documentPath));
  });

  it('when the files are ingested, then they attach to the seed Sources doc-000..doc-003 by file name, with detected languages id, en, id, id', async () => {
    expect(outcomes.map((o) => (o.status === 'ingested' ? [o.sourceId, o.language] : [o.status, o.reason]))).toEqual([
      ['doc-000', 'id'],
      ['doc-001', 'en'],
      ['doc-002', 'id'],
      ['doc-003', 'id'],
    ]);
    const sources = await cypher.read<{ id: string; file: string; kind: string; language: string; checksum: string; length: number }>(
      'Test.documentSources',
      `MATCH (s:Source) WHERE s.file IN $files
       RETURN s.id AS id, s.file AS file, s.kind AS kind, s.language AS language, s.checksum AS checksum, s.length AS length
       ORDER BY id`,
      { files: Object.values(DOCUMENT_FILES) },
    );
    expect(sources).toEqual(
      DOCUMENT_IDS.map((id, i) => ({
        id,
        file: DOCUMENT_FILES[id],
        kind: 'document',
        language: ['id', 'en', 'id', 'id'][i],
        checksum: createHash('sha256').update(texts[id]!).digest('hex'),
        length: texts[id]!.length,
      })),
    );
    const [created] = await cypher.read<{ count: number }>(
      'Test.slugSources',
      'MATCH (s:Source) WHERE s.id IN $slugs RETURN count(s) AS count',
      { slugs: Object.values(DOCUMENT_FILES).map(slugFromFileName) },
    );
    expect(created!.count).toBe(0);
  });

  it('when the documents name actors in either language, then each Source MENTIONS them', async () => {
    const mentions = await mentionsOf(DOCUMENT_IDS);
    const mentioned = (source: string) => new Set(mentions.filter((m) => m.source === source).map((m) => m.nodeId));
    const matchedFor = (source: string, nodeId: string) =>
      new Set(mentions.filter((m) => m.source === source && m.nodeId === nodeId).map((m) => m.matched));

    expect([...mentioned('doc-000')]).toEqual(
      expect.arrayContaining(['eu', 'japan', 'ec3', 'eunity', 'eu-cyber-direct', 'asean', 'oas', 'au', 'south-korea']),
    );
    expect([...matchedFor('doc-000', 'eu')].sort()).toEqual(['UE', 'Uni Eropa']);
    expect([...matchedFor('doc-000', 'japan')].sort()).toEqual(['Japan', 'Jepang']);
    expect([...matchedFor('doc-000', 'south-korea')]).toEqual(['Korea Selatan']);

    expect([...mentioned('doc-001')]).toEqual(expect.arrayContaining(['eu', 'eeas', 'osce', 'nato', 'western-balkans', 'serbia']));
    expect([...mentioned('doc-002')]).toEqual(
      expect.arrayContaining(['russia', 'council-of-europe', 'budapest-convention', 'joyce-hakmeh', 'allison-peters']),
    );
    expect([...matchedFor('doc-002', 'council-of-europe')]).toEqual(['Dewan Eropa']);
    expect([...matchedFor('doc-002', 'russia')]).toEqual(['Rusia']);
    expect([...mentioned('doc-003')]).toEqual(expect.arrayContaining(['cyber-diplomacy', 'capacity-building', 'manantan']));
    // Names that the documents do not use are not found.
    expect(mentioned('doc-003').has('eu')).toBe(false);
    expect(mentioned('doc-001').has('russia')).toBe(false);
  });

  it('when a mention is stored, then its offsets slice exactly the matched name or alias out of the cleaned text, and its excerpt quotes it', async () => {
    const mentions = await mentionsOf(DOCUMENT_IDS);
    expect(mentions.length).toBeGreaterThan(150);
    const wrong = mentions.filter((m) => {
      const text = texts[m.source];
      const spellings = [m.name, ...m.aliases].map(normalise);
      return (
        m.startType !== 'INTEGER NOT NULL' ||
        text!.slice(m.start, m.end) !== m.matched ||
        !spellings.includes(normalise(m.matched)) ||
        !m.excerpt.includes(m.matched) ||
        !text!.includes(m.excerpt)
      );
    });
    expect(wrong).toEqual([]);
    // Mentions of one source never overlap.
    for (const id of DOCUMENT_IDS) {
      const ofSource = mentions.filter((m) => m.source === id);
      for (let i = 1; i < ofSource.length; i++) expect(ofSource[i]!.start).toBeGreaterThanOrEqual(ofSource[i - 1]!.end);
    }
  });

  it('when doc-000 names "EU Cyber Direct", then that is one mention of eu-cyber-direct and not also one of eu', async () => {
    const mentions = await mentionsOf(['doc-000']);
    const start = texts['doc-000']!.indexOf('EU Cyber Direct');
    expect(start).toBeGreaterThan(0);
    const at = mentions.filter((m) => m.start < start + 'EU Cyber Direct'.length && start < m.end);
    expect(at.map((m) => [m.nodeId, m.start, m.end, m.matched])).toEqual([
      ['eu-cyber-direct', start, start + 'EU Cyber Direct'.length, 'EU Cyber Direct'],
    ]);
  });

  it('when the same documents are ingested again, then nothing changes and each is reported unchanged', async () => {
    const scope = await curatedSeedScope();
    const before = await graphFingerprint(cypher, scope);
    const mentionsBefore = await mentionsOf(DOCUMENT_IDS);
    const again = await ingestFiles(cypher, DOCUMENT_IDS.map(documentPath));
    expect(again).toEqual(outcomes.map((o) => (o.status === 'ingested' ? { ...o, unchanged: true } : o)));
    expect(await mentionsOf(DOCUMENT_IDS)).toEqual(mentionsBefore);
    expect(await graphFingerprint(cypher, scope)).toBe(before);
  });
});

describe('ingesting user documents', () => {
  const prefix = uniquePrefix('ingest');
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cdg-ingest-'));
  });

  afterAll(async () => {
    const slugs = ['binary', 'empty', 'french', 'german', 'english'].map((name) => slugFromFileName(`${prefix}-${name}.txt`));
    await cypher.write('Test.cleanupIngest', 'MATCH (s:Source) WHERE s.id IN $slugs DETACH DELETE s', { slugs });
    await rm(dir, { recursive: true, force: true });
  });

  it('when one call brings a binary, an empty, a French, a German and an English file, then the bad ones are skipped with reasons and the English one loads', async () => {
    const file = (name: string) => path.join(dir, `${prefix}-${name}.txt`);
    await writeFile(file('binary'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x14, 0x00, 0x08, 0x00, 0xff, 0xfe]));
    await writeFile(file('empty'), '');
    await writeFile(
      file('french'),
      "La diplomatie numérique de l'Union européenne est un outil essentiel pour la coopération internationale. " +
        "Les partenaires de l'Union travaillent avec le Japon et les pays d'Afrique pour renforcer la résilience des réseaux.",
    );
    await writeFile(
      file('german'),
      'Die Europäische Union arbeitet mit Japan und anderen Partnern an einer gemeinsamen Strategie für die Sicherheit im Cyberraum. ' +
        'Diese Zusammenarbeit ist ein wichtiger Teil der Außenpolitik der Union und ihrer Mitgliedstaaten.',
    );
    const english =
      'In this short note, the Uni Eropa and Japan agree that their dialogue on cyber issues is of value to the region and to the world.\n';
    await writeFile(file('english'), english);

    const outcomes = await ingestFiles(cypher, ['binary', 'empty', 'french', 'german', 'english'].map(file));
    const englishId = slugFromFileName(`${prefix}-english.txt`);
    expect(outcomes).toEqual([
      { file: file('binary'), status: 'skipped', reason: 'the file is binary (it contains NUL bytes), not plain text' },
      { file: file('empty'), status: 'skipped', reason: 'the file is empty' },
      {
        file: file('french'),
        status: 'skipped',
        reason: 'cannot tell its language (neither English nor Indonesian); only English and Indonesian documents are read',
      },
      {
        file: file('german'),
        status: 'skipped',
        reason: 'cannot tell its language (neither English nor Indonesian); only English and Indonesian documents are read',
      },
      { file: file('english'), status: 'ingested', sourceId: englishId, language: 'en', mentions: 2, unchanged: false },
    ]);

    const mentions = await mentionsOf([englishId]);
    const start = english.indexOf('Uni Eropa');
    expect(mentions.map((m) => [m.nodeId, m.start, m.end, m.matched])).toEqual([
      ['eu', start, start + 'Uni Eropa'.length, 'Uni Eropa'],
      ['japan', english.indexOf('Japan'), english.indexOf('Japan') + 'Japan'.length, 'Japan'],
    ]);
    expect(mentions.every((m) => english.includes(m.excerpt) && m.excerpt.includes(m.matched))).toBe(true);

    const sources = await cypher.read<{ id: string; kind: string; language: string; title: string }>(
      'Test.userSources',
      'MATCH (s:Source) WHERE s.id STARTS WITH $slug RETURN s.id AS id, s.kind AS kind, s.language AS language, s.title AS title ORDER BY id',
      { slug: slugFromFileName(prefix) },
    );
    expect(sources).toEqual([{ id: englishId, kind: 'document', language: 'en', title: `${prefix}-english.txt` }]);
  });
});

describe('cleaning raw web text', () => {
  it('when UTF-8 was read as Windows-1252, then the mojibake is repaired ("â€™" -> "’", "â€œ…â€" -> "“…”")', () => {
    expect(cleanText('Europeâ€™s digital systems')).toBe('Europe’s digital systems');
    expect(cleanText('menggapai â€œKebijakan Kriminal Umumâ€ untuk')).toBe('menggapai “Kebijakan Kriminal Umum” untuk');
    expect(cleanText('threatsâ€”from hacking')).toBe('threats—from hacking');
    expect(cleanText('André')).toBe('André');
  });

  it('when a non-breaking space left a stray "Â", then it is removed and non-breaking spaces become plain spaces', () => {
    expect(cleanText('lintas batas negara.Â\nKerja sama')).toBe('lintas batas negara.\nKerja sama');
    expect(cleanText('EUNITYÂ bersama Jepang')).toBe('EUNITY bersama Jepang');
    expect(cleanText('Uni\u00A0Eropa')).toBe('Uni Eropa');
    expect(cleanText('Uni\u00C2\u00A0Eropa')).toBe('Uni Eropa');
    expect(cleanText('\uFEFFline one\r\nline two\rline three')).toBe('line one\nline two\nline three');
  });

  it('when a seed document is cleaned, then no debris is left', async () => {
    for (const id of DOCUMENT_IDS) {
      const text = await cleanedDocument(id);
      expect(text, id).not.toMatch(/Â|â€|\u00A0/);
    }
    expect(await cleanedDocument('doc-000')).toContain('EUNITY bersama Jepang');
  });

  it('when bytes are not text, then decodeText refuses them with the reason; Latin-1 files are read', () => {
    expect(() => decodeText(new Uint8Array())).toThrow(new UnreadableDocumentError('the file is empty'));
    expect(() => decodeText(Uint8Array.from([0x41, 0x00, 0x42]))).toThrow(/binary \(it contains NUL bytes\)/);
    expect(() => decodeText(new TextEncoder().encode(' \n\t '))).toThrow(/no text/);
    expect(decodeText(Uint8Array.from([0x63, 0x61, 0x66, 0xe9]))).toBe('café');
  });
});

describe('detecting the language', () => {
  it('when the text is Indonesian or English prose, then it is told apart by stop words', () => {
    expect(
      detectLanguage(
        'Pada tahun 2019, Uni Eropa meluncurkan rezim sanksi yang akan diterima para oknum yang berniat melakukan serangan siber dan juga para pendukung pelaku.',
      ).language,
    ).toBe('id');
    expect(
      detectLanguage(
        'The EU works through the United Nations to set global standards for how countries should behave in cyberspace, such as avoiding attacks on hospitals.',
      ).language,
    ).toBe('en');
  });

  it('when the text is another language, too short, or an even mixture, then no language is claimed', () => {
    const french = detectLanguage(
      "La diplomatie numérique de l'Union européenne est un outil essentiel pour la coopération internationale avec le Japon et les pays d'Afrique.",
    );
    expect(french.language).toBeNull();
    expect(french.words).toBeGreaterThanOrEqual(15);
    const short = detectLanguage('The EU and Japan.');
    expect(short).toMatchObject({ language: null, words: 4 });
    const mixed = detectLanguage(
      'the and of to in is that for with as yang dan di untuk dengan dalam ini itu tidak dari the and of to in yang dan di untuk dengan',
    );
    expect(mixed.language).toBeNull();
  });

  it('when the four seed documents are read, then they are id, en, id, id', async () => {
    const languages = await Promise.all(DOCUMENT_IDS.map(async (id) => detectLanguage(await cleanedDocument(id)).language));
    expect(languages).toEqual(['id', 'en', 'id', 'id']);
  });
});
