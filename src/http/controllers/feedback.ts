import type { Request, RequestHandler } from "express";
import { feedbackToCsv } from "../../feedback/csv.js";
import {
  type FeedbackStore,
  FeedbackUnavailableError,
  IdempotencyKeyReusedError,
} from "../../feedback/store.js";
import { invalidInput, ServiceError } from "../../server/errors.js";
import {
  feedbackExportQuerySchema,
  feedbackRequestSchema,
  idempotencyKeySchema,
} from "../../server/schemas.js";
import { parseInput } from "../../server/validation.js";

/** Runs a store operation; an unusable database becomes a 503 that leaves the rest of the API alone. */
export async function usingStore<T>(req: Request, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof FeedbackUnavailableError)) throw error;
    // The cause (a lock, a read-only disk) is for operators; the client only hears "unavailable".
    // An expected refusal: its cause is logged without a stack, as the README promises.
    const cause = error.cause ?? error;
    req.log.warn(
      {
        cause: cause instanceof Error ? cause.message : String(cause),
        code: (cause as { code?: unknown }).code,
      },
      error.message,
    );
    throw new ServiceError(
      "unavailable",
      "feedback_unavailable",
      error.mayHaveBeenStored
        ? "The database did not confirm in time: the rating may have been stored. Send it again with the same Idempotency-Key to have it stored exactly once."
        : "Feedback cannot be stored or read right now; questions are still answered.",
      { "Retry-After": "30" },
    );
  }
}

/** The key from the `Idempotency-Key` header or the body's `idempotencyKey`; both must agree. */
function idempotencyKey(req: Request, fromBody: string | undefined): string | undefined {
  const header = req.get("Idempotency-Key");
  if (header === undefined) return fromBody;
  const key = parseInput(idempotencyKeySchema, header, "Idempotency-Key header");
  if (fromBody !== undefined && fromBody !== key) {
    throw invalidInput("idempotencyKey: differs from the Idempotency-Key header; send one key.");
  }
  return key;
}

/** `POST /api/feedback`: a 👍/👎 on an answer; a retry under the same key gets the first answer. */
export function addFeedbackController(store: FeedbackStore): RequestHandler {
  return async (req, res) => {
    const feedback = parseInput(feedbackRequestSchema, req.body);
    const key = idempotencyKey(req, feedback.idempotencyKey);
    const stored = await usingStore(req, async () => {
      try {
        return await store.add({ ...feedback, idempotencyKey: key });
      } catch (error) {
        if (!(error instanceof IdempotencyKeyReusedError)) throw error;
        throw new ServiceError("unprocessable", "idempotency_key_reused", error.message);
      }
    });
    if (stored.replayed) res.set("Idempotent-Replayed", "true");
    res.status(201).json({ id: stored.id });
  };
}

/** `GET /api/feedback?format=json|csv`: the export, behind the admin token. */
export function exportFeedbackController(store: FeedbackStore): RequestHandler {
  return async (req, res) => {
    const { format } = parseInput(feedbackExportQuerySchema, req.query, "query");
    const records = await usingStore(req, () => store.list());
    res.set("Cache-Control", "no-store");
    if (format === "csv") {
      res.attachment("feedback.csv").type("text/csv").send(feedbackToCsv(records));
      return;
    }
    res.json({ feedback: records });
  };
}
