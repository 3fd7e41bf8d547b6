import { setTimeout as sleep } from "node:timers/promises";
import express, {
  type ErrorRequestHandler,
  type Request,
  type RequestHandler,
  type Response,
  type Router,
} from "express";
import type { Answer, AnswerService } from "../answer/types.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import {
  answerMessage,
  failureMessage,
  lookingUpMessage,
  type SlackMessage,
  startingMessage,
  usageMessage,
} from "./blocks.js";
import { isSlackResponseUrl, parseIntent, parseSlashCommand } from "./command.js";
import { SlackDeliveries } from "./delivery.js";
import { verifySignature } from "./verify.js";

/** Slack's slash-command bodies are a few hundred bytes; nothing larger is read before the check. */
const BODY_LIMIT = "16kb";
const FORM = "application/x-www-form-urlencoded";

export interface SlackRouterDependencies {
  config: Config;
  logger: Logger;
  /** Undefined while the index is still loading. */
  answers: { get(): AnswerService | undefined };
  fetch?: typeof fetch;
  /** Waits before each retry of a delivery to response_url (default 1 s, 4 s, 15 s). */
  retryDelaysMs?: number[];
  /** Time allowed for one POST to response_url (default 10 s). */
  attemptTimeoutMs?: number;
  /**
   * How long the acknowledgement may wait for the answer itself (default 1.5 s, well inside
   * Slack's 3 s); 0 always acknowledges at once and delivers through response_url.
   */
  inlineAnswerWithinMs?: number;
  /** Which response_url hosts receive answers (default: https://hooks.slack.com only). */
  allowResponseUrl?: (url: URL) => boolean;
}

export interface SlackRouter extends Router {
  /** Answers still being composed or delivered; for graceful shutdown and tests. */
  deliveries: SlackDeliveries;
}

/** An answer that takes longer than this is given up on; the response_url would still be valid. */
const ANSWER_TIMEOUT_MS = 120_000;

type Outcome = { answer: Answer } | { error: unknown };

function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

/**
 * `POST /commands`, for mounting at `/slack` before any body parser: the signature covers the raw
 * bytes, so this router reads them itself and verifies them before parsing anything.
 */
