/** `npm run seed:check [dir]`: validates a seed folder without touching the database (src/modules/import/read-seed.ts). */
import { readSeed } from '../src/modules/import/read-seed.js';
import { formatProblem } from '../src/modules/import/seed-entries.js';
import { SEED_DIR } from '../src/paths.js';

const dir = process.argv[2] ?? SEED_DIR;
const { data, problems } = await readSeed(dir);
if (problems.length > 0) {
  for (const p of problems) console.error(formatProblem(p));
  console.error(`${problems.length} problem(s) in ${dir}; nothing would be written.`);
  process.exit(1);
}
const nodeCount = Object.values(data.nodes).reduce((n, list) => n + list.length, 0);
console.log(`${dir}: valid (${data.sources.length} sources, ${nodeCount} nodes, ${data.relationships.length} relationships)`);
