/**
 * A client that opens GET /export/graph.json on a real socket and stops reading: the export is
 * pull-driven, so the server writes only what the socket buffers take; after EXPORT_STALL_MS
 * without a read it cuts the connection and the export's transaction is gone from Neo4j. The
 * service keeps serving others throughout, and the connections it used are clean afterwards.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, testApp, testRunner, uniquePrefix } from '../helpers.js';

const prefix = uniquePrefix('stall');
/** Padding nodes make the export far larger than loopback socket buffers (about 16 MB). */
const PADDING_NODES = 4_000;
const DESCRIPTION = 'x'.repeat(4_000);
const PADDING_BYTES = PADDING_NODES * DESCRIPTION.length;

// The stall window must outlast the test's look at the open transaction (one SHOW TRANSACTIONS):
// at 1 s, a busy machine answered that look after the cut and the test saw nothing open.
const app = testApp({ EXPORT_STALL_MS: 10_000 });
let server: Server;
const serverSockets: Socket[] = [];
let base = '';

const openExportTransactions = async () =>
  (
    await testRunner().read<{ id: string }>(
      'Test.openExportTransactions',
      "SHOW TRANSACTIONS YIELD transactionId, metaData WHERE metaData.operation STARTS WITH 'Export.' RETURN transactionId AS id",
    )
  ).length;

async function until(condition: () => Promise<boolean>, attempts = 300): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

beforeAll(async () => {
  await testRunner().write(
    'Test.padForStall',
    `UNWIND range(1, $n) AS i
     CREATE (:Entity:Actor {id: $prefix + '-' + i, name: 'Stall padding ' + i, kind: 'state', description: $description})`,
    { n: PADDING_NODES, prefix, description: DESCRIPTION },
  );
  server = createServer(app);
  server.on('connection', (socket) => serverSockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await testRunner().write('Test.cleanStall', 'MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DETACH DELETE n', { prefix });
});

describe('a client that opens an export and stops reading', () => {
  it('is cut after EXPORT_STALL_MS, its transaction ends, and everyone else is served meanwhile and after', async () => {
    const { port } = server.address() as AddressInfo;
    const client = connect(port, '127.0.0.1');
    await once(client, 'connect');
    client.write('GET /export/graph.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    const [first] = (await once(client, 'data')) as [Buffer];
    client.pause();
    expect(first.toString('latin1')).toMatch(/^HTTP\/1\.1 200/);
    const closed = once(client, 'close');

    // While it stalls, the export's transaction is open and another client is answered.
    expect(await until(async () => (await openExportTransactions()) > 0)).toBe(true);
    const meanwhile = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ actor(slug: "japan") { name } }' }),
    });
    expect(meanwhile.status).toBe(200);
    expect(await meanwhile.json()).toEqual({ data: { actor: { name: 'Japan' } } });

    // Then the transaction is gone and the server has cut the connection, having written only
    // what the socket buffers could hold (not the whole export into memory).
    expect(await until(async () => (await openExportTransactions()) === 0)).toBe(true);
    const serverSide = serverSockets[0]!;
    expect(await until(async () => serverSide.destroyed)).toBe(true);
    expect(serverSide.bytesWritten).toBeLessThan(PADDING_BYTES / 2);
    let received = first.length;
    client.on('data', (chunk: Buffer) => (received += chunk.length));
    client.resume();
    await closed;
    expect(received).toBeLessThan(PADDING_BYTES / 2);

    // The pool's connections are clean: many statements in a row all succeed (a connection
    // returned with the export's transaction still open would fail its next BEGIN).
    for (let i = 0; i < 30; i++) {
      const result = await gql(app, '{ actors(first: 1) { totalCount } }');
      expect(result.body.errors, JSON.stringify(result.body.errors)).toBeUndefined();
    }
    const again = await app.fetch('http://test/export/nodes.csv');
    expect(again.status).toBe(200);
    expect((await again.text()).split('\r\n').length).toBeGreaterThan(PADDING_NODES);
  });
});
