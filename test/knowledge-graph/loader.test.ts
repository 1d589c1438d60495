/**
 * The seed loader: a second run changes nothing, a broken folder writes nothing and says where
 * every problem is, and a load that Neo4j rejects part-way leaves none of its writes behind.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedValidationError, readValidSeed } from '../../src/modules/import/curated-seed.js';
import { readSeed } from '../../src/modules/import/read-seed.js';
import { formatProblem, type SeedData } from '../../src/modules/import/seed-entries.js';
import { loadSeed } from '../../src/modules/import/seed-loader.js';
import type { NodeEntry, RelationshipEntry } from '../../src/modules/import/seed-schema.js';
import { SEED_DIR } from '../../src/paths.js';
import { NODE_LABELS, type NodeLabel } from '../../src/domain/model.js';
import { graphFingerprint } from '../fingerprint.js';
import { ingestFiles } from '../../src/modules/ingest/ingest.service.js';
import { runScript, testRunner, uniquePrefix } from '../helpers.js';
import { DOCUMENT_FILES, curatedSeed, curatedSeedScope, documentPath } from './seed-documents.js';

const cypher = testRunner();
const prefix = uniquePrefix('loader');
const tempDirs: string[] = [];

async function seedCopy(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cdg-seed-copy-'));
  tempDirs.push(dir);
  await cp(SEED_DIR, dir, { recursive: true });
  return dir;
}

/** Appends YAML lines to a file of the copy; returns the 1-based line of each marker line. */
async function appendLines(file: string, lines: string[], markers: string[]): Promise<number[]> {
  const original = await readFile(file, 'utf8');
  const written = `${original.endsWith('\n') ? original : `${original}\n`}\n${lines.join('\n')}\n`;
  await writeFile(file, written);
  const all = written.split('\n');
  return markers.map((marker) => all.lastIndexOf(marker) + 1);
}

async function nodesWithPrefix(): Promise<string[]> {
  const rows = await cypher.read<{ id: string }>(
    'Test.nodesWithPrefix',
    'MATCH (n) WHERE n.id STARTS WITH $prefix RETURN n.id AS id ORDER BY id',
    { prefix },
  );
  return rows.map((r) => r.id);
}

beforeAll(async () => {
  // Another test file ingests the seed documents, which adds MENTIONS and checksums to the seed's
  // Sources. Ingest is idempotent, so reaching its fixed point first means that a concurrent
  // ingest of the same documents cannot move the seed-scope fingerprints compared below.
  await ingestFiles(cypher, Object.keys(DOCUMENT_FILES).map(documentPath));
});

afterAll(async () => {
  await cypher.write('Test.cleanupLoader', 'MATCH (n) WHERE n.id STARTS WITH $prefix DETACH DELETE n', { prefix });
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
});

describe('loading the curated seed', () => {
  it('when the seed is loaded a second time, then the seed’s part of the graph is identical, property for property', async () => {
    const scope = await curatedSeedScope();
    const before = await graphFingerprint(cypher, scope);
    expect(scope.nodeIds.length).toBeGreaterThan(100);
    await loadSeed(cypher, await readValidSeed());
    const after = await graphFingerprint(cypher, scope);
    expect(after).toBe(before);
  });
});

