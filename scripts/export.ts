/**
 * `npm run export -- <out-folder> [--force]`: writes the whole graph of the configured Neo4j in
 * the seed format (sources.yaml, actors.yaml, ..., relationships/export.yaml, mentions.yaml), so
 * `npm run import -- <out-folder>` on an empty database reproduces it. Reads the written folder
 * back through the seed validator. Exit 0; 2 when something could not be exported faithfully
 * (each listed); 1 on errors.
 */
import { parseArgs } from 'node:util';
import { connectNeo4j } from '../src/db/neo4j.js';
import { loadEnv } from '../src/env.js';
import { createLogger } from '../src/logger.js';
import { readGraphAsSeed, writeSeedFolder } from '../src/modules/export/seed-format.js';
import { readSeed } from '../src/modules/import/read-seed.js';
import { formatProblem } from '../src/modules/import/seed-entries.js';
import { runCli } from '../src/cli.js';

async function run(): Promise<number> {
  const { values, positionals } = parseArgs({ options: { force: { type: 'boolean', default: false } }, allowPositionals: true });
  if (positionals.length !== 1) {
    console.error('Usage: npm run export -- <out-folder> [--force]');
    return 1;
  }
  const [dir] = positionals as [string];
  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL);
  const neo4j = await connectNeo4j(env, logger);
  let exported: Awaited<ReturnType<typeof readGraphAsSeed>>;
  try {
    exported = await readGraphAsSeed(neo4j.db.observed(() => {}));
  } finally {
    await neo4j.close();
  }
  const files = await writeSeedFolder(dir, exported.data, { replace: values.force });
  const { data } = exported;
  const nodeCount = Object.values(data.nodes).reduce((n, list) => n + list.length, 0);
  console.log(
    `Exported ${neo4j.uri} to ${dir}: ${data.sources.length} sources, ${nodeCount} nodes, ${data.relationships.length} relationships, ` +
      `${data.mentions.length} mentions (${files.length} files).`,
  );
  for (const s of exported.skipped) console.log(`not exported: ${s}`);
  const { problems } = await readSeed(dir);
  for (const p of problems) console.error(`read-back problem: ${formatProblem(p)}`);
  for (const w of exported.warnings) console.error(`warning: ${w}`);
  return exported.warnings.length + problems.length > 0 ? 2 : 0;
}

runCli(run);
