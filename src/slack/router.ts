import { setTimeout as sleep } from "node:timers/promises";
import express, { type Request, type RequestHandler, type Response, type Router } from "express";
import type { Answer, AnswerService } from "../answer/types.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { errorHandler } from "../server/error-handler.js";
import { notReady, ServiceError } from "../server/errors.js";
import { route } from "../server/routes.js";
import { askRequestSchema } from "../server/schemas.js";
import { refuseDeclaredOversize } from "../server/validation.js";
import { memorySharedState } from "../state/shared.js";
import {
  answerMessage,
  failureMessage,
  lookingUpMessage,
  questionTooLongMessage,
  type SlackMessage,
  usageMessage,
} from "./blocks.js";
import { isSlackResponseUrl, parseIntent, parseSlashCommand } from "./command.js";
import { SlackDeliveries } from "./delivery.js";
import { REPLAY_WINDOW_MS, verifySignature } from "./verify.js";

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
  /**
   * Records an accepted request's signature for `ttlMs`, atomically: true for the first caller
   * only. Default: this process's memory. Give replicas one shared store (the shared state's
   * `claim`, on Redis), so that a request replayed to another replica is refused too.
   */
  claimSignature?: (key: string, ttlMs: number) => Promise<boolean>;
}

export interface SlackRouter extends Router {
  /** Answers still being composed or delivered; for graceful shutdown and tests. */
  deliveries: SlackDeliveries;
}

/** An answer that takes longer than this is given up on; the response_url would still be valid. */
const ANSWER_TIMEOUT_MS = 120_000;

type Outcome = { answer: Answer } | { error: unknown };

/** Every failed check alike, so that probing learns nothing. */
const unauthorized = () => new ServiceError("unauthorized", "unauthorized", "Unauthorized");

/** The same rule as `POST /api/ask`'s question, so that both channels accept the same questions. */
const questionSchema = askRequestSchema.shape.question;

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
  const inMemory = memorySharedState({ logger });
  const claimSignature =
    deps.claimSignature ??
    ((key: string, ttlMs: number) => inMemory.claim("slack-signatures", key, ttlMs));

  const requireSecret: RequestHandler = (_req, _res, next) => {
    if (signingSecret) return next();
    next(
      new ServiceError(
        "unavailable",
        "slack_not_configured",
        "The Slack command is not configured on this server: set SLACK_SIGNING_SECRET.",
      ),
    );
  };

  // The header itself, not req.is(): that answers null for an empty body, which is still a form
  // request and should fail the signature check like any other.
  const requireForm: RequestHandler = (req, _res, next) => {
    const type = req.get("content-type")?.split(";")[0]?.trim().toLowerCase();
    if (type === FORM) return next();
    next(
      new ServiceError(
        "unsupported_media_type",
        "unsupported_media_type",
        `Slack commands are sent as ${FORM}.`,
      ),
    );
  };

  /**
   * A signed request is valid for the whole replay window, so anyone who captures one could send
   * it again: each signed content is accepted once, checked and recorded in one atomic step, so
   * that two copies arriving together (on one replica or two) cannot both pass. Twice the
   * window: a timestamp may lie that far ahead of the clock as well as behind it.
   */
  const firstUse = (replayKey: string) => claimSignature(replayKey, 2 * REPLAY_WINDOW_MS);

  const verify: RequestHandler = async (req, _res, next) => {
    if (req.body !== undefined && !Buffer.isBuffer(req.body)) {
      throw new Error("the Slack router must be mounted before any body parser");
    }
    const rawBody: Buffer = req.body ?? Buffer.alloc(0);
    const verdict = verifySignature(signingSecret as string, {
      rawBody,
      timestamp: req.get("x-slack-request-timestamp"),
      signature: req.get("x-slack-signature"),
    });
    const reason = !verdict.ok
      ? verdict.reason
      : (await firstUse(verdict.replayKey))
        ? undefined
        : "replayed signature";
    if (reason === undefined) return next();
    logger.warn({ reason, ip: req.ip }, "rejected an unverified Slack request");
    next(unauthorized());
  };

  const handle = async (req: Request, res: Response): Promise<void> => {
    const command = parseSlashCommand(req.body ?? Buffer.alloc(0));
    if (command.sslCheck) {
      res.status(200).end();
      return;
    }
    const intent = parseIntent(command.text, config.slack.shareByDefault);
    const verdict = intent.kind === "ask" ? questionSchema.safeParse(intent.question) : undefined;
    const tooLong = verdict?.error?.issues.find((issue) => issue.code === "too_big");
    if (intent.kind === "ask" && tooLong) {
      // Counted as the API counts, in characters (code points): an emoji is one, not two.
      res.json(questionTooLongMessage([...intent.question].length, Number(tooLong.maximum)));
      return;
    }
    // A question of nothing visible (zero-width spaces, say) is as good as none.
    if (intent.kind === "help" || !verdict?.success) {
      res.json(usageMessage(command.command));
      return;
    }
    const responseUrl = URL.canParse(command.responseUrl ?? "")
      ? new URL(command.responseUrl as string)
      : undefined;
    if (!responseUrl || !allowResponseUrl(responseUrl)) {
      logger.warn({ responseHost: responseUrl?.host }, "refused a response_url");
      throw new ServiceError(
        "invalid_input",
        "bad_response_url",
        "response_url must be a Slack hooks URL.",
      );
    }
    const service = deps.answers.get();
    if (!service) {
      res.json(failureMessage(notReady()));
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
        return failureMessage(result.error);
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

  route(router, "/commands", {
    post: [
      requireSecret,
      requireForm,
      refuseDeclaredOversize(BODY_LIMIT),
      // No inflation: Slack never compresses, and the signature is over the bytes as sent.
      express.raw({ type: FORM, limit: BODY_LIMIT, inflate: false }),
      verify,
      handle,
    ],
  });
  // The API's own error handler, so that Slack's errors read like every other (and the router
  // keeps that contract wherever it is mounted).
  router.use(errorHandler);
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
