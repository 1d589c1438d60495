/**
 * The one way to run Cypher. Every statement:
 * - carries a name (prepended as a comment and sent as transaction metadata) so Neo4j's query
 *   log points back to the repository function that sent it;
 * - names the database (leaving it out costs a round trip);
 * - goes through a read or write transaction, so a cluster can route reads to followers;
 * - has a server-side timeout;
 * - is counted per request, so tests can prove batching (statements per request);
 * - never waits past its timeout (plus a grace period) on the client side either, and fails at
 *   once while the health monitor knows Neo4j is down (src/db/health.ts);
 * - on a request's runner, shares the request's budget: all of one request's reads together get
 *   the query timeout, each the time left (a request with many statements used to get the full
 *   timeout for each in turn), and once it is spent the request's next statement fails with
 *   QUERY_TIMEOUT instead of starting.
 */
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { QueryTimeoutError } from '../errors.js';
import { translateDriverError } from './driver-errors.js';
import { DatabaseHealth } from './health.js';

export type Params = Record<string, unknown>;
export type Row = Record<string, unknown>;

export type StatementObserver = (event: {
  name: string;
  mode: 'read' | 'write';
  durationMs: number;
  rows: number;
  error?: unknown;
}) => void;

export interface DatabaseOptions {
  database: string;
  timeoutMs: number;
}

/**
 * A transaction inside `Database.writeTransaction`: statements run atomically together, in the
 * order they are sent.
 */
export interface TxRunner {
  /** Sends a statement and waits for its rows. */
  run<R = Row>(name: string, cypher: string, params?: Params): Promise<R[]>;
  /**
   * Sends a statement whose rows nobody needs (a lock, a counter update, an audit record) without
   * waiting for it: it shares the round trip of the next statement awaited, or of the commit.
   * Neo4j still runs it in its place in the order; if it fails, the transaction fails with its
   * error and rolls back.
   */
  send(name: string, cypher: string, params?: Params): void;
}

/** The one row a statement that always returns one (CREATE/MERGE ... RETURN) gave back. */
export function theRow<R>(rows: readonly R[], statement: string): R {
  const row = rows[0];
  if (row === undefined) throw new Error(`${statement} returned no row`);
  return row;
}

/** A statement abandoned on the client side, just past its own timeout. */
export class ClientTimeoutError extends QueryTimeoutError {}

/** A request whose statements have used its whole budget (the query timeout): no more start. */
export class RequestDeadlineError extends QueryTimeoutError {
  constructor(budgetMs: number) {
    super(`The request's statements took longer than the query timeout (${budgetMs} ms) allows together; narrow it down.`);
  }
}

/** Less time than this left in a request's budget is not worth starting a statement for. */
const MIN_STATEMENT_MS = 10;

export interface RunnerOptions {
  /**
   * All statements of the runner share this budget (ms, counted from the runner's creation):
   * each gets the time left as its timeout. Unset: each gets the full query timeout.
   */
  budgetMs?: number;
}

/** How long after its own timeout a statement is abandoned on the client side (a connection may take up to 3 s to acquire). */
const CLIENT_GRACE_MS = 3_000;
/**
 * The same for a statement of a request with a budget: abandoned 1 s past the request's
 * deadline, whatever its connection took (Neo4j notices its own transaction timeout only now
 * and then while a heavy statement runs: under load, 16 requests with two `paths(all: true)`
 * each were answered 15 s after they came, with a 10 s budget, when this was 3 s).
 */
const REQUEST_GRACE_MS = 1_000;

export class Database {
  private readonly observers = new Set<StatementObserver>();
  /** Knows whether Neo4j answers; statements consult it and report to it. */
  readonly health: DatabaseHealth;

  constructor(
    readonly driver: Driver,
    readonly options: DatabaseOptions,
  ) {
    this.health = new DatabaseHealth(driver, { database: options.database });
  }

