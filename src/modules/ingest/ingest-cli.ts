/**
 * `npm run ingest -- <files...>`: ingests plain-text documents into the configured Neo4j.
 * Exit code 0 when every file loaded, 2 when some were skipped, 1 when none could be.
 */
import { connectNeo4j } from '../../db/neo4j.js';
import { applySchema } from '../../db/schema.js';
import { loadEnv } from '../../env.js';
import { createLogger } from '../../logger.js';
import { ingestFiles } from './ingest.service.js';
import { runCli } from '../../cli.js';

async function run(files: string[]): Promise<number> {
  if (files.length === 0) {
    console.error('Usage: npm run ingest -- <file.txt> [more files...]');
    return 1;
  }
  const env = loadEnv();
  const neo4j = await connectNeo4j(env, createLogger('warn'));
  try {
    const runner = neo4j.db.observed(() => {});
    await applySchema(runner);
    const outcomes = await ingestFiles(runner, files);
    for (const o of outcomes) {
      if (o.status === 'ingested') {
        console.log(`ingested ${o.file} as ${o.sourceId} (${o.language}), ${o.mentions} mentions${o.unchanged ? ', text unchanged' : ''}`);
      } else {
        console.error(`skipped  ${o.file}: ${o.reason}`);
      }
    }
    const skipped = outcomes.filter((o) => o.status === 'skipped').length;
    return skipped === 0 ? 0 : skipped === outcomes.length ? 1 : 2;
  } finally {
    await neo4j.close();
  }
}

runCli(() => run(process.argv.slice(2)));
