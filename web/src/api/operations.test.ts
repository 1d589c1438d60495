/**
 * Every operation the explorer sends is valid against the API's printed schema
 * (schema/schema.graphql), so a schema change that breaks a view fails here, not in a browser.
 */
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import sdl from '../../../schema/schema.graphql?raw';
import type { Operation } from './client';

const modules = import.meta.glob<Record<string, unknown>>('../**/operations.ts', { eager: true });
const operations = Object.entries(modules).flatMap(([file, exports]) =>
  Object.entries(exports)
    .filter((entry): entry is [string, Operation<unknown, any>] => typeof (entry[1] as Operation<unknown>)?.document === 'string')
    .map(([name, op]) => ({ file, name, op })),
);

describe('the explorer’s operations fit the API', () => {
  const schema = buildSchema(sdl);

  it('finds the operations of every view', () => {
    const folders = new Set(operations.map((o) => o.file.split('/')[1]));
    expect([...folders].sort()).toEqual(['compare', 'components', 'dashboard', 'entity', 'graph', 'paths', 'search', 'source-reader']);
  });

  it.each(operations.map((o) => [`${o.file} ${o.name}`, o.op] as const))('%s validates against schema/schema.graphql', (_, op) => {
    const errors = validate(schema, parse(op.document));
    expect(errors.map((e) => e.message)).toEqual([]);
  });

  it('gives every operation its own name (they show up by name in the service’s metrics)', () => {
    const names = operations.map((o) => o.op.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
