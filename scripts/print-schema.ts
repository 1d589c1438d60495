/**
 * `npm run schema:print`: writes the SDL of the code's schema to schema/schema.graphql.
 * A test fails when the two differ, so API changes are always deliberate and reviewed.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { printSchema } from 'graphql';
import { PROJECT_ROOT } from '../src/paths.js';
import { schema } from '../src/schema.js';

export const SDL_FILE = path.join(PROJECT_ROOT, 'schema/schema.graphql');

export function currentSdl(): string {
  return `${printSchema(schema)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await writeFile(SDL_FILE, currentSdl());
  console.log(`Wrote ${path.relative(process.cwd(), SDL_FILE)}`);
}
