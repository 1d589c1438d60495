/**
 * `npm run neo4j`: only the embedded Neo4j, for cypher-shell, other tools or a service started
 * elsewhere with NEO4J_URI. Uses the same NEO4J_EMBEDDED_* settings as `npm start`; Ctrl-C stops it.
 */
import { runCli } from '../cli.js';
import { loadEnv } from '../env.js';
import { startEmbeddedNeo4j } from './embedded.js';

runCli(async () => {
  const env = loadEnv();
  const neo4j = await startEmbeddedNeo4j({
    dataDir: env.NEO4J_EMBEDDED_DATA_DIR,
    port: env.NEO4J_EMBEDDED_PORT,
    heap: env.NEO4J_EMBEDDED_HEAP,
    pageCache: env.NEO4J_EMBEDDED_PAGE_CACHE,
    onProgress: (message) => console.error(message),
  });
  console.log(`Neo4j is ready at ${neo4j.uri} (auth off, data in ${env.NEO4J_EMBEDDED_DATA_DIR}). Ctrl-C stops it.`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await neo4j.stop();
  return 0;
});
