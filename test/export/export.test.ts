/** GET /export: the graph as JSON and CSV, whole or around a node, with counts that match Cypher. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testRunner, uniquePrefix } from '../helpers.js';
import { expectSameAsCypher, isSeeded } from '../analytics/support.js';

/** RFC 4180: records end in CRLF; quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** The CSV as objects keyed by the header row, checking every row has the header's width. */
function csvRows(text: string): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(text);
  for (const row of rows) expect(row, JSON.stringify(row)).toHaveLength(header!.length);
  return rows.map((row) => Object.fromEntries(header!.map((h, i) => [h, row[i] ?? ''])));
}

const cypher = testRunner();
const prefix = uniquePrefix('export');
const awkwardId = `${prefix}-awkward`;
const AWKWARD_NAME = 'A "quoted", comma-separated\r\nand multi-line name';

async function count(name: string, statement: string): Promise<number> {
  const [row] = await cypher.read<{ count: number }>(name, statement);
  return row!.count;
}

const entityCount = () => count('Test.countEntities', 'MATCH (n:Entity) RETURN count(n) AS count');
const sourceCount = () => count('Test.countSources', 'MATCH (s:Source) RETURN count(s) AS count');
const edgeCount = () => count('Test.countEdgesToEntities', 'MATCH ()-[r]->(:Entity) RETURN count(r) AS count');
const partnerCount = () => count('Test.countPartnerIn', 'MATCH ()-[r:PARTNER_IN]->() RETURN count(r) AS count');

