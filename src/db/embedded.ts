/**
 * The embedded default: starts Neo4j Community (neo4j-embedded/, a one-file Java launcher) as a
 * child JVM with Bolt on loopback, waits for its ready line, and stops it cleanly.
 *
 * The jars are fetched by Maven on first use (cached in ~/.m2) and the launcher is compiled
 * once; later starts run `java` directly. The JVM is started with --watch-stdin, so it shuts
 * down by itself if this process dies without a chance to stop it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../paths.js';

const LAUNCHER_DIR = path.join(PROJECT_ROOT, 'neo4j-embedded');
const LAUNCHER_SOURCE = path.join(LAUNCHER_DIR, 'src/main/java/org/cyberdiplo/embedded/EmbeddedNeo4j.java');
const CLASSES_DIR = path.join(LAUNCHER_DIR, 'target/classes');
const CLASSPATH_FILE = path.join(LAUNCHER_DIR, 'target/classpath.txt');
const MAIN_CLASS = 'org.cyberdiplo.embedded.EmbeddedNeo4j';

/**
 * The module opens and flags Neo4j's own server start script passes to the JVM (neo4j.conf,
 * `server.jvm.additional`); without the opens, Neo4j 5 on Java 17 logs access warnings or fails
 * to map its page cache.
 */
const NEO4J_JVM_FLAGS = [
  '-XX:+UseG1GC',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:+DisableExplicitGC',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--enable-native-access=ALL-UNNAMED',
  '-Dlog4j2.disable.jmx=true',
  '-Dfile.encoding=UTF-8',
];

/** See EmbeddedOptions.quickStart. */
const QUICK_START_JVM_FLAGS = ['-XX:TieredStopAtLevel=1'];

const ALTERNATIVES = 'Alternatives: set NEO4J_URI (with NEO4J_USER/NEO4J_PASSWORD) to a running Neo4j 5, or run `docker compose up`.';

export class EmbeddedNeo4jError extends Error {
  override name = 'EmbeddedNeo4jError';
}

export interface EmbeddedOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  heap: string;
  pageCache: string;
  txTimeoutSeconds?: number;
  /** Turns auth on with user neo4j and this password (8+ characters); without it auth is off. */
  password?: string;
  /**
   * Start as fast as the JVM can, at some cost in peak query speed: only the C1 JIT compiler
   * (-XX:TieredStopAtLevel=1). C2 compiling Neo4j's start-up code competes with the start-up
   * itself for the CPU: on a 2-core machine at load 7-9 a start took 8.3-9.0 s with it and
   * 5.1-5.9 s without, at load 13-17 18-46 s and 8.2-11.9 s. Used for restarts after a crash,
   * when the service is down until Neo4j is back (src/db/neo4j.ts).
   */
  quickStart?: boolean;
  /** Progress lines for people (e.g. "fetching jars"); defaults to stderr. */
  onProgress?: (message: string) => void;
}

