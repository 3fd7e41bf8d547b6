import { createHash, timingSafeEqual } from "node:crypto";
import { InvalidTokenError } from "@modelcontextprotocol/sdk/server/auth/errors.js";
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { type ErrorRequestHandler, type RequestHandler, Router } from "express";
import type { Config } from "../config.js";
import { httpStatus, knownError, ServiceError } from "../server/errors.js";
import { apiRateLimit, type RateLimitOptions } from "../server/rate-limit.js";
import { route } from "../server/routes.js";
import { jsonBody } from "../server/validation.js";

export const MCP_PATH = "/mcp";

/** Hosts a page on this machine can have; DNS rebinding cannot make another site one of them. */
function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === "localhost" ||
    hostname.endsWith(".localhost") ||
    hostname === "[::1]" ||
    /^127(\.\d{1,3}){3}$/.test(hostname)
  );
}

/** An origin listed in ALLOWED_ORIGINS, or any page on a loopback address (any port). */
export function isAllowedOrigin(origin: string, allowedOrigins: string[]): boolean {
  if (allowedOrigins.includes(origin)) return true;
  try {
    const url = new URL(origin);
    return ["http:", "https:"].includes(url.protocol) && isLoopbackHost(url.hostname);
  } catch {
    return false;
  }
}

/**
 * DNS rebinding protection as the MCP specification asks: a browser always sends Origin, so a
 * hostile page that rebinds its name to this server is recognised by it. Clients that are not
 * browsers send none and pass.
 */
function checkOrigin(allowedOrigins: string[]): RequestHandler {
  return (req, _res, next) => {
    const origin = req.get("Origin");
    if (origin !== undefined && !isAllowedOrigin(origin, allowedOrigins)) {
      next(
        new ServiceError(
          "forbidden",
          "forbidden_origin",
          "This origin may not use the MCP server.",
        ),
      );
      return;
    }
    next();
  };
}

const digest = (text: string) => createHash("sha256").update(text).digest();

/** `Authorization: Bearer <MCP_TOKEN>`, answered the way MCP clients expect (RFC 6750, WWW-Authenticate). */
function bearerToken(token: string): RequestHandler {
  const expected = digest(token);
  return requireBearerAuth({
    verifier: {
      verifyAccessToken: async (presented) => {
        // Hashing first gives equal lengths, so the comparison leaks neither token nor length.
        if (!timingSafeEqual(digest(presented), expected)) {
          throw new InvalidTokenError("The bearer token is not valid for this server.");
        }
        return { token: presented, clientId: "mcp-token", scopes: [], expiresAt: Infinity };
      },
    },
  });
}

/** Refusals before MCP is reached (origin, rate limit, body, method) in JSON-RPC's envelope, which MCP clients show. */
const jsonRpcErrors: ErrorRequestHandler = async (error, _req, res, next) => {
  const known = knownError(error);
  if (!known || res.headersSent) {
    next(error);
    return;
  }
  const { jsonRpcError } = await import("./errors.js");
  res
    .status(httpStatus(known))
    .set(known.headers)
    .json({ jsonrpc: "2.0", id: null, error: jsonRpcError(known) });
};

export interface McpRouterDependencies {
  config: Pick<Config, "http" | "mcp">;
  /** The limiter of /api/*, with counters of its own. */
  rateLimit: RateLimitOptions;
  /**
   * Makes the factory of a fresh server per request (the transport is stateless, so any instance
   * can answer any request). Called on the first MCP request, so that a server no MCP client
   * uses never loads the MCP SDK: about 8 MB resident (`npm run bench`).
   */
  servers: () => Promise<() => McpServer>;
}

/** `POST /mcp`: MCP over Streamable HTTP, stateless, with JSON responses. */
export function createMcpRouter(deps: McpRouterDependencies): Router {
  const { config } = deps;
  let servers: Promise<() => McpServer> | undefined;
  const router = Router();
  const limited = [apiRateLimit(config.http.rateLimitPerMinute, deps.rateLimit)].filter(
    (h) => h !== undefined,
  );
  const auth = config.mcp.token ? [bearerToken(config.mcp.token)] : [];

  const handle: RequestHandler = async (req, res) => {
    servers ??= deps.servers();
    const [createServer, { StreamableHTTPServerTransport }] = await Promise.all([
      servers,
      import("@modelcontextprotocol/sdk/server/streamableHttp.js"),
    ]);
    const server = createServer();
    // No sessions: nothing is pushed to the client later, so each request stands alone.
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    res.on("close", () => void server.close());
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  };

  route(router, MCP_PATH, {
    post: [
      checkOrigin(config.http.allowedOrigins),
      ...limited,
      ...auth,
      ...jsonBody(config.http.bodyLimit),
      handle,
    ],
  });
  router.use(MCP_PATH, jsonRpcErrors);
  return router;
}
