/**
 * Whether Neo4j answers, known without waiting on a request's query. A probe (`RETURN 1` in an
 * auto-commit transaction, never retried, on its own two-connection driver so it never queues
 * behind requests) runs every `intervalMs`; statements report their own successes and
 * connection failures too. Neo4j is taken as down when
 * - a statement or probe fails with a connection error (refused, reset, closed), or
 * - the embedded Neo4j's process is stopped (SIGSTOP) or gone (read from /proc, at once), or
 * - a probe has not answered within `probeTimeoutMs`, no statement has succeeded meanwhile, and
 *   Neo4j does not even answer a Bolt handshake on a new connection (half the probe timeout
 *   waiting, half for the handshake)
 *   (a stopped server's kernel still accepts TCP connections, but nothing answers on them; a
 *   server busy with other work still completes statements or, at least, handshakes: its
 *   network threads are not its query threads). Busy is not down: requests then get their own
 *   timeouts and the load gate's refusals, not DATABASE_UNAVAILABLE for everyone.
 * A probe that Neo4j refuses (e.g. its own timeout on a loaded machine) still means it answers.
 * While down, statements fail at once with DATABASE_UNAVAILABLE instead of queueing in the
 * driver, and statements in flight are released. The next answered probe brings it back up.
 */
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import type { Driver } from 'neo4j-driver';
import neo4j from 'neo4j-driver';
import { DatabaseUnavailableError } from '../errors.js';
import type { Logger } from '../logger.js';
import { isConnectionLost } from './driver-errors.js';
import { connectionOf, createProbeDriver } from './driver.js';

export interface HealthOptions {
  database: string;
  intervalMs?: number;
  probeTimeoutMs?: number;
}

// Statements fail with DatabaseUnavailableError (src/errors.ts) while Neo4j is down.

/** Whether an error means the connection to Neo4j failed (not a query problem). */
export function isConnectionFailure(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  // Not a pool acquisition timeout: that is our own pool being busy, not Neo4j being down.
  return isConnectionLost(error);
}

