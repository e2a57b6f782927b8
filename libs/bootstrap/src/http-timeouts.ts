import type { Server } from 'node:http';

/** How long the HTTP server waits for a client, in milliseconds. */
export interface HttpServerTimeouts {
  /** For a request's headers; a client sending them slower (slow-loris) is answered 408 and disconnected. */
  headersTimeoutMs: number;
  /** For a whole request, headers and body. */
  requestTimeoutMs: number;
  /** For the next request on an idle keep-alive connection. */
  keepAliveTimeoutMs: number;
}

export const DEFAULT_HTTP_SERVER_TIMEOUTS: HttpServerTimeouts = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 65_000,
};

/**
 * Sets the timeouts on a server that is not listening yet. Node checks the header and request deadlines on a
 * timer (every 30 s by default, too coarse for a 10 s limit), so the check runs at a quarter of the shorter one.
 */
export function applyHttpServerTimeouts(server: Server, timeouts: Partial<HttpServerTimeouts> = {}): void {
  const { headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs } = {
    ...DEFAULT_HTTP_SERVER_TIMEOUTS,
    ...timeouts,
  };
  server.headersTimeout = headersTimeoutMs;
  server.requestTimeout = requestTimeoutMs;
  server.keepAliveTimeout = keepAliveTimeoutMs;
  const checkingIntervalMs = Math.min(1_000, Math.max(50, Math.floor(headersTimeoutMs / 4)));
  Object.assign(server, { connectionsCheckingInterval: checkingIntervalMs });
}
