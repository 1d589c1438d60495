/**
 * `npm run import -- <file-or-folder> [--by NAME] [--comment TEXT]`: bulk import into the
 * configured Neo4j (NEO4J_URI, or the embedded default). Takes a folder in the seed layout, a
 * bundle (.yaml/.yml/.json with the keys sources, actors, ..., relationships, mentions) or a
 * .csv of relationships. Validates everything first (references may point at what the
 * database holds); any problem: prints every one, writes nothing, exits 1. Otherwise loads it
 * in one transaction (idempotent), audited as one :Change when --by names the author.
 */
import { parseArgs } from 'node:util';
import { connectNeo4j } from '../src/db/neo4j.js';
import { applySchema } from '../src/db/schema.js';
import { loadEnv } from '../src/env.js';
import { createLogger } from '../src/logger.js';
import { readImportPath, runImport } from '../src/modules/import/import.service.js';
import { formatProblem } from '../src/modules/import/seed-entries.js';
import { runCli } from '../src/cli.js';

const USAGE = 'Usage: npm run import -- <folder | bundle.yaml | bundle.json | relationships.csv> [--by NAME] [--comment TEXT]';

async function run(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { by: { type: 'string' }, comment: { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) {
    console.error(USAGE);
    return 1;
  }
  const input = await readImportPath(positionals[0]!); // exactly one, checked above
  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL);
  const neo4j = await connectNeo4j(env, logger);
  try {
    const runner = neo4j.db.observed(() => {});
    await applySchema(runner);
    const outcome = await runImport(runner, input, values.by ? { by: values.by, comment: values.comment ?? null } : undefined);
    if (outcome.status === 'invalid') {
      for (const p of outcome.problems) console.error(formatProblem(p));
      console.error(`${outcome.problems.length} problem(s) in ${positionals[0]}; nothing was written.`);
      return 1;
    }
    console.log(`Imported ${positionals[0]} into ${neo4j.uri}${values.by ? ` (recorded as a change by ${values.by})` : ''}:`);
    console.table({ ...outcome.loaded.nodes, ...outcome.loaded.relationships });
    console.log('The graph now holds:');
    console.table({ ...outcome.graph.nodes });
    console.table({ ...outcome.graph.relationships });
    return 0;
  } finally {
    await neo4j.close();
  }
}

runCli(run);
