/**
 * Every analytics and dashboard example in schema/examples runs against the seeded graph and
 * answers the question its comment asks (assertions in example-assertions.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPERATIONS_DIR } from '../../src/persisted-operations.js';
import { gql, testApp } from '../helpers.js';
import { ANALYTICS_EXAMPLE_ASSERTIONS } from './example-assertions.js';

const exampleFiles = readdirSync(OPERATIONS_DIR)
  .filter((f) => /^(analytics|dashboard)-.+\.graphql$/.test(f))
  .sort();

describe('the analytics and dashboard examples in schema/examples', () => {
  const app = testApp();

  it('when the examples folder is read, then every analytics example has an assertion and every assertion a file', () => {
    expect(exampleFiles.length).toBeGreaterThanOrEqual(4);
    expect(exampleFiles.filter((f) => !(f in ANALYTICS_EXAMPLE_ASSERTIONS))).toEqual([]);
    expect(Object.keys(ANALYTICS_EXAMPLE_ASSERTIONS).filter((f) => !exampleFiles.includes(f))).toEqual([]);
  });

  it('when an example is read, then it is one named operation that starts with a comment saying what it answers', () => {
    for (const file of exampleFiles) {
      const text = readFileSync(path.join(OPERATIONS_DIR, file), 'utf8');
      expect(text, file).toMatch(/^# \S.+\n/);
      expect(text.match(/^(query|mutation|subscription)\s+[A-Z]\w*/gm), file).toHaveLength(1);
    }
  });

  it.each(exampleFiles)('when %s runs, then it answers its question from the seeded graph', async (file) => {
    const result = await gql(app, readFileSync(path.join(OPERATIONS_DIR, file), 'utf8'));

    expect(result.body.errors, file).toBeUndefined();
    expect(result.status).toBe(200);
    ANALYTICS_EXAMPLE_ASSERTIONS[file]!(result.body.data);
  });
});
