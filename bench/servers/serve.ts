/**
 * One benchmark server in its own process: `tsx bench/servers/serve.ts <ours|floor|peer>`.
 * Reads NEO4J_URI (auth off, or NEO4J_USER/NEO4J_PASSWORD), BENCH_WORKLOAD (the operations as
 * JSON, for the floor) and listens on a free loopback port. When the first query is answered it
 * prints one line: `BENCH_READY {"port", "coldStartMs", "schemaBuildMs"}` where coldStartMs runs
 * from process start and schemaBuildMs is the time to import and build the GraphQL schema.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServerKind } from '../workload.js';
import { BUILDERS } from './builders.js';

const kind = process.argv[2] as ServerKind;

async function main(): Promise<void> {
  if (!(kind in BUILDERS)) throw new Error(`usage: serve.ts <ours|floor|peer> (got ${kind})`);
  const built = await BUILDERS[kind]();
  const server: Server = createServer(built.handler);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: built.probe }),
  });
  const body = (await response.json()) as { errors?: unknown };
  if (!response.ok || body.errors) throw new Error(`probe failed: ${JSON.stringify(body).slice(0, 500)}`);
  const coldStartMs = performance.now(); // performance.now() counts from process start.
  process.stdout.write(`BENCH_READY ${JSON.stringify({ port, coldStartMs, schemaBuildMs: built.schemaBuildMs })}\n`);

  const stop = () => {
    server.close();
    server.closeAllConnections();
    void built.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // Exit with the parent: it closes our stdin (pipe) when it goes away.
  process.stdin.on('end', stop);
  process.stdin.resume();
}

main().catch((error) => {
  process.stdout.write(
    `BENCH_FAILED ${String((error as Error).stack ?? error)
      .split('\n')
      .slice(0, 5)
      .join(' | ')}\n`,
  );
  process.exit(1);
});
