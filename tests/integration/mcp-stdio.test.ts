import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transportChecks } from "../support/mcp.js";

/**
 * `npm run --silent mcp` as an assistant starts it: stdout must carry only the protocol (any
 * other line would surface as a transport error), and logs go to stderr.
 */
describe("MCP over stdio (npm run mcp)", () => {
  let client: Client;
  const transportErrors: Error[] = [];
  const logs: { msg: string }[] = [];

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
});
