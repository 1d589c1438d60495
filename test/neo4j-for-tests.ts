/**
 * Finds the one real Neo4j a test run uses, in order of preference:
 * 1. NEO4J_URI (+ NEO4J_USER / NEO4J_PASSWORD) from the environment;
 * 2. a testcontainers Neo4j 5.26 when a Docker engine answers;
 * 3. the embedded launcher on a free port with a throw-away data folder.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedNeo4j } from '../src/db/embedded.js';

export interface TestNeo4j {
  kind: 'external' | 'testcontainers' | 'embedded';
  uri: string;
  user: string;
  password?: string;
  stop(): Promise<void>;
}

/** A cheap check: DOCKER_HOST or the default socket, then GET /_ping with a short timeout. */
async function dockerEngineAnswers(): Promise<boolean> {
  const host = process.env.DOCKER_HOST;
  const socketPath = host?.startsWith('unix://') ? host.slice('unix://'.length) : host ? undefined : '/var/run/docker.sock';
  if (!host && !existsSync('/var/run/docker.sock')) return false;
  const target = socketPath ? { socketPath } : (() => {
    const url = new URL(host!.replace(/^tcp:/, 'http:'));
    return { host: url.hostname, port: Number(url.port || 2375) };
  })();
  return new Promise((resolve) => {
    const req = request({ ...target, path: '/_ping', method: 'GET', timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

export async function startNeo4jForTests(): Promise<TestNeo4j> {
  if (process.env.NEO4J_URI) {
    return {
      kind: 'external',
      uri: process.env.NEO4J_URI,
      user: process.env.NEO4J_USER ?? 'neo4j',
      password: process.env.NEO4J_PASSWORD,
      stop: async () => {},
    };
  }

  if (await dockerEngineAnswers()) {
    const { Neo4jContainer } = await import('@testcontainers/neo4j');
    const container = await new Neo4jContainer('neo4j:5.26-community').withPassword('test-password').start();
    return {
      kind: 'testcontainers',
      uri: container.getBoltUri(),
      user: container.getUsername(),
      password: container.getPassword(),
      stop: async () => {
        await container.stop();
      },
    };
  }

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cdg-neo4j-test-'));
  const embedded = await startEmbeddedNeo4j({ dataDir, port: 0, heap: '768m', pageCache: '128m', txTimeoutSeconds: 120 });
  return {
    kind: 'embedded',
    uri: embedded.uri,
    user: 'neo4j',
    stop: async () => {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