export interface EmbeddedNeo4j {
  uri: string;
  pid: number;
  /** Settles when the JVM exits, for whatever reason (stop() or a crash). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

function commandExists(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return !result.error && result.status === 0;
}

function isLauncherBuilt(): boolean {
  if (!existsSync(CLASSPATH_FILE)) return false;
  const compiled = path.join(CLASSES_DIR, 'org/cyberdiplo/embedded/EmbeddedNeo4j.class');
  if (!existsSync(compiled)) return false;
  const builtAt = statSync(compiled).mtimeMs;
  return statSync(LAUNCHER_SOURCE).mtimeMs <= builtAt && statSync(path.join(LAUNCHER_DIR, 'pom.xml')).mtimeMs <= builtAt;
}

/** Fetches the Neo4j jars (first run) and compiles the launcher, unless already done. */
export function ensureLauncherBuilt(onProgress: (m: string) => void = (m) => process.stderr.write(`${m}\n`)): void {
  if (!commandExists('java', ['-version'])) {
    throw new EmbeddedNeo4jError(`Java 17 or newer is needed for the embedded Neo4j and was not found on PATH. ${ALTERNATIVES}`);
  }
  if (isLauncherBuilt()) return;
  if (!commandExists('mvn', ['--version'])) {
    throw new EmbeddedNeo4jError(`Maven (mvn) is needed once to fetch the embedded Neo4j jars and was not found on PATH. ${ALTERNATIVES}`);
  }
  onProgress('Preparing the embedded Neo4j: Maven fetches its jars on first use (about 120 MB, cached in ~/.m2)...');
  const build = spawnSync('mvn', ['-q', '-B', '-f', path.join(LAUNCHER_DIR, 'pom.xml'), 'package'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (build.status !== 0) {
    const detail = `${build.stdout}\n${build.stderr}`
      .split('\n')
      .filter((l) => l.includes('ERROR'))
      .slice(0, 3)
      .join(' | ');
    throw new EmbeddedNeo4jError(
      `Building the embedded Neo4j launcher with Maven failed: ${detail || `exit ${build.status}`}. ${ALTERNATIVES}`,
    );
  }
}

/** Starts the embedded Neo4j and resolves once its Bolt connector accepts connections. */
export async function startEmbeddedNeo4j(options: EmbeddedOptions): Promise<EmbeddedNeo4j> {
  ensureLauncherBuilt(options.onProgress);
  const dataDir = path.resolve(PROJECT_ROOT, options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const classpath = `${CLASSES_DIR}${path.delimiter}${readFileSync(CLASSPATH_FILE, 'utf8').trim()}`;

  const child = spawn(
    'java',
    [
      `-Xms${options.heap}`,
      `-Xmx${options.heap}`,
      ...NEO4J_JVM_FLAGS,
      ...(options.quickStart ? QUICK_START_JVM_FLAGS : []),
      '-cp',
      classpath,
      MAIN_CLASS,
      '--data-dir',
      dataDir,
      '--bolt-port',
      String(options.port),
      '--page-cache',
      options.pageCache,
      '--tx-timeout-seconds',
      String(options.txTimeoutSeconds ?? 60),
      '--watch-stdin',
      ...(options.password ? ['--password', options.password] : []),
    ],
    // Its own process group: a terminal's Ctrl-C goes to this process, which drains requests
    // and then stops Neo4j, instead of reaching the JVM at once. If this process dies anyway,
    // the JVM sees its stdin close and shuts down (--watch-stdin).
    { stdio: ['pipe', 'pipe', 'pipe'], detached: true },
  );

  const uri = await waitForReady(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  // Last resort if this process exits without awaiting stop(): SIGTERM runs Neo4j's shutdown hook.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));

  return {
    uri,
    pid: child.pid ?? -1,
    exited,
    async stop() {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function waitForReady(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const onStdout = (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const ready = /NEO4J_EMBEDDED_READY (\S+)/.exec(stdout);
      const failed = /NEO4J_EMBEDDED_ERROR (.+)/.exec(stdout);
      if (ready) {
        cleanup();
        // Keep draining output so the pipe never fills and blocks the JVM.
        child.stdout?.resume();
        resolve(ready[1] ?? '');
      } else if (failed) {
        cleanup();
        reject(new EmbeddedNeo4jError(`Embedded Neo4j failed to start: ${(failed[1] ?? '').trim()}`));
      }
    };
    const onStderr = (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    };
    const onExit = (code: number | null) => {
      cleanup();
      const last = stderr.trim().split('\n').filter(Boolean).slice(-2).join(' | ');
      reject(new EmbeddedNeo4jError(`Embedded Neo4j exited (code ${code}) before it was ready${last ? `: ${last}` : ''}`));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new EmbeddedNeo4jError(`Could not start java for the embedded Neo4j: ${error.message}. ${ALTERNATIVES}`));
    };
    const cleanup = () => {
      child.stdout?.off('data', onStdout);
      child.off('exit', onExit);
      child.off('error', onError);
    };
    child.stdout?.on('data', onStdout);
    child.stderr?.on('data', onStderr);
    child.on('exit', onExit);
    child.on('error', onError);
  });
}
