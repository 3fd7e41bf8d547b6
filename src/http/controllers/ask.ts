import type { Request, RequestHandler, Response } from "express";
import type { AnswerEvent, AnswerService, AskInput } from "../../answer/types.js";
import { notReady, publicError, ServiceError } from "../../server/errors.js";
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
  service: AnswerService,
  input: AskInput,
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
    sendError(
      stream,
      new ServiceError("unavailable", "shutting_down", "The server is restarting."),
    );
    stream.end();
  };
  stop.addEventListener("abort", onStop, { once: true });
  try {
    for await (const event of service.stream(input, { signal: stop })) {
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
    const service = options.answers();
    if (!service) throw notReady();
    if (wantsEventStream(req)) {
      await streamAnswer(req, res, service, input, options);
      return;
    }
    const disconnect = abortOnDisconnect(res);
    try {
      const answer = await service.ask(input, { signal: disconnect.signal });
      options.metrics.recordAnswer(answer);
      res.json(answer);
    } catch (error) {
      if (!disconnect.signal.aborted) throw error;
    }
  };
}