  /**
   * Runs `work` unless Neo4j is known to be down, and gives up on it (rejecting) once
   * `timeoutMs` plus a grace period pass or Neo4j goes down meanwhile. Abandoned work settles in
   * the background; its errors are swallowed there.
   */
  guard<T>(timeoutMs: number, work: () => Promise<T>, graceMs = CLIENT_GRACE_MS): Promise<T> {
    if (!this.health.available) return Promise.reject(this.health.unavailableError());
    const running = work();
    running.catch(() => {});
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        reject(new ClientTimeoutError(`The statement did not complete within ${timeoutMs} ms.`));
      }, timeoutMs + graceMs);
      timer.unref();
      const stopListening = this.health.onDown((error) => {
        cleanup();
        reject(error);
      });
      const cleanup = () => {
        clearTimeout(timer);
        stopListening();
      };
      running.then(
        (value) => {
          cleanup();
          this.health.reportSuccess();
          resolve(value);
        },
        (error) => {
          cleanup();
          this.health.reportFailure(error);
          reject(translateDriverError(error));
        },
      );
    });
  }

  /** A view of this database whose statements are also reported to `observer` (per request). */
  observed(observer: StatementObserver, options: RunnerOptions = {}): QueryRunner {
    return new QueryRunner(this, observer, options);
  }

  addObserver(observer: StatementObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  notify(event: Parameters<StatementObserver>[0]): void {
    for (const observer of this.observers) observer(event);
  }

  async close(): Promise<void> {
    this.health.stop();
    await this.driver.close();
  }
}

/** Runs named statements; one per request (with an observer) or shared (without). */
export class QueryRunner {
  statementCount = 0;
  /** When the budget of this runner's statements runs out (performance.now()), if it has one. */
  private readonly deadline: number | null;

  constructor(
    readonly db: Database,
    private readonly observer?: StatementObserver,
    private readonly options: RunnerOptions = {},
  ) {
    this.deadline = options.budgetMs === undefined ? null : performance.now() + options.budgetMs;
  }

  /**
   * The timeout the next statement gets: `timeoutMs`, or less when the request's budget has
   * less left. Throws RequestDeadlineError when the budget is spent.
   */
  private timeoutFor(timeoutMs: number): number {
    if (this.deadline === null) return timeoutMs;
    const left = Math.floor(this.deadline - performance.now());
    if (left < MIN_STATEMENT_MS) throw new RequestDeadlineError(this.options.budgetMs ?? 0);
    return Math.min(timeoutMs, left);
  }

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
  async writeTransaction<T>(name: string, work: (tx: TxRunner) => Promise<T>, timeoutMs?: number): Promise<T> {
    // A write given its own timeout (curation: 30 s) keeps it, but does not start once the
    // request's budget is spent; otherwise it gets the time left, like a read.
    const left = this.timeoutFor(this.db.options.timeoutMs);
    timeoutMs = timeoutMs ?? left;
    const session = this.db.driver.session({
      database: this.db.options.database,
      defaultAccessMode: neo4j.session.WRITE,
      bookmarkManager: this.db.driver.executeQueryBookmarkManager,
    });
    try {
      return await this.db.guard(timeoutMs, () =>
        session.executeWrite(
          async (tx) => {
            const runner = this.txRunner(tx);
            const result = await work(runner);
            // Statements sent without waiting must have succeeded before the commit.
            await runner.settled();
            return result;
          },
          { ...this.txConfig(name), timeout: timeoutMs },
        ),
      );
    } finally {
      // Closing waits for the transaction; an abandoned one (Neo4j stopped) closes in the background.
      void session.close().catch(() => {});
    }
  }

