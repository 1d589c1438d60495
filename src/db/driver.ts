/** Creates the Neo4j driver and turns connection failures into one clear line each. */
import neo4j, { type Driver } from 'neo4j-driver';

export interface Neo4jConnection {
  uri: string;
  user: string;
  password?: string;
  maxPoolSize?: number;
}

export class Neo4jConnectionError extends Error {
  override name = 'Neo4jConnectionError';
}

/** Where each driver made here connects, so the health monitor can open its own small one. */
const connections = new WeakMap<Driver, Neo4jConnection>();

export function connectionOf(driver: Driver): Neo4jConnection | undefined {
  return connections.get(driver);
}

const authOf = (connection: Neo4jConnection) =>
  // No password: the embedded Neo4j runs with auth off and takes no credentials.
  connection.password === undefined ? undefined : neo4j.auth.basic(connection.user, connection.password);

/**
 * The health monitor's own driver: two connections, short timeouts. Probes never wait behind
 * requests for a pooled connection, so a busy service is not mistaken for a dead database.
 */
export function createProbeDriver(connection: Neo4jConnection, timeoutMs: number): Driver {
  return neo4j.driver(connection.uri, authOf(connection), {
    disableLosslessIntegers: true,
    maxConnectionPoolSize: 2,
    connectionAcquisitionTimeout: timeoutMs,
    connectionTimeout: timeoutMs,
    userAgent: 'cyber-diplomacy-graph/0.1 health',
  });
}

export function createDriver(connection: Neo4jConnection): Driver {
  const driver = neo4j.driver(connection.uri, authOf(connection), {
    // Our numbers (counts, offsets, page sizes) fit in JS numbers; ids are strings.
    disableLosslessIntegers: true,
    maxConnectionPoolSize: connection.maxPoolSize ?? 50,
    // Fail fast when Neo4j is gone instead of queueing requests for a minute: well below the
    // query timeout (10 s by default). The health monitor (health.ts) answers faster still.
    connectionAcquisitionTimeout: 4_000,
    connectionTimeout: 3_000,
    maxTransactionRetryTime: 3_000,
    userAgent: 'cyber-diplomacy-graph/0.1',
  });
  connections.set(driver, connection);
  return driver;
}

/**
 * Checks that Neo4j answers; throws a Neo4jConnectionError with a single-line reason. A Neo4j
 * that is reachable but slow to accept its first connections (a just-started JVM on a loaded
 * machine) is given `patienceMs`; refused credentials or an unknown database fail at once.
 */
export async function verifyConnection(driver: Driver, connection: Neo4jConnection, database: string, patienceMs = 0): Promise<void> {
  const until = Date.now() + patienceMs;
  for (;;) {
    try {
      await driver.verifyConnectivity({ database });
      await driver.executeQuery('RETURN 1', {}, { database });
      return;
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      const final = code.startsWith('Neo.ClientError.Security') || code === 'Neo.ClientError.Database.DatabaseNotFound';
      if (final || Date.now() >= until) throw new Neo4jConnectionError(describeConnectionFailure(error, connection, database));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

export function describeConnectionFailure(error: unknown, connection: Neo4jConnection, database: string): string {
  const code = (error as { code?: string }).code ?? '';
  const message = String((error as Error).message ?? error).split('\n')[0];
  if (code === 'Neo.ClientError.Security.Unauthorized' || code === 'Neo.ClientError.Security.AuthenticationRateLimit') {
    return `Neo4j at ${connection.uri} rejected the credentials for user "${connection.user}" (${code}); check NEO4J_USER and NEO4J_PASSWORD.`;
  }
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    return `Neo4j at ${connection.uri} has no database "${database}"; check NEO4J_DATABASE.`;
  }
  return `Cannot reach Neo4j at ${connection.uri}: ${message}${code ? ` (${code})` : ''}. Check NEO4J_URI, or unset it to use the embedded Neo4j.`;
}
