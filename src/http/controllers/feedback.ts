import type { Request, RequestHandler } from "express";
import { feedbackToCsv } from "../../feedback/csv.js";
import { type FeedbackStore, FeedbackUnavailableError } from "../../feedback/store.js";
import { HttpError } from "../errors.js";
import { feedbackExportQuerySchema, feedbackRequestSchema } from "../schemas.js";
import { parseInput } from "../validation.js";

/** Runs a store operation; an unusable database becomes a 503 that leaves the rest of the API alone. */
async function usingStore<T>(req: Request, action: () => Promise<T>): Promise<T> {
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
    throw new HttpError(
      503,
      "feedback_unavailable",
      "Feedback cannot be stored or read right now; questions are still answered.",
      { "Retry-After": "30" },
    );
  }
}

/** `POST /api/feedback`: a 👍/👎 on an answer. */
export function addFeedbackController(store: FeedbackStore): RequestHandler {
  return async (req, res) => {
    const feedback = parseInput(feedbackRequestSchema, req.body);
    const id = await usingStore(req, () => store.add(feedback));
    res.status(201).json({ id });
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