export function createSlackRouter(deps: SlackRouterDependencies): SlackRouter {
  const { config, logger } = deps;
  const signingSecret = config.slack.signingSecret;
  const allowResponseUrl = deps.allowResponseUrl ?? isSlackResponseUrl;
  const inlineWithinMs = deps.inlineAnswerWithinMs ?? 1_500;
  const deliveries = new SlackDeliveries({
    logger,
    fetch: deps.fetch,
    retryDelaysMs: deps.retryDelaysMs,
    attemptTimeoutMs: deps.attemptTimeoutMs,
  });
  const router = express.Router() as SlackRouter;
  router.deliveries = deliveries;

  const requireSecret: RequestHandler = (_req, res, next) => {
    if (signingSecret) return next();
    sendError(
      res,
      503,
      "slack_not_configured",
      "The Slack command is not configured on this server: set SLACK_SIGNING_SECRET.",
    );
  };

  // The header itself, not req.is(): that answers null for an empty body, which is still a form
  // request and should fail the signature check like any other.
  const requireForm: RequestHandler = (req, res, next) => {
    const type = req.get("content-type")?.split(";")[0]?.trim().toLowerCase();
    if (type === FORM) return next();
    sendError(res, 415, "unsupported_media_type", `Slack commands are sent as ${FORM}.`);
  };

  const verify: RequestHandler = (req, res, next) => {
    if (req.body !== undefined && !Buffer.isBuffer(req.body)) {
      throw new Error("the Slack router must be mounted before any body parser");
    }
    const rawBody: Buffer = req.body ?? Buffer.alloc(0);
    const verdict = verifySignature(signingSecret as string, {
      rawBody,
      timestamp: req.get("x-slack-request-timestamp"),
      signature: req.get("x-slack-signature"),
    });
    if (verdict.ok) return next();
    logger.warn({ reason: verdict.reason, ip: req.ip }, "rejected an unverified Slack request");
    sendError(res, 401, "unauthorized", "Unauthorized");
  };

  const handle = async (req: Request, res: Response): Promise<void> => {
    const command = parseSlashCommand(req.body ?? Buffer.alloc(0));
    if (command.sslCheck) {
      res.status(200).end();
      return;
    }
    const intent = parseIntent(command.text, config.slack.shareByDefault);
    if (intent.kind === "help") {
      res.json(usageMessage(command.command));
      return;
    }
    const responseUrl = URL.canParse(command.responseUrl ?? "")
      ? new URL(command.responseUrl as string)
      : undefined;
    if (!responseUrl || !allowResponseUrl(responseUrl)) {
      logger.warn({ responseHost: responseUrl?.host }, "refused a response_url");
      sendError(res, 400, "bad_response_url", "response_url must be a Slack hooks URL.");
      return;
    }
    const service = deps.answers.get();
    if (!service) {
      // 200 rather than 503: Slack shows any error status as a bare "dispatch failed".
      res.json(startingMessage());
      return;
    }

    const started = performance.now();
    const signal = AbortSignal.any([deliveries.signal, AbortSignal.timeout(ANSWER_TIMEOUT_MS)]);
    const outcome: Promise<Outcome> = untilAborted(
      service.ask({ question: intent.question }, { signal }),
      signal,
    ).then(
      (answer) => ({ answer }),
      (error: unknown) => ({ error }),
    );
    const toMessage = (result: Outcome): SlackMessage => {
      if ("error" in result) {
        logger.error({ err: result.error }, "slack question failed");
        return failureMessage();
      }
      logger.info(
        { grounded: result.answer.grounded, ms: Math.round(performance.now() - started) },
        "slack question answered",
      );
      return answerMessage({
        question: intent.question,
        answer: result.answer,
        responseType: intent.share ? "in_channel" : "ephemeral",
        userId: command.userId,
        publicBaseUrl: config.publicBaseUrl,
      });
    };

    const early = inlineWithinMs > 0 ? await settleWithin(outcome, inlineWithinMs) : undefined;
    if (early) {
      res.json(toMessage(early));
      return;
    }
    res.json(lookingUpMessage(intent.question));
    deliveries.run(async (stop) => {
      const result = await outcome;
      if (stop.aborted) return;
      await deliveries.post(responseUrl, toMessage(result), stop);
    });
  };

  // Body-parser errors (too large, compressed, aborted) keep their 4xx status; anything else is
  // our bug.
  const errors: ErrorRequestHandler = (error, _req, res, _next) => {
    const status = typeof error?.status === "number" && error.status < 500 ? error.status : 500;
    if (status === 500) {
      logger.error({ err: error }, "slack command failed");
      sendError(res, 500, "internal", "Internal error");
      return;
    }
    const code = status === 413 ? "payload_too_large" : "bad_request";
    sendError(res, status, code, String(error.message));
  };

  router.post(
    "/commands",
    requireSecret,
    requireForm,
    // No inflation: Slack never compresses, and the signature is over the bytes as sent.
    express.raw({ type: FORM, limit: BODY_LIMIT, inflate: false }),
    verify,
    handle,
  );
  router.use(errors);
  return router;
}

/** The outcome if it is ready within `ms`, else undefined; the timer never outlives the call. */
async function settleWithin(outcome: Promise<Outcome>, ms: number): Promise<Outcome | undefined> {
  const timer = new AbortController();
  const timeout = sleep(ms, undefined, { signal: timer.signal }).then(
    () => undefined,
    () => undefined,
  );
  try {
    return await Promise.race([outcome, timeout]);
  } finally {
    timer.abort();
  }
}

/** Answer services may ignore their signal; the job must still end when it fires. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