export class DatabaseHealth {
  private up = true;
  private reason = '';
  private probing: { startedAt: number } | null = null;
  /** A Bolt handshake in flight, checking whether a hung probe means busy or stopped. */
  private handshaking = false;
  /** When Neo4j last answered a handshake while a probe hung (busy, not down). */
  private lastAliveAt = 0;
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
    this.probeTimeoutMs = options.probeTimeoutMs ?? 5_000;
  }

  private probeDriver: Driver | null = null;
  /** Hangs count only once a probe has answered: a first connection on a loaded machine is slow. */
  private everAnswered = false;
  private watchedPid: (() => number | undefined) | null = null;

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
      const connection = connectionOf(this.driver);
      this.probeDriver = connection ? createProbeDriver(connection, this.probeTimeoutMs) : this.driver;
      this.timer = setInterval(() => this.tick(), this.intervalMs);
      this.timer.unref();
    }
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.up = true;
    if (this.probeDriver && this.probeDriver !== this.driver) void this.probeDriver.close().catch(() => {});
    this.probeDriver = null;
  }

  /** Watches a local Neo4j process (the embedded one): stopped or gone means down at once. */
  watchProcess(pid: () => number | undefined): this {
    this.watchedPid = pid;
    return this;
  }

  /** A statement completed: Neo4j answers. */
  reportSuccess(): void {
    this.lastSuccessAt = Date.now();
    if (!this.up) this.markUp();
  }

  /** A statement failed; connection failures mark Neo4j down at once. */
  reportFailure(error: unknown): void {
    if (isConnectionFailure(error) && !(error instanceof DatabaseUnavailableError)) {
      this.markDown(String((error as Error).message ?? error).split('\n')[0] ?? '');
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
    const processProblem = this.processState();
    if (processProblem) {
      this.markDown(processProblem);
      return;
    }
    if (this.probing) {
      // A probe still waiting: a stopped server, or a busy one. Down only if nothing else
      // completes and Neo4j does not answer a handshake either.
      // Half the probe timeout waiting, half for the handshake: a stopped server is down after
      // about probeTimeoutMs, as before there was a handshake.
      const half = this.probeTimeoutMs / 2;
      const quiet = now - Math.max(this.lastSuccessAt, this.lastAliveAt);
      const hung = now - this.probing.startedAt > half && quiet > half;
      if (this.up && hung && this.everAnswered && !this.handshaking) void this.checkHandshake();
      return;
    }
    this.probing = { startedAt: now };
    void this.probe().finally(() => {
      this.probing = null;
    });
  }

  private async probe(): Promise<void> {
    const driver = this.probeDriver ?? this.driver;
    const session = driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.READ });
    try {
      await session.run('RETURN 1', {}, { timeout: 10_000, metadata: { app: 'cyber-diplomacy-graph', operation: 'Health.probe' } });
      this.answered();
    } catch (error) {
      if (isConnectionFailure(error)) this.markDown(String((error as Error).message ?? error).split('\n')[0] ?? '');
      // Any other refusal came from Neo4j itself: it answers.
      else if (!this.processState()) this.answered();
    } finally {
      await session.close().catch(() => {});
    }
  }

  /** Whether Neo4j answers a Bolt handshake on a new connection (busy) or not (stopped, hung). */
  private async checkHandshake(): Promise<void> {
    const connection = connectionOf(this.driver);
    if (!connection) {
      this.markDown(`no answer to a probe within ${this.probeTimeoutMs} ms`);
      return;
    }
    this.handshaking = true;
    try {
      const answered = await boltHandshake(connection.uri, this.probeTimeoutMs / 2);
      if (answered) {
        this.lastAliveAt = Date.now();
        this.logger?.debug('a health probe is slow but Neo4j answers a handshake: busy, not down');
      } else if (this.probing && !this.processState()) {
        this.markDown(`no answer to a probe or a handshake within ${this.probeTimeoutMs} ms`);
      }
    } finally {
      this.handshaking = false;
    }
  }

  private answered(): void {
    this.everAnswered = true;
    this.lastSuccessAt = Date.now();
    if (!this.up) this.markUp();
  }

  /** Why the watched process cannot answer (stopped, gone), or null. Linux /proc; elsewhere null. */
  private processState(): string | null {
    const pid = this.watchedPid?.();
    if (!pid || pid <= 0) return null;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      if (state === 'T' || state === 't') return `the embedded Neo4j (pid ${pid}) is stopped`;
      if (state === 'Z' || state === 'X') return `the embedded Neo4j (pid ${pid}) has exited`;
      return null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && existsSync('/proc/self/stat'))
        return `the embedded Neo4j (pid ${pid}) has exited`;
      return null;
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

/**
 * Opens a new connection to the Bolt server at `uri` and sends the Bolt handshake (magic and
 * four proposed versions): true when the server answers with a version within `timeoutMs`,
 * false when it refuses, closes or stays silent. Never throws.
 */
export function boltHandshake(uri: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      resolve(false);
      return;
    }
    const scheme = url.protocol.replace(/:$/, '');
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const port = Number(url.port || 7687);
    const secure = scheme.endsWith('+s') || scheme.endsWith('+ssc');
    const socket: net.Socket = secure
      ? tls.connect({ host, port, servername: net.isIP(host) ? undefined : host, rejectUnauthorized: !scheme.endsWith('+ssc') })
      : net.connect({ host, port });
    let settled = false;
    const finish = (answered: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(answered);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    timer.unref();
    let received = 0;
    socket.once(secure ? 'secureConnect' : 'connect', () => {
      // Magic 0x6060B017, then versions 5.x, 4.4, 4.3 and 3 (any answer means it is alive).
      socket.write(Buffer.from([0x60, 0x60, 0xb0, 0x17, 0, 0, 8, 5, 0, 0, 4, 4, 0, 0, 3, 4, 0, 0, 0, 3]));
    });
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received >= 4) finish(true);
    });
    socket.on('error', () => finish(false));
    socket.on('close', () => finish(false));
  });
}