describe('the export endpoint', () => {
  const app = testApp();
  const get = (path: string, init: RequestInit = {}) => app.fetch(`http://test${path}`, init);

  beforeAll(async () => {
    await cypher.write(
      'Test.createAwkwardNode',
      'CREATE (n:Entity:Actor {id: $id, name: $name, aliases: ["one, two", "say \\"hi\\""], kind: "state", searchNames: $name, description: "line one\\nline two"})',
      { id: awkwardId, name: AWKWARD_NAME },
    );
  });

  afterAll(async () => {
    await cypher.write('Test.cleanupExport', 'MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DETACH DELETE n', { prefix });
  });

  it('when the CSV parser reads quoted fields, then commas, doubled quotes and line breaks stay inside them', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi""\r\nbye"\r\n,\r\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\r\nbye'],
      ['', ''],
    ]);
    expect(() => parseCsv('"open')).toThrow('unterminated');
  });

  it('when /export is read, then it lists every file with row counts that match Cypher', async () => {
    await expectSameAsCypher(
      async () => ({ nodes: await entityCount(), sources: await sourceCount(), partners: await partnerCount() }),
      async () => {
        const response = await get('/export');
        expect(response.status).toBe(200);
        const index = await response.json();
        const file = (path: string) => index.files.find((f: any) => f.path === path);
        expect(file('/export/graph.json').rows.nodes).toBe(file('/export/nodes.csv').rows);
        return {
          nodes: file('/export/nodes.csv').rows,
          sources: file('/export/sources.csv').rows,
          partners: file('/export/relationships/PARTNER_IN.csv').rows,
        };
      },
    );
    const index = await (await get('/export')).json();
    const paths = index.files.map((f: any) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/export/graph.json',
        '/export/nodes.csv',
        '/export/sources.csv',
        '/export/relationships/ATTESTS.csv',
        '/export/relationships/MENTIONS.csv',
      ]),
    );
    expect(index.files.every((f: any) => f.format === 'json' || typeof f.rows === 'number')).toBe(true);
  });

  it('when graph.json is read, then it has one node per :Entity and one edge per relationship ending at one, ATTESTS and MENTIONS included', async () => {
    await expectSameAsCypher(
      async () => ({ nodes: await entityCount(), sources: await sourceCount(), edges: await edgeCount() }),
      async () => {
        const response = await get('/export/graph.json');
        expect(response.headers.get('content-type')).toContain('application/json');
        const graph = await response.json();
        return { nodes: graph.nodes.length, sources: graph.sources.length, edges: graph.edges.length };
      },
    );
    const graph = await (await get('/export/graph.json')).json();
    // Kinds and languages are spelled as the GraphQL enums spell them, as in the CSV files.
    expect(graph.nodes.find((n: any) => n.id === awkwardId)).toMatchObject({ label: 'Actor', kind: 'STATE' });
    expect(graph.nodes.find((n: any) => n.id === 'japan')).toMatchObject({ kind: 'STATE' });
    expect(graph.sources.find((s: any) => s.id === 'doc-000')).toMatchObject({ kind: 'DOCUMENT', language: 'ID' });
    const types = new Set(graph.edges.map((e: any) => e.type));
    // The seed attests facts (ATTESTS); MENTIONS come from ingesting documents, counted above when present.
    expect(types).toContain('ATTESTS');
    const partner = graph.edges.find((e: any) => e.type === 'PARTNER_IN' && e.source === 'japan' && e.target === 'eunity');
    expect(partner).toMatchObject({
      properties: { role: 'partner country' },
      evidence: { source: 'doc-000', excerpt: 'EUNITY bersama Jepang' },
    });
  });

  it('when nodes.csv is read, then it parses as RFC 4180 with one row per :Entity, awkward text included', async () => {
    await expectSameAsCypher(entityCount, async () => {
      const response = await get('/export/nodes.csv');
      expect(response.headers.get('content-type')).toContain('text/csv');
      return csvRows(await response.text()).length;
    });
    const rows = csvRows(await (await get('/export/nodes.csv')).text());
    const awkward = rows.find((r) => r.id === awkwardId);
    expect(awkward).toMatchObject({
      label: 'Actor',
      kind: 'STATE',
      name: AWKWARD_NAME,
      aliases: 'one, two|say "hi"',
      description: 'line one\nline two',
    });
    expect(rows.find((r) => r.id === 'budapest-convention')).toMatchObject({ label: 'Treaty', date: '2001-11-23', code: 'ETS No. 185' });
  });

  it('when a relationship file is read, then it has one row per relationship of that type, with its properties and evidence', async () => {
    await expectSameAsCypher(partnerCount, async () => csvRows(await (await get('/export/relationships/PARTNER_IN.csv')).text()).length);
    const text = await (await get('/export/relationships/PARTNER_IN.csv')).text();
    expect(parseCsv(text)[0]).toEqual(['source_node', 'target_node', 'role', 'since', 'evidence_source', 'excerpt', 'asOf']);
    const japan = csvRows(text).filter((r) => r.source_node === 'japan');
    expect(japan.map((r) => [r.target_node, r.role, r.evidence_source])).toEqual([
      ['eu-cyber-direct', 'partner country', 'doc-000'],
      ['eunity', 'partner country', 'doc-000'],
    ]);
  });

  it('when ?around=eunity&depth=1 is given, then only the neighbourhood and the relationships among it come out', async () => {
    const graph = await (await get('/export/graph.json?around=eunity&depth=1')).json();
    const nodes = await (await get('/export/nodes.csv?around=eunity&depth=1')).text();

    expect(
      graph.nodes
        .map((n: any) => n.id)
        .filter(isSeeded)
        .sort(),
    ).toEqual(['eu', 'eunity', 'japan']);
    const ids = new Set(graph.nodes.map((n: any) => n.id));
    const domainEdges = graph.edges.filter((e: any) => e.type !== 'ATTESTS' && e.type !== 'MENTIONS');
    expect(domainEdges.every((e: any) => ids.has(e.source) && ids.has(e.target))).toBe(true);
    expect(
      domainEdges
        .filter((e: any) => isSeeded(e.source))
        .map((e: any) => `${e.source} ${e.type} ${e.target}`)
        .sort(),
    ).toEqual(['eu RUNS eunity', 'japan PARTNER_IN eunity']);
    expect(graph.edges.every((e: any) => ids.has(e.target))).toBe(true);
    expect(
      csvRows(nodes)
        .map((r) => r.id)
        .filter(isSeeded)
        .sort(),
    ).toEqual(['eu', 'eunity', 'japan']);
  });

  it('when a file does not exist, then the answer is a 404 with a JSON error pointing to /export', async () => {
    const response = await get('/export/relationships/NOT_A_TYPE.csv');

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect((await response.json()).error).toContain('/export');
  });

  it('when depth is out of range or the centre unknown, then the answer is a 400 with a JSON error', async () => {
    const badDepth = await get('/export/nodes.csv?around=eunity&depth=4');
    const unknown = await get('/export/nodes.csv?around=atlantis');

    expect(badDepth.status).toBe(400);
    expect((await badDepth.json()).error).toContain('depth');
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error).toContain('atlantis');
  });

  it('when an export is POSTed, then the answer is 405 and says GET is allowed', async () => {
    const response = await get('/export/nodes.csv', { method: 'POST' });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toContain('GET');
  });
});
