/**
 * `npm run schema:print`: writes the SDL of the code's schema to schema/schema.graphql, and the
 * `possibleTypes` map client caches need (Apollo's InMemoryCache `possibleTypes`, urql's
 * graphcache `schema`-less fragment matching) to schema/possible-types.json.
 * A test fails when either differs, so API changes are always deliberate and reviewed.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAbstractType, isIntrospectionType, printSchema } from 'graphql';
import { PROJECT_ROOT } from '../src/paths.js';
import { schema } from '../src/schema.js';

export const SDL_FILE = path.join(PROJECT_ROOT, 'schema/schema.graphql');

export const POSSIBLE_TYPES_FILE = path.join(PROJECT_ROOT, 'schema/possible-types.json');

export function currentSdl(): string {
  return `${printSchema(schema)}\n`;
}

/** Every interface and union with the object types that implement or belong to it, sorted. */
export function possibleTypes(): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const type of Object.values(schema.getTypeMap()).sort((a, b) => a.name.localeCompare(b.name))) {
    if (isIntrospectionType(type) || !isAbstractType(type)) continue;
    map[type.name] = schema
      .getPossibleTypes(type)
      .map((t) => t.name)
      .sort();
  }
  return map;
}

export function currentPossibleTypes(): string {
  return `${JSON.stringify(possibleTypes(), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await writeFile(SDL_FILE, currentSdl());
  await writeFile(POSSIBLE_TYPES_FILE, currentPossibleTypes());
  console.log(`Wrote ${path.relative(process.cwd(), SDL_FILE)} and ${path.relative(process.cwd(), POSSIBLE_TYPES_FILE)}`);
}
