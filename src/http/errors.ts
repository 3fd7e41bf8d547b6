/** The one error type the HTTP layer answers with: every failure becomes `{ error: { code, message } }`. */
export class HttpError extends Error {
  override name = "HttpError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Headers the status needs to be useful, such as `Allow` on 405 or `Retry-After` on 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface ErrorBody {
  error: { code: string; message: string };
}

export const notReady = () =>
  new HttpError(503, "not_ready", "The service is starting; try again in a moment.", {
    "Retry-After": "5",
  });

/** An answer still under way when the shutdown deadline passed. */
export const shuttingDown = () =>
  new HttpError(503, "shutting_down", "The server is restarting.", {
    "Retry-After": "5",
  });

export const notFound = (message: string) => new HttpError(404, "not_found", message);

/** Express (body-parser, URI decoding) reports client faults as errors carrying a 4xx `status`. */
interface ClientFault {
  status: number;
  type?: string;
  expose?: boolean;
}

function isClientFault(error: unknown): error is ClientFault {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" && status >= 400 && status < 500;
}

/** Maps anything thrown while handling a request to the error we answer with; undefined for server faults. */
export function toHttpError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  if (!isClientFault(error)) return undefined;
  switch (error.status) {
    case 413:
      return new HttpError(413, "payload_too_large", "The request body is too large.");
    case 415:
      return new HttpError(
        415,
        "unsupported_media_type",
        error.type === "encoding.unsupported"
          ? "The Content-Encoding is not supported; send the body uncompressed."
          : "The charset is not supported; send the body as UTF-8.",
      );
    case 400:
      return error.type === "entity.parse.failed"
        ? new HttpError(400, "invalid_json", "The request body is not valid JSON.")
        : new HttpError(400, "bad_request", "The request is malformed.");
    default:
      return new HttpError(error.status, "bad_request", "The request could not be handled.");
  }
}
