import { randomUUID } from "node:crypto";
import type { Request, RequestHandler, Response } from "express";
import type { AnswerEvent, AnswerService, AskInput } from "../../answer/types.js";
import type { Channel } from "../../feedback/question-log.js";
import type { QuestionLog, RecordingAnswerService } from "../../feedback/recorder.js";
import { notReady, publicError, type ServiceError, shuttingDown } from "../../server/errors.js";
import type { HttpMetrics } from "../../server/metrics.js";
import { askRequestSchema } from "../../server/schemas.js";
import { parseInput } from "../../server/validation.js";
import { EventStream } from "../sse.js";

export interface AskControllerOptions {
  /** The answer service once the index is loaded. */
  answers: () => AnswerService | undefined;
  metrics: HttpMetrics;
  heartbeatMs: number;
  shutdownSignal?: AbortSignal;
  questionLog: QuestionLog;
}

/**
 * The page and the widget name themselves in this header (any other value, or none, is an API
 * client), so that the question log can tell the channels apart.
 */
export const CLIENT_HEADER = "X-Briefwijzer-Client";
/** The question log's id of the question answered, for linking a rating to it. */
export const QUESTION_ID_HEADER = "X-Question-Id";

function channelOf(req: Request): Channel {
  const client = req.get(CLIENT_HEADER);
  return client === "page" || client === "widget" ? client : "api";
}

/** Aborted when the client goes away before the response is complete, so the work stops too. */
function abortOnDisconnect(res: Response): AbortController {
  const controller = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller;
}

function wantsEventStream(req: Request): boolean {
  return req.accepts(["application/json", "text/event-stream"]) === "text/event-stream";
}

function eventData(event: AnswerEvent): unknown {
  switch (event.type) {
    case "citations":
      return { citations: event.citations };
    case "delta":
      return { text: event.text };
    case "done":
      return event.answer;
  }
}

/** A failure once the stream has begun: the same code and message the JSON response would carry. */
function sendError(stream: EventStream, error: ServiceError): void {
  stream.send("error", { code: error.code, message: error.message });
}

async function streamAnswer(
  req: Request,
  res: Response,
  service: RecordingAnswerService,
  input: AskInput,
  questionId: string | undefined,
  options: AskControllerOptions,
): Promise<void> {
  const disconnect = abortOnDisconnect(res);
  const stream = new EventStream(res, options.heartbeatMs);
  // One signal per stream that fires on either cause. A listener on the shared shutdown signal
  // itself, one per open stream, would pile up (Node warns beyond 10); AbortSignal.any holds
  // its sources weakly instead.
  const sources = [disconnect.signal, options.shutdownSignal].filter((s) => s !== undefined);
  const stop = AbortSignal.any(sources);
  const onStop = () => {
    if (!options.shutdownSignal?.aborted) return;
    sendError(stream, shuttingDown());
    stream.end();
  };
  stop.addEventListener("abort", onStop, { once: true });
  try {
    for await (const event of service.stream(input, { signal: stop, questionId })) {
      if (!stream.open) break;
      stream.send(event.type, eventData(event));
      if (event.type === "done") options.metrics.recordAnswer(event.answer);
    }
  } catch (error) {
    // A failure caused by the client leaving (or by shutdown) has no one left to tell.
    if (!stop.aborted) {
      req.log.error({ err: error }, "answer stream failed");
      sendError(stream, publicError(error));
    }
  } finally {
    stop.removeEventListener("abort", onStop);
    stream.end();
  }
}

/** `POST /api/ask`: one JSON answer, or server-sent events when the client accepts them. */
export function askController(options: AskControllerOptions): RequestHandler {
  return async (req, res) => {
    const input = parseInput(askRequestSchema, req.body);
    const answers = options.answers();
    if (!answers) throw notReady();
    const service = options.questionLog.wrap(answers, channelOf(req));
    const questionId = options.questionLog.enabled ? randomUUID() : undefined;
    if (questionId) res.set(QUESTION_ID_HEADER, questionId);
    if (wantsEventStream(req)) {
      await streamAnswer(req, res, service, input, questionId, options);
      return;
    }
    const disconnect = abortOnDisconnect(res);
    const sources = [disconnect.signal, options.shutdownSignal].filter((s) => s !== undefined);
    try {
      const answer = await service.ask(input, { signal: AbortSignal.any(sources), questionId });
      options.metrics.recordAnswer(answer);
      res.json(answer);
    } catch (error) {
      // Past the shutdown deadline the client hears why (and a proxy may ask another replica),
      // rather than seeing its connection cut.
      if (options.shutdownSignal?.aborted) throw shuttingDown();
      if (!disconnect.signal.aborted) throw error;
    }
  };
}
