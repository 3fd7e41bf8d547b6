import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, describe, expect, it } from "vitest";

const scratch = mkdtempSync(join(tmpdir(), "briefwijzer-serve-"));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  rmSync(scratch, { recursive: true, force: true });
});

interface LogLine {
  msg: string;
  url?: string;
}

/** `npm start` as a child process, its JSON log lines readable one by one. */
function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/serve.ts"], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "info",
      EMBED_WORKERS: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  const stderr: string[] = [];
  child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })[
    Symbol.asyncIterator
  ]();
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));

  async function waitFor(msg: string): Promise<LogLine> {
    for (;;) {
      const { value, done } = await lines.next();
      if (done) throw new Error(`exited before "${msg}": ${stderr.join("")}`);
      const line = JSON.parse(value) as LogLine;
      if (line.msg === msg) return line;
    }
  }
  return { child, waitFor, exited, stderr };
}

describe("npm start (src/cli/serve.ts)", () => {
  it("listens at once, becomes ready, answers, and exits 0 on SIGTERM", async () => {
    const dbPath = join(scratch, "data", "feedback.sqlite");
    const server = start({ FEEDBACK_DB_PATH: dbPath });

    const { url } = await server.waitFor("listening; loading the index");
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // Alive before the index has loaded; the feedback database exists from the start.
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(existsSync(dbPath)).toBe(true);

    await server.waitFor("ready");
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const res = await fetch(`${url}/api/ask`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ question: "What did the Netherlands do on SLAPPs?" }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { grounded: boolean }).grounded).toBe(true);
    const page = await fetch(`${url}/`);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const slack = await fetch(`${url}/slack/commands`, { method: "POST" });
    expect(slack.status).toBe(503);

    server.child.kill("SIGTERM");
    await server.waitFor("stopped");
    expect(await server.exited).toBe(0);
  });

  it("fails fast with the bad variable's name and exit code 1", async () => {
    const server = start({ PORT: "not-a-port" });
    expect(await server.exited).toBe(1);
    expect(server.stderr.join("")).toContain("PORT");
  });
});
