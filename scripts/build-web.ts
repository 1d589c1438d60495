/**
 * Builds the explorer (web/ -> web/dist) with Vite. `--if-stale` builds only when dist is
 * missing or older than a source file, so `npm start` and `npm test` (which run this first)
 * cost nothing when nothing changed.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../web', import.meta.url));
const stamp = path.join(root, 'dist', 'index.html');
const inputs = [
  path.join(root, 'src'),
  path.join(root, 'index.html'),
  path.join(root, 'vite.config.ts'),
  fileURLToPath(new URL('../package-lock.json', import.meta.url)),
];

function newest(target: string): number {
  if (!existsSync(target)) return 0;
  const info = statSync(target);
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(target).reduce((max, name) => Math.max(max, newest(path.join(target, name))), info.mtimeMs);
}

const ifStale = process.argv.includes('--if-stale');
if (ifStale && existsSync(stamp) && statSync(stamp).mtimeMs >= Math.max(...inputs.map(newest))) {
  console.log('explorer: web/dist is up to date');
} else {
  const started = performance.now();
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  console.log(`explorer: built web/dist in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
