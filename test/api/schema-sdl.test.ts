/**
 * The API contract: the printed SDL in schema/schema.graphql is exactly the code's schema, and
 * every type, field and argument tells a client what it is.
 */
import { readFile } from 'node:fs/promises';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema.js';
import { SDL_FILE, currentSdl } from '../../scripts/print-schema.js';

/** Every type, field, input field, argument and enum value without a description. */
function undescribed(s: GraphQLSchema): string[] {
  const missing: string[] = [];
  const lacks = (description: string | null | undefined) => !description?.trim();
  for (const type of Object.values(s.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    if (lacks(type.description)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (lacks(field.description)) missing.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) {
          if (lacks(arg.description)) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    if (isEnumType(type) && lacks(type.description)) missing.push(type.name);
  }
  return missing;
}

describe('the printed schema', () => {
  it('when the code’s schema is printed, then it equals schema/schema.graphql', async () => {
    const printed = await readFile(SDL_FILE, 'utf8');
    const current = currentSdl();
    if (printed !== current) {
      expect.fail(
        'schema/schema.graphql differs from the schema the code builds. If the API change is intended, run `npm run schema:print` and commit the new SDL.',
      );
    }
    expect(current).toContain('type Query');
  });

  it('when the schema is walked, then every type, field and argument has a description', () => {
    const missing = undescribed(schema);
    expect(missing, `Add a description to: ${missing.join(', ')}`).toEqual([]);
  });

  it('when a field lacks a description, then the walk names it (the check can fail)', async () => {
    const { buildSchema } = await import('graphql');
    const probe = buildSchema(`"""Root."""\ntype Query {\n  """Has one."""\n  described: String\n  bare(limit: Int): String\n}`);
    expect(undescribed(probe)).toEqual(['Query.bare', 'Query.bare(limit)']);
  });
});
