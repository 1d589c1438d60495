/**
 * The one way to run Cypher. Every statement:
 * - carries a name (prepended as a comment and sent as transaction metadata) so Neo4j's query
 *   log points back to the repository function that sent it;
 * - names the database (leaving it out costs a round trip);
 * - goes through a read or write transaction, so a cluster can route reads to followers;
 * - has a server-side timeout;
 * - is counted per request, so tests can prove batching (statements per request).
 */
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';

export type Params = Record<string, unknown>;
export type Row = Record<string, unknown>;

export interface StatementObserver {
  (event: { name: string; mode: 'read' | 'write'; durationMs: number; rows: number; error?: unknown }): void;
}

export interface DatabaseOptions {
  database: string;
  timeoutMs: number;
}

/** A transaction inside `Database.writeTransaction`: statements run atomically together. */
export interface TxRunner {
  run<R = Row>(name: string, cypher: string, params?: Params): Promise<R[]>;
}

export class Database {
  private readonly observers = new Set<StatementObserver>();

  constructor(
    readonly driver: Driver,
    readonly options: DatabaseOptions,
  ) {}

  /** A view of this database whose statements are also reported to `observer` (per request). */
  observed(observer: StatementObserver): QueryRunner {
    return new QueryRunner(this, observer);
  }

  addObserver(observer: StatementObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  notify(event: Parameters<StatementObserver>[0]): void {
    for (const observer of this.observers) observer(event);
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}

/** Runs named statements; one per request (with an observer) or shared (without). */
export class QueryRunner {
  statementCount = 0;

  constructor(
    readonly db: Database,
    private readonly observer?: StatementObserver,
  ) {}

  read<R = Row>(name: string, cypher: string, params: Params = {}): Promise<R[]> {
    return this.execute<R>('read', name, cypher, params);
  }

  write<R = Row>(name: string, cypher: string, params: Params = {}): Promise<R[]> {
    return this.execute<R>('write', name, cypher, params);
  }

  /**
   * Several statements in one write transaction: all apply or none do. The driver retries the
   * whole function on transient errors, so `work` must be idempotent (MERGE, not CREATE).
   */
  async writeTransaction<T>(name: string, work: (tx: TxRunner) => Promise<T>, timeoutMs = this.db.options.timeoutMs): Promise<T> {
    const session = this.db.driver.session({
      database: this.db.options.database,
      defaultAccessMode: neo4j.session.WRITE,
      bookmarkManager: this.db.driver.executeQueryBookmarkManager,
    });
    try {
      return await session.executeWrite((tx) => work(this.txRunner(tx)), { ...this.txConfig(name), timeout: timeoutMs });
    } finally {
      await session.close();
    }
  }

  /**
   * Streams a read's rows as Neo4j produces them (the driver fetches in batches and applies
   * back-pressure), for exports that must not hold the whole graph in memory. One explicit
   * read transaction: a stream cannot be retried half-way, so it is not a managed one.
   */
  async *stream<R = Row>(name: string, cypher: string, params: Params = {}, timeoutMs = this.db.options.timeoutMs * 10): AsyncGenerator<R> {
    const started = performance.now();
    this.statementCount++;
    const session = this.db.driver.session({
      database: this.db.options.database,
      defaultAccessMode: neo4j.session.READ,
      bookmarkManager: this.db.driver.executeQueryBookmarkManager,
      fetchSize: 1000,
    });
    let rows = 0;
    try {
      const tx = await session.beginTransaction({ ...this.txConfig(name), timeout: timeoutMs });
      try {
        for await (const record of tx.run(named(name, cypher), params)) {
          rows++;
          yield record.toObject() as R;
        }
        await tx.commit();
      } finally {
        if (tx.isOpen()) await tx.rollback();
      }
      this.report({ name, mode: 'read', durationMs: performance.now() - started, rows });
    } catch (error) {
      this.report({ name, mode: 'read', durationMs: performance.now() - started, rows, error });
      throw error;
    } finally {
      await session.close();
    }
  }

  private txRunner(tx: ManagedTransaction): TxRunner {
    return {
      run: async <R = Row>(name: string, cypher: string, params: Params = {}) => {
        const started = performance.now();
        this.statementCount++;
        try {
          const result = await tx.run(named(name, cypher), params);
          const rows = result.records.map((r) => r.toObject() as R);
          this.report({ name, mode: 'write', durationMs: performance.now() - started, rows: rows.length });
          return rows;
        } catch (error) {
          this.report({ name, mode: 'write', durationMs: performance.now() - started, rows: 0, error });
          throw error;
        }
      },
    };
  }

  private async execute<R>(mode: 'read' | 'write', name: string, cypher: string, params: Params): Promise<R[]> {
    const started = performance.now();
    this.statementCount++;
    try {
      const result = await this.db.driver.executeQuery(named(name, cypher), params, {
        database: this.db.options.database,
        routing: mode === 'read' ? neo4j.routing.READ : neo4j.routing.WRITE,
        transactionConfig: this.txConfig(name),
      });
      const rows = result.records.map((r) => r.toObject() as R);
      this.report({ name, mode, durationMs: performance.now() - started, rows: rows.length });
      return rows;
    } catch (error) {
      this.report({ name, mode, durationMs: performance.now() - started, rows: 0, error });
      throw error;
    }
  }

  private txConfig(name: string) {
    return { timeout: this.db.options.timeoutMs, metadata: { app: 'cyber-diplomacy-graph', operation: name } };
  }

  private report(event: Parameters<StatementObserver>[0]): void {
    // Observers (metrics, tracing) must never fail the statement they observe.
    try {
      this.observer?.(event);
      this.db.notify(event);
    } catch {
      // ignored on purpose
    }
  }
}

/** Prefixes the statement with its name so slow-query logs point back to the code. */
function named(name: string, cypher: string): string {
  if (!/^[A-Za-z][\w.]*$/.test(name)) throw new Error(`Invalid statement name: ${name}`);
  return `/* ${name} */ ${cypher}`;
}

/** Integers for SKIP/LIMIT: JS numbers would be sent as floats. */
export const int = (n: number) => neo4j.int(n);
