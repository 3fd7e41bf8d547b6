import type { Request, RequestHandler, Response } from "express";
import type { AnswerEvent, AnswerService, AskInput } from "../../answer/types.js";
import { notReady, shuttingDown } from "../errors.js";
import type { HttpMetrics } from "../metrics.js";
import { askRequestSchema } from "../schemas.js";
import { EventStream } from "../sse.js";
import { parseInput } from "../validation.js";

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
    const { code, message } = shuttingDown();
    stream.send("error", { code, message });
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
      stream.send("error", {
        code: "internal_error",
        message: "The answer could not be completed.",
      });
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
    const sources = [disconnect.signal, options.shutdownSignal].filter((s) => s !== undefined);
    try {
      const answer = await service.ask(input, { signal: AbortSignal.any(sources) });
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
