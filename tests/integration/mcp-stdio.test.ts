import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OFF_TOPIC_QUESTION, SLAPP_QUESTION, transportChecks } from "../support/mcp.js";

/**
 * `npm run --silent mcp` as an assistant starts it: stdout must carry only the protocol (any
 * other line would surface as a transport error), and logs go to stderr.
 */
describe("MCP over stdio (npm run mcp)", () => {
  let client: Client;
  const transportErrors: Error[] = [];
  const logs: { msg: string }[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), "briefwijzer-mcp-stdio-"));
  const dbPath = join(dataDir, "feedback.sqlite");

  beforeAll(async () => {
    const transport = new StdioClientTransport({
      command: "npm",
      args: ["run", "--silent", "mcp"],
      // Only what the server needs: the developer's shell must not leak into the test.
      env: {
        PATH: process.env.PATH ?? "",
        NODE_ENV: "test",
        LOG_LEVEL: "info",
        EMBED_WORKERS: "1",
        FEEDBACK_DB_PATH: dbPath,
      },
      stderr: "pipe",
    });
    const ready = new Promise<void>((resolve, reject) => {
      const lines = createInterface({ input: transport.stderr as Readable });
      lines.on("line", (line) => {
        const entry = JSON.parse(line) as { msg: string };
        logs.push(entry);
        if (entry.msg === "ready") resolve();
      });
      lines.once("close", () => reject(new Error(`exited before ready: ${JSON.stringify(logs)}`)));
    });
    client = new Client({ name: "briefwijzer-tests", version: "1.0.0" });
    client.onerror = (error) => transportErrors.push(error);
    await client.connect(transport);
    await ready;
  });

  afterAll(async () => {
    await client?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("lists the tools", async () => {
    await transportChecks.listsTools(client);
  });

  it("answers the SLAPP question with footnote 9 (2024/1069)", async () => {
    await transportChecks.answersWithFootnote9(client);
  });

  it("refuses a question the letter does not cover", async () => {
    await transportChecks.refusesOffTopic(client);
  });

  it("reads the letter resource", async () => {
    await transportChecks.readsTheLetter(client);
  });

  it("kept stdout to the protocol and logged each tool call to stderr", () => {
    expect(transportErrors).toEqual([]);
    expect(logs.filter((l) => l.msg === "mcp tool call").length).toBeGreaterThanOrEqual(2);
  });

  it("recorded the questions it answered in the question log, channel mcp, by the time it stopped", async () => {
    // Closing stdin ends the session; the server writes what is pending, then exits.
    await client.close();
    const recorded = () => {
      const db = new Database(dbPath, { readonly: true });
      try {
        return db.prepare("SELECT channel, question, outcome FROM questions").all();
      } finally {
        db.close();
      }
    };
    await expect.poll(recorded, { timeout: 10_000 }).toEqual(
      expect.arrayContaining([
        { channel: "mcp", question: SLAPP_QUESTION, outcome: "answer" },
        { channel: "mcp", question: OFF_TOPIC_QUESTION, outcome: "out_of_scope" },
      ]),
    );
  });
});
