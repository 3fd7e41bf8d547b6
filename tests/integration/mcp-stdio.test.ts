import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/types.js";
import { OFF_TOPIC_QUESTION, SLAPP_QUESTION, transportChecks } from "../support/mcp.js";

/**
 * `npm run --silent mcp` as an assistant starts it: stdout must carry only the protocol (any
 * other line would surface as a transport error), and logs go to stderr.
 */
describe("MCP over stdio (npm run mcp)", () => {
  let client: Client;
  const transportErrors: Error[] = [];
  const logs: { msg: string }[] = [];
  /** The first question, asked right after `initialize`, while the index still loads. */
  let first: Promise<unknown>;
  let readyBeforeFirstCall = true;
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
    readyBeforeFirstCall = logs.some((l) => l.msg === "ready");
    first = client.callTool({ name: "ask_letter", arguments: { question: SLAPP_QUESTION } });
    await ready;
  });

  it("lets a question asked while the index loads wait for it, rather than fail", async () => {
    expect(readyBeforeFirstCall).toBe(false);
    const result = (await first) as { isError?: boolean; structuredContent: Answer };
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent.grounded).toBe(true);
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

/**
 * Lines a misbehaving client may write: each gets a JSON-RPC error on stdout and a warning on
 * stderr, and the server reads on.
 */
describe("MCP over stdio with bad input", () => {
  it("answers what is not JSON-RPC, and an oversize line, with JSON-RPC errors, and carries on", async () => {
    // The server opens its question log's database at start: a file of the test's own.
    const dataDir = mkdtempSync(join(tmpdir(), "briefwijzer-mcp-stdio-"));
    const child = spawn("npm", ["run", "--silent", "mcp"], {
      env: {
        PATH: process.env.PATH ?? "",
        NODE_ENV: "test",
        LOG_LEVEL: "info",
        EMBED_WORKERS: "1",
        FEEDBACK_DB_PATH: join(dataDir, "feedback.sqlite"),
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const replies = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const warnings: { code: string }[] = [];
    createInterface({ input: child.stderr }).on("line", (line) => {
      const entry = JSON.parse(line) as { level: number; code: string };
      if (entry.level === 40) warnings.push(entry);
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    const next = async () => JSON.parse(String((await replies.next()).value));
    const send = (line: string) => child.stdin.write(`${line}\n`);
    try {
      send("this is not json");
      expect(await next()).toEqual({
        jsonrpc: "2.0",
        id: null,
        error: {
          code: -32700,
          message: "The message is not valid JSON.",
          data: { code: "invalid_json" },
        },
      });
      send(JSON.stringify({ id: 7, hello: "world" }));
      expect(await next()).toMatchObject({
        id: 7,
        error: { code: -32600, data: { code: "invalid_request" } },
      });
      // Larger than BODY_LIMIT (32 kB by default), sent in pieces as a pipe would.
      const huge = JSON.stringify({
        jsonrpc: "2.0",
        id: 8,
        method: "ping",
        pad: "x".repeat(100_000),
      });
      for (let at = 0; at < huge.length; at += 8192) child.stdin.write(huge.slice(at, at + 8192));
      send("");
      expect(await next()).toMatchObject({
        id: null,
        error: { code: -32600, data: { code: "payload_too_large" } },
      });
      send(JSON.stringify({ jsonrpc: "2.0", id: 9, method: "ping" }));
      expect(await next()).toEqual({ jsonrpc: "2.0", id: 9, result: {} });
      expect(warnings.map((w) => w.code)).toEqual([
        "invalid_json",
        "invalid_request",
        "payload_too_large",
      ]);
    } finally {
      child.stdin.end();
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
