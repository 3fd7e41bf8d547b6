/**
 * What went wrong, in terms every channel maps in one place of its own: HTTP statuses below (for
 * every Express router: the API, pages, Slack and /mcp), MCP tool errors and JSON-RPC codes in
 * mcp/errors.ts, Slack messages in slack/blocks.ts, answer-stream events in the ask controller.
 * Most are the request's own fault; `not_ready`, `unavailable` and `internal` are the service's.
 */
export type ErrorKind =
  | "invalid_input"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "method_not_allowed"
  | "timeout"
  | "too_large"
  | "unsupported_media_type"
  | "unprocessable"
  | "rate_limited"
  | "headers_too_large"
  | "not_ready"
  | "unavailable"
  | "internal";

/** The one error type the channels answer with: every failure becomes `{ error: { code, message } }`. */
export class ServiceError extends Error {
  override name = "ServiceError";
  constructor(
    readonly kind: ErrorKind,
    /** Stable, snake_case, for clients: `invalid_json` and `invalid_input` are both invalid input. */
    readonly code: string,
    message: string,
    /** Headers the HTTP status needs to be useful, such as `Allow` on 405 or `Retry-After` on 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface ErrorBody {
  error: { code: string; message: string };
}

const HTTP_STATUS: Record<ErrorKind, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  timeout: 408,
  too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  headers_too_large: 431,
  internal: 500,
  not_ready: 503,
  unavailable: 503,
};

/** The HTTP status of an error: the one mapping every HTTP response uses. */
export function httpStatus(error: ServiceError): number {
  return HTTP_STATUS[error.kind];
}

export const invalidInput = (message: string) =>
  new ServiceError("invalid_input", "invalid_input", message);

export const notReady = () =>
  new ServiceError(
    "not_ready",
    "not_ready",
    "Briefwijzer is starting and still loading its index; try again in a few seconds.",
    { "Retry-After": "5" },
  );

/** An answer still under way when the shutdown deadline passed. */
export const shuttingDown = () =>
  new ServiceError("unavailable", "shutting_down", "The server is restarting.", {
    "Retry-After": "5",
  });

export const notFound = (message: string) => new ServiceError("not_found", "not_found", message);

export const internalError = () =>
  new ServiceError("internal", "internal_error", "Something went wrong on our side.");

export const tooLarge = () =>
  new ServiceError("too_large", "payload_too_large", "The request body is too large.");

/** Express (body-parser, URI decoding) reports client faults as errors carrying a 4xx `status`. */
interface ClientFault {
  status: number;
  type?: string;
}

function isClientFault(error: unknown): error is ClientFault {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" && status >= 400 && status < 500;
}

/** Maps anything thrown while handling a request to the error we answer with; undefined for our own faults. */
export function knownError(error: unknown): ServiceError | undefined {
  if (error instanceof ServiceError) return error;
  if (!isClientFault(error)) return undefined;
  switch (error.status) {
    case 413:
      return tooLarge();
    case 415:
      return new ServiceError(
        "unsupported_media_type",
        "unsupported_media_type",
        error.type === "encoding.unsupported"
          ? "The Content-Encoding is not supported; send the body uncompressed."
          : "The charset is not supported; send the body as UTF-8.",
      );
    default:
      return error.type === "entity.parse.failed"
        ? new ServiceError("invalid_input", "invalid_json", "The request body is not valid JSON.")
        : new ServiceError("invalid_input", "bad_request", "The request is malformed.");
  }
}

/** What a client may be told about any failure: a known error as it is, anything else as internal. */
export function publicError(error: unknown): ServiceError {
  return knownError(error) ?? internalError();
}
