/**
 * Clients that misuse the connection itself, on a real socket against the server main.ts runs
 * (createHttpServer): headers sent a line at a time (slowloris) are cut after the headers
 * timeout while others are served; pipelined requests are answered in order; oversized headers
 * are refused with 431.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../src/http/server.js';
import { testApp } from '../helpers.js';

let server: Server;
let port = 0;

beforeAll(async () => {
  server = createHttpServer(testApp(), { headersTimeoutMs: 2_000, requestTimeoutMs: 5_000, keepAliveTimeoutMs: 5_000 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

async function open(): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  return socket;
}

/** Everything the server sends until it closes the connection (or `until` matches). */
function collect(socket: Socket, until?: (text: string) => boolean): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (until?.(text)) resolve(text);
    });
    socket.on('close', () => resolve(text));
    socket.on('error', () => resolve(text));
  });
}

describe('slow and unusual clients on a real socket', () => {
  it('when a client sends its headers a line at a time, then it is cut after the headers timeout and others are served meanwhile', async () => {
    const slow = await open();
    const answer = collect(slow);
    slow.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    let lines = 0;
    const drip = setInterval(() => {
      if (!slow.destroyed) slow.write(`X-Slow-${lines++}: a\r\n`);
    }, 300);
    try {
      const other = await fetch(`http://127.0.0.1:${port}/health`);
      expect(other.status).toBe(200);
      const text = await answer;
      expect(text === '' || text.startsWith('HTTP/1.1 408')).toBe(true);
      expect(slow.destroyed || slow.readableEnded).toBe(true);
    } finally {
      clearInterval(drip);
      slow.destroy();
    }
  });

  it('when three requests are pipelined on one connection, then three answers come back in order', async () => {
    const socket = await open();
    const request = (path: string) => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`;
    const answers = collect(socket, (text) => /HTTP\/1\.1 404[\s\S]*\r\n\r\n[\s\S]*\}/.test(text));
    socket.write(request('/health') + request('/graphql?query=%7B__typename%7D') + request('/no-such-route'));
    const text = await answers;
    socket.destroy();
    const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => m[1]);
    expect(statuses).toEqual(['200', '200', '404']);
    const second = text.indexOf('HTTP/1.1 200', 1);
    expect(text.indexOf('"__typename":"Query"')).toBeGreaterThan(second);
    expect(text.indexOf('"__typename":"Query"')).toBeLessThan(text.indexOf('HTTP/1.1 404'));
  });

  it('when the headers are over 16 KB, then 431 and nothing else is read', async () => {
    const socket = await open();
    const answer = collect(socket);
    socket.write(`GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(await answer).toMatch(/^HTTP\/1\.1 431/);
  });
});
