import { type ChildProcess, spawn } from "node:child_process";
import { connect } from "node:net";
import { createInterface } from "node:readline";
import { loadQuestions } from "../../src/evaluate/questions.js";
import { loadLetter } from "../../src/letter/load.js";

export interface LogLine {
  msg: string;
  url?: string;
  level?: number;
  [key: string]: unknown;
}

export interface ServeChild {
  child: ChildProcess;
  /** Resolves with the first log line whose `msg` is `msg`; rejects if the process exits first. */
  waitFor(msg: string): Promise<LogLine>;
  /** Every log line so far, for asserting what was logged. */
  lines: LogLine[];
  exited: Promise<number | null>;
  stderr: string[];
}

/**
 * `npm start` as a child process with only the given environment (the developer's .env and
 * shell must not leak into a measurement or a test), its JSON log lines readable one by one.
 */
export function startServeChild(
  env: Record<string, string>,
  nodeArgs: string[] = [],
  /** The sources through tsx by default; the bench runs the build (`dist/cli/serve.js`). */
  entry: string[] = ["--import", "tsx", "src/cli/serve.ts"],
): ServeChild {
  const child = spawn(process.execPath, [...nodeArgs, ...entry], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "info",
      RATE_LIMIT_PER_MINUTE: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stderr: string[] = [];
  child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const lines: LogLine[] = [];
  const waiters: Array<() => void> = [];
  let ended = false;
  // Read eagerly: pino writes to a pipe synchronously, so an unread pipe would stall the server.
  const reader = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  reader.on("line", (text) => {
    lines.push(JSON.parse(text) as LogLine);
    for (const wake of waiters.splice(0)) wake();
  });
  reader.once("close", () => {
    ended = true;
    for (const wake of waiters.splice(0)) wake();
  });

  async function waitFor(msg: string): Promise<LogLine> {
    for (;;) {
      const line = lines.find((l) => l.msg === msg);
      if (line) return line;
      if (ended) throw new Error(`exited before "${msg}": ${stderr.join("")}`);
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  }
  return { child, waitFor, lines, exited, stderr };
}

/**
 * Padding words that make a question unique without changing what it asks. The answer cache
 * ignores case and spacing, so only different words defeat it.
 */
const PADDING = [
  "exactly",
  "precisely",
  "briefly",
  "concretely",
  "currently",
  "overall",
  "specifically",
  "really",
  "actually",
  "today",
  "now",
  "generally",
  "officially",
  "formally",
  "plainly",
  "simply",
];

/** The n-th distinct question: the evaluation set in order, then again with ever new padding. */
export function uniqueQuestion(questions: readonly string[], n: number): string {
  const base = questions[n % questions.length] as string;
  let round = Math.floor(n / questions.length);
  const words: string[] = [];
  while (round > 0) {
    words.push(PADDING[round % PADDING.length] as string);
    round = Math.floor(round / PADDING.length);
  }
  return words.length === 0 ? base : `${base} ${words.join(" ")}`;
}

/** The evaluation set's questions that stand alone (follow-ups need their history to mean anything). */
export function standaloneQuestions(): string[] {
  return loadQuestions(loadLetter("corpus/kamerstuk-30420-415.txt"))
    .filter((q) => !q.history?.length)
    .map((q) => q.question);
}

export interface RawReply {
  /** 0 when the server closed the connection without answering. */
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends `bytes` on a fresh connection and never finishes the request: what a slow or lying
 * client does. Resolves with the server's answer as soon as it has fully arrived (by its
 * Content-Length), or with whatever came once the server closes the connection; rejects when
 * neither happens within `boundMs`, so that a hang fails the test instead of stalling the run.
 */
export function sendRaw(url: string, bytes: string, boundMs = 15_000): Promise<RawReply> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    const chunks: Buffer[] = [];
    const bound = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer and no close within ${boundMs} ms`));
    }, boundMs);
    const settle = () => {
      clearTimeout(bound);
      socket.destroy();
      resolve(parseReply(Buffer.concat(chunks).toString("utf8")));
    };
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      if (completeReply(Buffer.concat(chunks))) settle();
    });
    // A reset after the answer (the server closing with unread request bytes) is still an answer.
    socket.on("error", () => undefined);
    socket.once("close", settle);
  });
}

/** Whether `received` holds a whole response: its head and as many body bytes as it declares. */
function completeReply(received: Buffer): boolean {
  const end = received.indexOf("\r\n\r\n");
  if (end < 0) return false;
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(received.subarray(0, end).toString("latin1"));
  return length !== null && received.length - end - 4 >= Number(length[1]);
}

function parseReply(text: string): RawReply {
  const end = text.indexOf("\r\n\r\n");
  if (end < 0) return { status: 0, headers: {}, body: text };
  const [statusLine = "", ...lines] = text.slice(0, end).split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(" ")[1]), headers, body: text.slice(end + 4) };
}

/** The head of a request whose body is promised but never (fully) sent. */
export function requestHead(
  method: string,
  path: string,
  headers: Record<string, string | number>,
): string {
  const lines = [`${method} ${path} HTTP/1.1`, "Host: 127.0.0.1"];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return `${lines.join("\r\n")}\r\n\r\n`;
}
