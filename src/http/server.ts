/**
 * The HTTP server around the app, with bounds on slow clients: a client must send its request
 * headers within `headersTimeoutMs` (10 s) and its whole request within `requestTimeoutMs`
 * (120 s, room for a 5 MB import on a slow link); Node checks both every second instead of its
 * default 30 s, so a slowloris client holds a connection about that long, not a minute or more.
 * Idle keep-alive connections close after 5 s. Headers over 16 KB are refused (Node's default).
 */
import { createServer, type RequestListener, type Server } from 'node:http';

export interface ServerBounds {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
}

export const SERVER_BOUNDS: ServerBounds = { headersTimeoutMs: 10_000, requestTimeoutMs: 120_000, keepAliveTimeoutMs: 5_000 };

export function createHttpServer(app: RequestListener, bounds: ServerBounds = SERVER_BOUNDS): Server {
  const server = createServer(
    {
      headersTimeout: bounds.headersTimeoutMs,
      requestTimeout: bounds.requestTimeoutMs,
      connectionsCheckingInterval: 1_000,
      maxHeaderSize: 16_384,
    },
    app,
  );
  server.keepAliveTimeout = bounds.keepAliveTimeoutMs;
  return server;
}
