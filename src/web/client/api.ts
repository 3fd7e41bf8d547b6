import type { Answer, AskInput, Citation } from "../../answer/types.js";
import type { Letter } from "../../letter/types.js";
import type { ProblemKind } from "./i18n.js";

/** A failure the reader is told about in words; `kind` picks the words. */
export class ApiProblem extends Error {
  override name = "ApiProblem";
  constructor(
    readonly kind: ProblemKind,
    message: string,
  ) {
    super(message);
  }
}

export interface AskHandlers {
  /** The passages the answer will cite, before its text. */
  onCitations?(citations: Citation[]): void;
  onDelta?(text: string): void;
}

export interface Feedback {
  question: string;
  answer: string;
  rating: "up" | "down";
  /** The question log's id of the answer rated, when the server keeps one. */
  questionId?: string;
  /** The same for every attempt at sending this one rating, so that it is stored once. */
  idempotencyKey: string;
}

/** The final, authoritative answer, and the question log's id for it (to rate it by). */
export interface Asked {
  answer: Answer;
  questionId?: string;
}

export interface ApiClient {
  /** Streams the answer through `handlers` and resolves with the final, authoritative answer. */
  ask(input: AskInput, handlers?: AskHandlers, signal?: AbortSignal): Promise<Asked>;
  feedback(feedback: Feedback): Promise<void>;
  /** The letter, fetched once: citations render the English passage from its translation. */
  letter(): Promise<Letter>;
}

export interface ServerSentEvent {
  event: string;
  data: string;
}

function kindForStatus(status: number): ProblemKind {
  if (status === 429) return "rate-limited";
  if (status === 503) return "starting";
  if (status === 400 || status === 413 || status === 415) return "invalid";
  return "failed";
}

/** The API's error codes are snake_case names of the same statuses. */
function kindForCode(code: unknown): ProblemKind {
  const name = typeof code === "string" ? code : "";
  if (/rate|too_many/.test(name)) return "rate-limited";
  if (/not_ready|unavailable|starting|shutting_down/.test(name)) return "starting";
  if (/invalid|bad_request|too_large|unsupported/.test(name)) return "invalid";
  return "failed";
}

async function problemFrom(response: Response): Promise<ApiProblem> {
  const body = (await response.json().catch(() => undefined)) as
    | { error?: { message?: string } }
    | undefined;
  return new ApiProblem(
    kindForStatus(response.status),
    body?.error?.message ?? `HTTP ${response.status}`,
  );
}

/**
 * Why a cross-origin call failed: `fetch` rejects alike when the server cannot be reached and
 * when it refuses this page's origin (no CORS headers: the site is not in ALLOWED_ORIGINS). A
 * request that needs no CORS (`/widget.js`, served to any origin) tells the two apart.
 */
async function refusedOrigin(origin: string): Promise<boolean> {
  if (origin === "") return false;
  try {
    await fetch(`${origin}/widget.js`, { method: "HEAD", mode: "no-cors", cache: "no-store" });
    return true;
  } catch {
    return false;
  }
}

/** `fetch` rejects with a TypeError when the server cannot be reached (or CORS refuses us). */
async function request(origin: string, path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(`${origin}${path}`, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    const kind = (await refusedOrigin(origin)) ? "not-allowed" : "unreachable";
    throw new ApiProblem(kind, String(error));
  }
}

/**
 * Parses a text/event-stream body into events (the WHATWG format: `event:`/`data:` lines, blank
 * line ends an event, `:` comments are heartbeats). EventSource cannot POST, hence this.
 */
export async function* readServerSentEvents(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<ServerSentEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let event = "message";
  let data: string[] = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      // A CR at the end of a chunk may be the first half of a CRLF split across chunks.
      const complete = buffer.endsWith("\r") ? buffer.length - 1 : buffer.length;
      const lines = buffer.slice(0, complete).split(/\r\n|\r|\n/);
      buffer = (lines.pop() ?? "") + buffer.slice(complete);
      for (const line of lines) {
        if (line === "") {
          if (data.length > 0) yield { event, data: data.join("\n") };
          event = "message";
          data = [];
          continue;
        }
        if (line.startsWith(":")) continue;
        const colon = line.indexOf(":");
        const field = colon === -1 ? line : line.slice(0, colon);
        const raw = colon === -1 ? "" : line.slice(colon + 1);
        const text = raw.startsWith(" ") ? raw.slice(1) : raw;
        if (field === "event") event = text;
        else if (field === "data") data.push(text);
      }
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * The Briefwijzer API at `origin` ("" for the page's own origin), for `client`: the page or the
 * widget, which the server's question log counts apart.
 */
export function createApiClient(origin: string, client: "page" | "widget"): ApiClient {
  let letter: Promise<Letter> | undefined;

  async function ask(
    input: AskInput,
    handlers: AskHandlers = {},
    signal?: AbortSignal,
  ): Promise<Asked> {
    const response = await request(origin, "/api/ask", {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "text/event-stream",
        "X-Briefwijzer-Client": client,
      },
      body: JSON.stringify(input),
      signal,
    });
    if (!response.ok) throw await problemFrom(response);
    const questionId = response.headers.get("X-Question-Id") ?? undefined;
    const asked = (answer: Answer): Asked => (questionId ? { answer, questionId } : { answer });
    if (!response.headers.get("Content-Type")?.startsWith("text/event-stream") || !response.body) {
      return asked((await response.json()) as Answer);
    }
    try {
      for await (const { event, data } of readServerSentEvents(response.body)) {
        const payload = JSON.parse(data);
        if (event === "citations") handlers.onCitations?.(payload.citations);
        else if (event === "delta") handlers.onDelta?.(payload.text);
        else if (event === "done") return asked(payload as Answer);
        else if (event === "error")
          throw new ApiProblem(kindForCode(payload.code), payload.message);
      }
    } catch (error) {
      if (error instanceof ApiProblem || signal?.aborted) throw error;
      // A malformed event is the server's fault; anything else broke the connection mid-answer.
      throw new ApiProblem(error instanceof SyntaxError ? "failed" : "unreachable", String(error));
    }
    throw new ApiProblem("failed", "The answer stream ended early.");
  }

  async function feedback({ idempotencyKey, ...body }: Feedback): Promise<void> {
    const response = await request(origin, "/api/feedback", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Idempotency-Key": idempotencyKey },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw await problemFrom(response);
  }

  function loadLetter(): Promise<Letter> {
    letter ??= request(origin, "/api/letter", { headers: { Accept: "application/json" } }).then(
      async (response) => {
        if (!response.ok) throw await problemFrom(response);
        return (await response.json()) as Letter;
      },
    );
    // A failed load is retried on the next citation instead of failing forever.
    letter.catch(() => {
      letter = undefined;
    });
    return letter;
  }

  return { ask, feedback, letter: loadLetter };
}
