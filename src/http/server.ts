/**
 * The HTTP server around the app, with bounds on slow clients: a client must send its request
 * headers within `headersTimeoutMs` (60 s, Node's default) and its whole request within
 * `requestTimeoutMs` (120 s, room for a 5 MB import on a slow link); Node checks both every
 * second instead of every 30 s. Idle keep-alive connections close after 5 s. Headers over 16 KB
 * are refused (Node's default).
 *
 * Why not a shorter headers bound: the check runs in the timers phase, before the poll phase
 * reads sockets. After the event loop stalls (a CPU-starved process serialising large answers),
 * connections accepted before the stall whose bytes still sit unread in the kernel look
 * "headerless" for the whole stall, and a 10 s bound could reset them on a machine kept busy
 * (the same timers-before-poll order reset queued connections at shutdown, see main.ts). A
 * slowloris client is bounded by the rate limit and this minute instead.
 */
import { createServer, type RequestListener, type Server } from 'node:http';

export interface ServerBounds {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
}

export const SERVER_BOUNDS: ServerBounds = { headersTimeoutMs: 60_000, requestTimeoutMs: 120_000, keepAliveTimeoutMs: 5_000 };

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
