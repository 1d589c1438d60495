/** `npm run seed:check [dir]`: validates a seed folder without touching the database. */
import path from 'node:path';
import { formatProblem, readSeed } from './read-seed.js';
import { PROJECT_ROOT } from '../src/paths.js';

const dir = process.argv[2] ?? path.join(PROJECT_ROOT, 'seed/data');
const { data, problems } = await readSeed(dir);
if (problems.length > 0) {
  for (const p of problems) console.error(formatProblem(p));
  console.error(`${problems.length} problem(s) in ${dir}; nothing would be written.`);
  process.exit(1);
}
const nodeCount = Object.values(data.nodes).reduce((n, list) => n + list.length, 0);
console.log(`${dir}: valid (${data.sources.length} sources, ${nodeCount} nodes, ${data.relationships.length} relationships)`);
