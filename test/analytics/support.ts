/** Helpers for analytics and export tests that read a graph other test files write to at the same time. */
import { expect } from 'vitest';

/** Ids of data that test files create start with "t-" (see uniquePrefix); the seed's never do. */
export const isSeeded = (id: string | null | undefined) => typeof id === 'string' && !id.startsWith('t-');

/**
 * Runs `attempt` until it passes, at most `times` times: for comparisons of two reads that
 * another worker's writes may fall between. A comparison that is wrong fails every attempt.
 */
export async function eventually(attempt: () => Promise<void>, times = 8, pauseMs = 400): Promise<void> {
  let lastError: unknown;
  for (let i = 0; i < times; i++) {
    try {
      await attempt();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
  throw lastError;
}

/**
 * Reads the truth from Cypher before and after reading it through the API, and compares only
 * when the graph did not change in between (else tries again).
 */
export async function expectSameAsCypher<T>(truth: () => Promise<T>, viaApi: () => Promise<T>): Promise<void> {
  await eventually(async () => {
    const before = await truth();
    const actual = await viaApi();
    const after = await truth();
    expect(after, 'the graph changed while the API read it; trying again').toEqual(before);
    expect(actual).toEqual(before);
  });
}