describe('a broken seed folder', () => {
  it('when a relationship points to a missing id and a date is written "Dec 2019", then nothing is written and each problem names file, line, entry and field', async () => {
    const dir = await seedCopy();
    const actorId = `${prefix}-state`;
    const eventId = `${prefix}-session`;
    const missingId = `${prefix}-missing-programme`;
    await appendLines(path.join(dir, 'actors.yaml'), [`- {id: ${actorId}, kind: state, name: Broken Copy State}`], []);
    const [eventLine] = await appendLines(
      path.join(dir, 'events.yaml'),
      [
        `- id: ${eventId}`,
        '  kind: session',
        '  name: Broken Copy Session',
        '  facts:',
        '    - {property: held, value: "Dec 2019", source: doc-000, excerpt: "EUNITY bersama Jepang"}',
      ],
      [`- id: ${eventId}`],
    );
    const [partnerLine, signedLine] = await appendLines(
      path.join(dir, 'relationships', 'doc-000.yaml'),
      [
        '- type: PARTNER_IN',
        `  from: ${actorId}`,
        `  to: ${missingId}`,
        '  properties: {role: partner country}',
        '  source: doc-000',
        '  excerpt: "EUNITY bersama Jepang"',
        '',
        '- type: SIGNED',
        `  from: ${actorId}`,
        '  to: budapest-convention',
        '  properties: {date: "Dec 2019"}',
        '  source: doc-000',
        '  excerpt: "EUNITY bersama Jepang"',
      ],
      ['- type: PARTNER_IN', '- type: SIGNED'],
    );

    const { problems } = await readSeed(dir);
    expect(problems.map(({ message: _message, ...where }) => where)).toEqual([
      { file: 'events.yaml', line: eventLine, entry: eventId, field: 'facts.0.value' },
      { file: 'relationships/doc-000.yaml', line: partnerLine, entry: `PARTNER_IN ${actorId} -> ${missingId}`, field: 'to' },
      { file: 'relationships/doc-000.yaml', line: signedLine, entry: `SIGNED ${actorId} -> budapest-convention`, field: 'properties.date' },
    ]);
    expect(problems[1]!.message).toBe(`no node has id "${missingId}"`);
    expect(problems[2]!.message).toBe('must be a date written YYYY, YYYY-MM or YYYY-MM-DD');

    const error = await readValidSeed(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeedValidationError);
    expect((error as SeedValidationError).problems).toEqual(problems.map(formatProblem));

    // The real command, pointed at the test database: it refuses the folder and writes nothing.
    const scope = await curatedSeedScope();
    const before = await graphFingerprint(cypher, scope);
    const run = await runScript('seed/cli.ts', [dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The seed has 3 problem(s); nothing was written:');
    expect(run.stderr).toContain(
      `relationships/doc-000.yaml:${partnerLine}, entry PARTNER_IN ${actorId} -> ${missingId}, field to: no node has id "${missingId}"`,
    );
    expect(run.stderr).toContain(
      `relationships/doc-000.yaml:${signedLine}, entry SIGNED ${actorId} -> budapest-convention, field properties.date: must be a date written YYYY, YYYY-MM or YYYY-MM-DD`,
    );
    expect(run.stderr).toContain(`events.yaml:${eventLine}, entry ${eventId}, field facts.0.value: `);
    expect(await graphFingerprint(cypher, scope)).toBe(before);
    expect(await nodesWithPrefix()).toEqual([]);
  });

  it('when a seed file has a YAML syntax error, then seed:check reports it alone, with its line, and exits non-zero', async () => {
    const dir = await seedCopy();
    const [duplicateLine] = await appendLines(
      path.join(dir, 'topics.yaml'),
      [`- id: ${prefix}-topic`, '  kind: topic', '  name: first name', '  name: second name'],
      ['  name: second name'],
    );
    // Only the syntax error: the entries the broken file holds are not reported missing everywhere else.
    const { problems } = await readSeed(dir);
    expect(problems).toEqual([{ file: 'topics.yaml', line: duplicateLine, message: 'YAML syntax: Map keys must be unique' }]);

    const check = await runScript('seed/check.ts', [dir]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(`topics.yaml:${duplicateLine}: YAML syntax: Map keys must be unique\n`);
    expect(check.stderr).toContain(`1 problem(s) in ${dir}; nothing would be written.`);

    const valid = await runScript('seed/check.ts', [SEED_DIR]);
    expect(valid.code).toBe(0);
    expect(valid.stdout).toMatch(/: valid \(\d+ sources, \d+ nodes, \d+ relationships\)/);
  });
});

describe('a load that Neo4j rejects part-way', () => {
  it('when a statement after the nodes fails (a map as a property value), then none of the load’s new nodes, facts or sources remain', async () => {
    const sourceId = `${prefix}-source`;
    const actor = (id: string): NodeEntry => ({ id, kind: 'state', name: `State ${id}`, aliases: [], facts: [] });
    const nodes = Object.fromEntries(NODE_LABELS.map((label) => [label, [] as NodeEntry[]])) as Record<NodeLabel, NodeEntry[]>;
    nodes.Actor = [
      { ...actor(`${prefix}-a`), facts: [{ property: 'founded', value: '2020', source: sourceId, excerpt: 'founded in 2020' }] },
      actor(`${prefix}-b`),
    ];
    nodes.Programme = [{ id: `${prefix}-programme`, kind: 'programme', name: 'Atomic Programme', aliases: [], facts: [] }];
    const valid: RelationshipEntry = {
      type: 'MEMBER_OF',
      from: `${prefix}-a`,
      to: `${prefix}-b`,
      source: sourceId,
      excerpt: 'a is a member of b',
      properties: {},
    };
    const rejected = {
      type: 'PARTNER_IN',
      from: `${prefix}-a`,
      to: `${prefix}-programme`,
      source: sourceId,
      excerpt: 'a is a partner of the programme',
      // Valid-looking to TypeScript callers that cast, but Neo4j refuses maps as property values.
      properties: { role: { nested: 'map' } as unknown as string },
    } satisfies RelationshipEntry;
    const data: SeedData = {
      sources: [{ id: sourceId, kind: 'reference', language: 'en', title: 'Atomicity test source' }],
      nodes,
      relationships: [rejected, valid],
    };

    const scope = await curatedSeedScope();
    const before = await graphFingerprint(cypher, scope);
    await expect(loadSeed(cypher, data)).rejects.toThrow(/Property values can only be of primitive types|map/i);
    expect(await nodesWithPrefix()).toEqual([]);
    expect(await graphFingerprint(cypher, scope)).toBe(before);

    // The same data without the bad property loads: the failure above was the map, nothing else.
    await loadSeed(cypher, { ...data, relationships: [{ ...rejected, properties: { role: 'partner' } }, valid] });
    expect(await nodesWithPrefix()).toEqual([`${prefix}-a`, `${prefix}-b`, `${prefix}-programme`, sourceId]);
    expect(await graphFingerprint(cypher, scope)).toBe(before);
  });
});

describe('the seed scope', () => {
  it('when taken from the curated seed, then it names every node and source the seed files hold', async () => {
    const seed = await curatedSeed();
    const scope = await curatedSeedScope();
    expect(scope.sourceIds).toEqual(seed.sources.map((s) => s.id));
    expect(scope.sourceIds).toEqual(expect.arrayContaining(['doc-000', 'doc-001', 'doc-002', 'doc-003', 'eu-member-countries']));
    expect(scope.nodeIds).toHaveLength(NODE_LABELS.reduce((n, label) => n + seed.nodes[label].length, 0));
    expect(scope.nodeIds).toEqual(
      expect.arrayContaining(['eu', 'budapest-convention', 'eu-cyber-direct', 'sarajevo-sessions', 'cyber-diplomacy']),
    );
  });
});
