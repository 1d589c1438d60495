/**
 * Whether Neo4j answers, known without waiting on a request's query. A probe (`RETURN 1` in an
 * auto-commit transaction, never retried) runs every `intervalMs`; statements report their own
 * successes and connection failures too. Neo4j is taken as down when
 * - a statement or probe fails with a connection error (refused, reset, pool closed), or
 * - a probe has not answered within `probeTimeoutMs` and no statement has succeeded meanwhile
 *   (a stopped JVM accepts TCP connections but never answers; a busy one still completes work).
 * While down, statements fail at once with DATABASE_UNAVAILABLE instead of queueing in the
 * driver, and statements in flight are released. The next answered probe brings it back up.
 */
import type { Driver } from 'neo4j-driver';
import neo4j from 'neo4j-driver';
import type { Logger } from '../logger.js';

export interface HealthOptions {
  database: string;
  intervalMs?: number;
  probeTimeoutMs?: number;
}

/** The error statements fail with while Neo4j is down: classified as DATABASE_UNAVAILABLE. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
  readonly code = 'ServiceUnavailable';
  constructor(reason: string) {
    super(`The graph database is unavailable: ${reason}`);
  }
}

const CONNECTION_FAILURE = /ServiceUnavailable|SessionExpired|ECONNREFUSED|ECONNRESET|EPIPE|Connection acquisition timed out|Failed to connect|Pool is closed|connection.*(closed|lost|timed out)/i;

/** Whether an error means the connection to Neo4j failed (not a query problem). */
export function isConnectionFailure(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | undefined;
  if (!e) return false;
  if (e instanceof DatabaseUnavailableError) return true;
  return CONNECTION_FAILURE.test(`${e.code ?? ''} ${e.message ?? ''}`);
}

export class DatabaseHealth {
  private up = true;
  private reason = '';
  private probing: { startedAt: number } | null = null;
  private lastSuccessAt = Date.now();
  private timer: NodeJS.Timeout | null = null;
  private readonly downListeners = new Set<(error: DatabaseUnavailableError) => void>();
  private logger: Logger | undefined;
  readonly intervalMs: number;
  readonly probeTimeoutMs: number;

  constructor(
    private readonly driver: Driver,
    private readonly options: HealthOptions,
  ) {
    this.intervalMs = options.intervalMs ?? 500;
    this.probeTimeoutMs = options.probeTimeoutMs ?? 1_000;
  }

  /** False only while the monitor runs and knows Neo4j is down (unmonitored: always true). */
  get available(): boolean {
    return this.up;
  }

  get running(): boolean {
    return this.timer !== null;
  }

  get status(): { available: boolean; reason: string | null } {
    return { available: this.up, reason: this.up ? null : this.reason };
  }

  /** Starts probing (idempotent). The timer never keeps the process alive. */
  start(logger?: Logger): this {
    if (logger) this.logger = logger;
    if (!this.timer) {
      this.timer = setInterval(() => this.tick(), this.intervalMs);
      this.timer.unref();
    }
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.up = true;
  }

  /** A statement completed: Neo4j answers. */
  reportSuccess(): void {
    this.lastSuccessAt = Date.now();
    if (!this.up) this.markUp();
  }

  /** A statement failed; connection failures mark Neo4j down at once. */
  reportFailure(error: unknown): void {
    if (isConnectionFailure(error) && !(error instanceof DatabaseUnavailableError)) {
      this.markDown(String((error as Error).message ?? error).split('\n')[0]);
    }
  }

  /** Registers a callback for the next transition to down; returns its remover. */
  onDown(listener: (error: DatabaseUnavailableError) => void): () => void {
    this.downListeners.add(listener);
    return () => this.downListeners.delete(listener);
  }

  unavailableError(): DatabaseUnavailableError {
    return new DatabaseUnavailableError(this.reason || 'Neo4j does not answer');
  }

  private tick(): void {
    const now = Date.now();
    if (this.probing) {
      // A probe still waiting: a stopped JVM. Down, unless other work is completing.
      if (this.up && now - this.probing.startedAt > this.probeTimeoutMs && now - this.lastSuccessAt > this.probeTimeoutMs) {
        this.markDown(`no answer to a probe within ${this.probeTimeoutMs} ms`);
      }
      return;
    }
    this.probing = { startedAt: now };
    void this.probe().finally(() => {
      this.probing = null;
    });
  }

  private async probe(): Promise<void> {
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.READ });
    try {
      await session.run('RETURN 1', {}, { timeout: this.probeTimeoutMs, metadata: { app: 'cyber-diplomacy-graph', operation: 'Health.probe' } });
      this.lastSuccessAt = Date.now();
      if (!this.up) this.markUp();
    } catch (error) {
      this.markDown(String((error as Error).message ?? error).split('\n')[0]);
    } finally {
      await session.close().catch(() => {});
    }
  }

  private markDown(reason: string): void {
    // Without the monitor nothing would notice Neo4j coming back: only a running one gates.
    if (!this.timer) return;
    this.reason = reason;
    if (!this.up) return;
    this.up = false;
    this.logger?.warn({ reason }, 'graph database is unavailable');
    const error = this.unavailableError();
    for (const listener of [...this.downListeners]) listener(error);
  }

  private markUp(): void {
    this.up = true;
    this.reason = '';
    this.logger?.info('graph database is available again');
  }
}
