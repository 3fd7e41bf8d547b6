import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Express } from "express";
import type { Config } from "../config.js";
import { type Logger, throttled } from "../logger.js";
import { clientErrorResponse, connectRefusal } from "../server/error-handler.js";

/** After the deadline, how long ended answer streams get to flush their last event. */
const FLUSH_GRACE_MS = 1000;
/**
 * Lingering after a response that left the request body unread (a 413 before reading, a 401, a
 * 429…), as nginx's lingering close does: closing at once, with the client still sending, makes
 * the kernel reset the connection, and the client fails on EPIPE or ECONNRESET without reading
 * the answer. So the rest of the body is read and thrown away, as long as it keeps coming (no
 * pause longer than LINGER_IDLE_MS), is at most LINGER_MAX_BYTES, and arrives within the
 * request's own REQUEST_TIMEOUT_MS; then the connection stays open as usual. Otherwise it is
 * closed.
 */
const LINGER_IDLE_MS = 5_000;
const LINGER_MAX_BYTES = 16 * 1024 * 1024;
const LINGER_CHECK_MS = 250;

/** At most one line per this interval about connections refused over MAX_CONNECTIONS. */
const DROP_LOG_INTERVAL_MS = 10_000;

/** Connections reading and discarding the rest of a body whose request has been answered. */
const lingering = new WeakSet<Socket>();

function discardUnreadBody(req: IncomingMessage): void {
  if (req.complete) return;
  const { socket } = req;
  lingering.add(socket);
  // A request the app never read is already being discarded by Node; one that a parser stopped
  // reading (at its size limit) is paused: resumed without a listener, its data is dropped.
  req.resume();
  const start = socket.bytesRead;
  let lastBytes = start;
  let lastProgress = performance.now();
  const check = setInterval(() => {
    if (req.complete || socket.destroyed) {
      clearInterval(check);
      lingering.delete(socket);
      return;
    }
    if (socket.bytesRead !== lastBytes) {
      lastBytes = socket.bytesRead;
      lastProgress = performance.now();
    }
    if (lastBytes - start > LINGER_MAX_BYTES || performance.now() - lastProgress > LINGER_IDLE_MS) {
      clearInterval(check);
      socket.destroy();
    }
  }, LINGER_CHECK_MS);
  check.unref();
}

/**
 * How often Node looks for requests past their timeout. Its default, 30 s, lets a slow client
 * keep a connection up to 30 s beyond REQUEST_TIMEOUT_MS.
 */
const TIMEOUT_CHECK_INTERVAL_MS = 250;

export interface RunningServer {
  url: string;
  /**
   * Stops accepting connections and waits for in-flight requests, up to `shutdownTimeoutMs`;
   * then aborts `shutdown` (answer streams end with an error event) and cuts what remains.
   */
  close(): Promise<void>;
}

export interface ServerOptions {
  config: Pick<Config, "port" | "host" | "shutdownTimeoutMs" | "http">;
  logger: Logger;
  /** Shared with createApp as its `shutdownSignal`. */
  shutdown?: AbortController;
}

export async function startServer(app: Express, options: ServerOptions): Promise<RunningServer> {
  const { config, logger } = options;
  const { requestTimeoutMs, headersTimeoutMs, maxConnections } = config.http;
  const server = createServer({
    requestTimeout: requestTimeoutMs,
    headersTimeout: headersTimeoutMs,
    connectionsCheckingInterval: Math.min(TIMEOUT_CHECK_INTERVAL_MS, headersTimeoutMs),
    // The app refuses a missing Host itself (requireHost), in JSON; Node's refusal has no body.
    requireHostHeader: false,
  });
  if (maxConnections > 0) server.maxConnections = maxConnections;
  // A flood of connections would otherwise log a line for each one refused.
  const dropLine = throttled(DROP_LOG_INTERVAL_MS);
  server.on("drop", () =>
    dropLine((skipped) =>
      logger.warn(
        { maxConnections, refusedUnlogged: skipped },
        "connection refused: MAX_CONNECTIONS reached",
      ),
    ),
  );
  // Replaces Node's bare answer to a slow or malformed request with our JSON one. Once a
  // response has begun, nothing can be added to it: the connection is only closed.
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    const response = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
    // A lingering connection's request has had its answer; the rest of its body took too long.
    const answered = response?.headersSent || lingering.has(socket);
    if (socket.writable && !answered && error.code !== "ECONNRESET") {
      socket.write(clientErrorResponse(error));
    }
    socket.destroy();
  });
  server.on("connect", (_req: IncomingMessage, socket: Socket) => socket.end(connectRefusal()));
  const active = new Set<ServerResponse>();
  let draining = false;
  let drained: (() => void) | undefined;

  // Registered before the app, so that a drain is known before the app writes any header.
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    active.add(res);
    res.once("finish", () => discardUnreadBody(req));
    // During a drain every response closes its connection, so no keep-alive socket lingers.
    if (draining) res.shouldKeepAlive = false;
    res.once("close", () => {
      active.delete(res);
      if (draining && active.size === 0) drained?.();
    });
  });

  server.on("request", app);

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;

  const waitForIdle = (ms: number) =>
    new Promise<boolean>((resolve) => {
      if (active.size === 0) {
        resolve(true);
        return;
      }
      const timer = setTimeout(() => resolve(false), ms);
      drained = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      draining = true;
      for (const res of active) if (!res.headersSent) res.shouldKeepAlive = false;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      logger.info({ inFlight: active.size }, "draining in-flight requests");

      if (!(await waitForIdle(config.shutdownTimeoutMs))) {
        logger.warn(
          { inFlight: active.size, timeoutMs: config.shutdownTimeoutMs },
          "shutdown deadline reached; ending remaining requests",
        );
        options.shutdown?.abort();
        await waitForIdle(FLUSH_GRACE_MS);
      }
      server.closeAllConnections();
      await closed;
    })();
    return closing;
  };

  return { url, close };
}
