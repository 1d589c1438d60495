/**
 * GraphQL-over-HTTP conformance: the graphql-http package's server audits run against the app.
 * Every MUST audit passes. SHOULD audits that do not are listed in the README with the reason;
 * this test fails if that list changes, so the README stays true.
 */
import { serverAudits } from 'graphql-http';
import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers.js';

const app = testApp();

/** SHOULD audits we knowingly do not meet (see README, "GraphQL over HTTP"). */
const KNOWN_SHOULD_WARNINGS: string[] = [];

describe('GraphQL over HTTP', () => {
  it('passes every MUST audit of graphql-http', async () => {
    const audits = serverAudits({
      url: 'http://test/graphql',
      fetchFn: ((input: RequestInfo | URL, init?: RequestInit) => app.fetch(input as any, init as any)) as typeof fetch,
    });
    const failures: string[] = [];
    const warnings: string[] = [];
    for (const audit of audits) {
      const result = await audit.fn();
      if (result.status === 'error') failures.push(`${audit.name}: ${result.reason}`);
      if (result.status === 'warn') warnings.push(audit.name);
    }
    expect(failures).toEqual([]);
    expect(warnings).toEqual(KNOWN_SHOULD_WARNINGS);
  });
});
