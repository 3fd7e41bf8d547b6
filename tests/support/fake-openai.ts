import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for an OpenAI-compatible endpoint (POST /v1/chat/completions), real HTTP on
 * loopback, so the LLM mode is tested through the same client code that talks to a real server.
 */

export interface ChatMessage {
  role: string;
  content: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  /** The parsed JSON body; undefined when it was not JSON. */
  body?: { model?: string; stream?: boolean; messages?: ChatMessage[]; [key: string]: unknown };
  /** The client hung up before the response was complete (a timeout or abort took effect). */
  cancelled: boolean;
}

/** What the fake does with one request. */
export type Behaviour =
  /** A completion with this text: SSE chunks when the request streams, one JSON body otherwise. */
  | { kind: "answer"; text: string; delayMs?: number }
  /** Streams the beginning of `text`, then neither sends more nor ends the response. */
  | { kind: "stall"; text: string }
  /** Accepts the request and never responds. */
  | { kind: "hang" }
  | { kind: "status"; status: number; body: string }
  /** A 200 with this body verbatim: not a completion, or a broken event stream. */
  | { kind: "garbage"; body: string; contentType?: string };

export type Responder = (request: RecordedRequest) => Behaviour;

export interface FakeOpenAI {
  /** The base URL to configure (LLM_BASE_URL), ending in /v1. */
  url: string;
  requests: RecordedRequest[];
  respondWith(behaviour: Behaviour | Responder): void;
  close(): Promise<void>;
}

const CHUNK_CHARS = 16;

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const requests: RecordedRequest[] = [];
  let responder: Responder = () => ({ kind: "status", status: 503, body: "no behaviour set" });
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, action: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, ms);
    timers.add(timer);
  };

  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (part: Buffer) => parts.push(part));
    req.on("end", () => {
      const raw = Buffer.concat(parts).toString("utf8");
      const recorded: RecordedRequest = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: parseJson(raw),
        cancelled: false,
      };
      requests.push(recorded);
      res.on("close", () => {
        if (!res.writableFinished) recorded.cancelled = true;
      });
      if (recorded.method !== "POST" || recorded.path !== "/v1/chat/completions") {
        sendJson(res, 404, { error: { message: `no route ${recorded.method} ${recorded.path}` } });
        return;
      }
      const behaviour = responder(recorded);
      const streaming = recorded.body?.stream === true;
      switch (behaviour.kind) {
        case "answer":
          later(behaviour.delayMs ?? 0, () => {
            if (res.destroyed) return;
            if (streaming) {
              streamAnswer(res, recorded, behaviour.text);
              res.end();
            } else {
              sendJson(res, 200, completion(recorded, behaviour.text));
            }
          });
          return;
        case "stall":
          streamAnswer(res, recorded, behaviour.text.slice(0, CHUNK_CHARS), false);
          return;
        case "hang":
          return;
        case "status":
          sendJson(res, behaviour.status, { error: { message: behaviour.body } });
          return;
        case "garbage":
          res
            .writeHead(200, { "content-type": behaviour.contentType ?? "text/plain" })
            .end(behaviour.body);
          return;
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    respondWith(behaviour) {
      responder = typeof behaviour === "function" ? behaviour : () => behaviour;
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      // Hanging and stalled responses would otherwise keep the server open forever.
      server.closeAllConnections();
      return new Promise((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

function parseJson(raw: string): RecordedRequest["body"] {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

function completion(request: RecordedRequest, text: string) {
  return {
    id: "chatcmpl-fake",
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: request.body?.model ?? "fake",
    choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

function streamAnswer(
  res: ServerResponse,
  request: RecordedRequest,
  text: string,
  finish = true,
): void {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const chunk = (delta: object, finishReason: string | null) => ({
    id: "chatcmpl-fake",
    object: "chat.completion.chunk",
    created: Math.floor(Date.now() / 1000),
    model: request.body?.model ?? "fake",
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  });
  const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
  send(chunk({ role: "assistant", content: "" }, null));
  for (let at = 0; at < text.length; at += CHUNK_CHARS) {
    send(chunk({ content: text.slice(at, at + CHUNK_CHARS) }, null));
  }
  if (!finish) return;
  send(chunk({}, "stop"));
  res.write("data: [DONE]\n\n");
}

/** The text of the request's message with this role. */
export function messageText(request: RecordedRequest | undefined, role: string): string {
  return request?.body?.messages?.find((m) => m.role === role)?.content ?? "";
}

export interface PromptPassage {
  n: number;
  /** The passage's block in the prompt, as sent. */
  block: string;
}

/** The numbered passages of a request's prompt, so a fake answer can cite what was really offered. */
export function promptPassages(request: RecordedRequest | undefined): PromptPassage[] {
  const user = messageText(request, "user");
  return [...user.matchAll(/^\[(\d+)\] [\s\S]*?(?=\n\n)/gm)].map((match) => ({
    n: Number(match[1]),
    block: match[0],
  }));
}
