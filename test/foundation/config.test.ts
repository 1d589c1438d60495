import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnv } from '../../src/env.js';

describe('configuration from the environment', () => {
  it('when nothing is set, then the embedded defaults apply', () => {
    const env = loadEnv({});
    expect(env.NEO4J_URI).toBeUndefined();
    expect(env.PORT).toBe(4000);
    expect(env.NEO4J_EMBEDDED_DATA_DIR).toBe('.neo4j-data');
    expect(env.SEED_ON_START).toBe('auto');
  });

  it('when several variables are wrong, then one error lists every one of them', () => {
    let error: unknown;
    try {
      loadEnv({ PORT: 'eighty', NEO4J_URI: 'http://localhost:7474', LOG_LEVEL: 'loud', NEO4J_EMBEDDED_HEAP: 'lots' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^PORT /m);
    expect(problems).toMatch(/^NEO4J_URI must be a URI such as bolt:/m);
    expect(problems).toMatch(/^LOG_LEVEL /m);
    expect(problems).toMatch(/^NEO4J_EMBEDDED_HEAP must be a size/m);
    expect(problems).toMatch(/^NEO4J_PASSWORD is required when NEO4J_URI is set/m);
  });

  it('when NEO4J_URI uses a routing scheme, then it is accepted for clusters and Aura', () => {
    const env = loadEnv({ NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io', NEO4J_PASSWORD: 'x' });
    expect(env.NEO4J_URI).toBe('neo4j+s://abc.databases.neo4j.io');
  });
});
