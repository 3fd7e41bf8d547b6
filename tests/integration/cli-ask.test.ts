import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
// `npm run ask` records its question in the question log: in a file of the test's own, not in the
// developer's data/feedback.sqlite.
const dataDir = mkdtempSync(join(tmpdir(), "briefwijzer-cli-ask-"));

/** `npm run ask` as a terminal user runs it: the same command line, a clean environment. */
function ask(args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, ["--import", "tsx", "src/cli/ask.ts", ...args], {
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "test",
      EMBED_WORKERS: "1",
      FEEDBACK_DB_PATH: join(dataDir, "feedback.sqlite"),
      ...env,
    },
    timeout: 120_000,
  });
}

describe("npm run ask", () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("prints the answer and nothing else, and answers a one-word Dutch question in Dutch", async () => {
    const { stdout, stderr } = await ask(["pensioenhervorming?"]);
    expect(stderr).toBe("");
    expect(stdout).not.toMatch(/^\{/m);
    // The closing line names the answer's mode and language.
    expect(stdout).toMatch(/\((extractive|llm), nl, \d+ ms\)\n$/);
  });

  it("logs as JSON lines on stderr when LOG_LEVEL asks for it", async () => {
    const { stdout, stderr } = await ask(["--json", "what did NL do on SLAPPs?"], {
      LOG_LEVEL: "info",
    });
    const lines = stderr.trim().split("\n");
    expect(lines.length).toBeGreaterThan(0);
    const levels = lines.map((line) => (JSON.parse(line) as { level: number }).level);
    expect(levels).toContain(30);
    expect(JSON.parse(stdout)).toMatchObject({ grounded: true, language: "en" });
  });
});