  /**
   * Streams a read's rows as Neo4j produces them (the driver fetches in batches and applies
   * back-pressure), for exports that must not hold the whole graph in memory. One explicit
   * read transaction: a stream cannot be retried half-way, so it is not a managed one.
   *
   * Bounded: past `timeoutMs` (plus a grace period), or as soon as Neo4j is known to be down,
   * the stream fails even if Neo4j never answers; the transaction is rolled back and the session
   * closed whether the stream ends, fails or is abandoned by its reader (`return()`).
   */
  async *stream<R = Row>(name: string, cypher: string, params: Params = {}, timeoutMs = this.db.options.timeoutMs * 10): AsyncGenerator<R> {
    const started = performance.now();
    this.statementCount++;
    if (!this.db.health.available) throw this.db.health.unavailableError();
    let abort: (error: Error) => void = () => {};
    const aborted = new Promise<never>((_, reject) => (abort = reject));
    aborted.catch(() => {});
    const timer = setTimeout(
      () => abort(new ClientTimeoutError(`The export did not complete within ${timeoutMs} ms.`)),
      timeoutMs + CLIENT_GRACE_MS,
    );
    timer.unref();
    const stopListening = this.db.health.onDown((error) => abort(error));
    const settle = <T>(promise: Promise<T>): Promise<T> => {
      promise.catch(() => {});
      return Promise.race([promise, aborted]);
    };
    const session = this.db.driver.session({
      database: this.db.options.database,
      defaultAccessMode: neo4j.session.READ,
      bookmarkManager: this.db.driver.executeQueryBookmarkManager,
      fetchSize: 1000,
    });
    let rows = 0;
    let tx: Awaited<ReturnType<typeof session.beginTransaction>> | undefined;
    try {
      tx = await settle(Promise.resolve(session.beginTransaction({ ...this.txConfig(name), timeout: timeoutMs })));
      const records = tx.run(named(name, cypher), params)[Symbol.asyncIterator]();
      for (;;) {
        const next = await settle(records.next());
        if (next.done) break;
        rows++;
        yield next.value.toObject() as R;
      }
      await settle(tx.commit());
      this.db.health.reportSuccess();
      this.report({ name, mode: 'read', durationMs: performance.now() - started, rows });
    } catch (error) {
      this.db.health.reportFailure(error);
      this.report({ name, mode: 'read', durationMs: performance.now() - started, rows, error });
      throw translateDriverError(error);
    } finally {
      clearTimeout(timer);
      stopListening();
      // Closing the session alone ends an open transaction: it cancels the result and, while the
      // session still has a transaction, sends RESET before the connection goes back to the pool.
      // (Calling tx.rollback() first marked the session as transaction-free at once, while the
      // rollback waited on the paused result, so close() released the connection with the
      // transaction still open on the server; the next BEGIN on it then failed with
      // "BeginMessage cannot be handled by a session in the IN_TRANSACTION state".)
      // In the background: a stopped Neo4j would keep it waiting.
      void session.close().catch(() => {});
    }
  }

  /**
   * A transaction's runner. A statement sent without waiting that fails makes every statement
   * after it fail with its error (the driver's doing); `settled()` surfaces a failure among the
   * last ones sent, before the commit.
   */
  private txRunner(tx: ManagedTransaction): TxRunner & { settled(): Promise<void> } {
    const sent: Array<Promise<unknown>> = [];
    const runOne = async <R = Row>(name: string, cypher: string, params: Params = {}) => {
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
    };
    return {
      run: runOne,
      send: (name, cypher, params = {}) => {
        const outcome = runOne(name, cypher, params);
        outcome.catch(() => {}); // observed by settled()
        sent.push(outcome);
      },
      settled: async () => {
        for (const outcome of await Promise.allSettled(sent)) if (outcome.status === 'rejected') throw outcome.reason;
      },
    };
  }

  private async execute<R>(mode: 'read' | 'write', name: string, cypher: string, params: Params): Promise<R[]> {
    // A statement the request's budget has no time left for is refused before it runs (or counts).
    const timeoutMs = this.timeoutFor(this.db.options.timeoutMs);
    const started = performance.now();
    this.statementCount++;
    try {
      const result = await this.db.guard(
        timeoutMs,
        () =>
          this.db.driver.executeQuery(named(name, cypher), params, {
            database: this.db.options.database,
            routing: mode === 'read' ? neo4j.routing.READ : neo4j.routing.WRITE,
            transactionConfig: { ...this.txConfig(name), timeout: timeoutMs },
          }),
        this.deadline === null ? CLIENT_GRACE_MS : REQUEST_GRACE_MS,
      );
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
