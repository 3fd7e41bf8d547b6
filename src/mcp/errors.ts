import { type CallToolResult, ErrorCode } from "@modelcontextprotocol/sdk/types.js";
import type { ServiceError } from "../server/errors.js";

/**
 * MCP's one mapping of the service's errors. A tool that fails says so as a tool error the model
 * reads (`code: message`); a message refused before MCP is reached (over HTTP: origin, rate
 * limit, body, method; over stdio: a line that is not JSON-RPC) gets a JSON-RPC error.
 */
export function toolError(error: ServiceError): CallToolResult {
  return { isError: true, content: [{ type: "text", text: `${error.code}: ${error.message}` }] };
}

export function jsonRpcError(error: ServiceError) {
  const code =
    error.code === "invalid_json"
      ? ErrorCode.ParseError
      : error.kind === "invalid_input" || error.kind === "too_large"
        ? ErrorCode.InvalidRequest
        : ErrorCode.ConnectionClosed;
  return { code, message: error.message, data: { code: error.code } };
}
