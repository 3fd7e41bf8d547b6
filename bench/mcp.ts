/**
 * `node --import tsx bench/mcp.ts`: latency of the MCP tools as an assistant meets them, over
 * Streamable HTTP against `npm start` in a child process and over stdio against `npm run mcp`,
 * beside POST /api/ask on the same questions. Not part of `npm test`; numbers depend on the machine.
 */
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import {
  standaloneQuestions,
  startServeChild,
  uniqueQuestion,
} from "../tests/support/robustness.js";

const ROUNDS = Number(process.env.ROUNDS ?? 30);
const questions = standaloneQuestions();

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** Median and 95th percentile in ms of `ROUNDS` runs; `run` gets the round number. */
async function measure(run: (i: number) => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) samples.push(await timed(() => run(i)));
  samples.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((samples[Math.floor(q * (samples.length - 1))] ?? 0) * 10) / 10;
  return { p50: at(0.5), p95: at(0.95) };
}

async function overHttp() {
  const server = startServeChild({});
  try {
    const { url } = await server.waitFor("ready");
    if (!url) throw new Error("the server did not say where it listens");
    const client = new Client({ name: "bench", version: "1" });
    const connectMs = await timed(() =>
      client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`))),
    );
    const call = (name: string, args: Record<string, unknown>) => async () => {
      const result = await client.callTool({ name, arguments: args });
      if (result.isError) throw new Error(`${name}: ${JSON.stringify(result.content)}`);
    };
    // Same base questions on both channels, padded differently so that neither hits a cache.
    const askMcp = await measure((i) =>
      call("ask_letter", { question: uniqueQuestion(questions, i) })(),
    );
    const askApi = await measure(async (i) => {
      const res = await fetch(`${url}/api/ask`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ question: uniqueQuestion(questions, i + questions.length) }),
      });
      if (res.status !== 200) throw new Error(`/api/ask answered ${res.status}`);
      await res.arrayBuffer();
    });
    const result = {
      initializeMs: Math.round(connectMs),
      listTools: await measure(() => client.listTools()),
      askLetter: askMcp,
      apiAsk: askApi,
      askOverApiP50: Math.round((askMcp.p50 / askApi.p50) * 100) / 100,
      searchLetter: await measure((i) =>
        call("search_letter", { query: uniqueQuestion(questions, i) })(),
      ),
      getPassage: await measure(() =>
        call("get_passage", { id: "inzet-voor-de-bescherming-van-grondrechten-2" })(),
      ),
      getFootnote: await measure(() => call("get_footnote", { number: 9 })()),
      readLetter: await measure(() => client.readResource({ uri: "briefwijzer://letter" })),
    };
    await client.close();
    return result;
  } finally {
    server.child.kill("SIGTERM");
    await server.exited;
  }
}

async function overStdio() {
  const transport = new StdioClientTransport({
    command: "npm",
    args: ["run", "--silent", "mcp"],
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "info" },
    stderr: "pipe",
  });
  const started = performance.now();
  const ready = new Promise<number>((resolve) => {
    createInterface({ input: transport.stderr as Readable }).on("line", (line) => {
      if ((JSON.parse(line) as { msg: string }).msg === "ready")
        resolve(performance.now() - started);
    });
  });
  const client = new Client({ name: "bench", version: "1" });
  await client.connect(transport);
  const initializeMs = performance.now() - started;
  const readyMs = await ready;
  const askLetter = await measure((i) =>
    client.callTool({ name: "ask_letter", arguments: { question: uniqueQuestion(questions, i) } }),
  );
  await client.close();
  return { initializeMs: Math.round(initializeMs), readyMs: Math.round(readyMs), askLetter };
}

const results = { rounds: ROUNDS, http: await overHttp(), stdio: await overStdio() };
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
