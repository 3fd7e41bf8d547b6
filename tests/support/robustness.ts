import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { loadQuestions } from "../../src/evaluate/questions.js";

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
  return loadQuestions()
    .filter((q) => !q.history?.length)
    .map((q) => q.question);
}
