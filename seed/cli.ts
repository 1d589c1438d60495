/**
 * `npm run seed [-- <dir>]`: validates the seed folder, then loads it into the configured Neo4j
 * (NEO4J_URI, or the embedded default) and prints what the graph holds. The curated seed brings
 * its documents (seed/documents/) along: their text and mentions. The work is done by
 * src/modules/import (curated-seed.ts, seed-loader.ts); this file is the command line.
 */
import { runCli } from '../src/cli.js';
import { connectNeo4j } from '../src/db/neo4j.js';
import { applySchema } from '../src/db/schema.js';
import { loadEnv } from '../src/env.js';
import { countGraph } from '../src/modules/graph/graph.repository.js';
import { createLogger } from '../src/logger.js';
import { ingestSeedDocuments, readValidSeed } from '../src/modules/import/curated-seed.js';
import { loadSeed } from '../src/modules/import/seed-loader.js';
import { SEED_DIR } from '../src/paths.js';

async function run(): Promise<number> {
  const env = loadEnv();
  const dir = process.argv[2] ?? SEED_DIR;
  // Validate before starting anything: a broken file writes nothing.
  const data = await readValidSeed(dir);
  const logger = createLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL);
  const neo4j = await connectNeo4j(env, logger);
  try {
    const runner = neo4j.db.observed(() => {});
    await applySchema(runner);
    let report = await loadSeed(runner, data);
    if (dir === SEED_DIR) {
      // The curated documents belong to the curated seed: their text and mentions come with it.
      await ingestSeedDocuments(runner);
      report = await countGraph(runner);
    }
    console.log(`Loaded ${dir} into ${neo4j.uri}. The graph now holds:`);
    console.table({ ...report.nodes });
    console.table({ ...report.relationships });
    return 0;
  } finally {
    await neo4j.close();
  }
}

runCli(run);
