/**
 * `npm run bench [-- --quick] [-- --profile]`: measures the built service (`npm start`, which
 * `prebench` builds when stale) as a user meets it, in a child process on loopback, and writes
 * bench/results.json (`--quick`: bench/results-quick.json). Exits 1 when a target is missed.
 * Never part of `npm test`: it takes minutes and its numbers depend on the machine.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
import { UseLiteEmbeddings } from "../src/embed/use-lite.js";
import {
  standaloneQuestions,
  startServeChild,
  uniqueQuestion,
} from "../tests/support/robustness.js";

const quick = process.argv.includes("--quick");
const profile = process.argv.includes("--profile");
const LOAD_SECONDS = quick ? 2 : 20;
const SEQUENTIAL_ROUNDS = quick ? 0.25 : 2;
const CACHED_REQUESTS = quick ? 50 : 500;
const PROFILE_DIR = "bench/profiles";

const TARGETS = {
  askOverEmbedP50: 1.5,
  cachedP50Ms: 2,
  throughputC8OverC1: 1.6,
  errors: 0,
  rssIdleMb: 300,
  rssAfterLoadMb: 400,
};

/** The environment and V8 options `npm start` runs the server with (package.json `config`). */
const { serverEnv, serverNodeOptions } = JSON.parse(readFileSync("package.json", "utf8"))
  .config as { serverEnv: string; serverNodeOptions: string };
const SERVER_ENV = Object.fromEntries(
  serverEnv
    .split(" ")
    .filter(Boolean)
    .map((pair) => pair.split("=") as [string, string]),
);
const SERVER_NODE_OPTIONS = serverNodeOptions.split(" ").filter(Boolean);

const questions = standaloneQuestions();
/** Shared by every phase, so that no question is ever asked twice unless meant to hit the cache. */
let asked = 0;
const nextQuestion = () => uniqueQuestion(questions, asked++);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
  };
}

/** The bare cost every uncached answer must pay: one forward pass of the encoder, in-process. */
async function measureEmbedding() {
  const embeddings = new UseLiteEmbeddings();
  await embeddings.embedQuery("warm up");
  const samples: number[] = [];
  const sample = quick ? questions.slice(0, 20) : questions;
  for (const question of sample) {
    const started = performance.now();
    await embeddings.embedQuery(question);
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

/** `npm run ingest` into a scratch directory, so the committed index is left as it is. */
async function measureIngest(): Promise<{ wallMs: number; buildMs: number | undefined }> {
  const indexDir = mkdtempSync(join(tmpdir(), "briefwijzer-bench-index-"));
  try {
    const started = performance.now();
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ["dist/cli/ingest.js"], {
        env: { PATH: process.env.PATH, INDEX_DIR: indexDir, LOG_LEVEL: "warn" },
        stdio: ["ignore", "pipe", "inherit"],
      });
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
      });
      child.once("error", reject);
      child.once("exit", (code) =>
        code === 0 ? resolve(out) : reject(new Error(`ingest exited ${code}`)),
      );
    });
    const wallMs = Math.round(performance.now() - started);
    const buildMs = /in (\d+) ms \(/.exec(output)?.[1];
    return { wallMs, buildMs: buildMs ? Number(buildMs) : undefined };
  } finally {
    rmSync(indexDir, { recursive: true, force: true });
  }
}

async function ask(url: string, question: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${url}/api/ask`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ question }),
  });
  await res.arrayBuffer();
  const elapsed = performance.now() - started;
  if (res.status !== 200) throw new Error(`POST /api/ask answered ${res.status}`);
  return elapsed;
}

async function sequential(url: string, count: number, question: () => string) {
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) samples.push(await ask(url, question()));
  const seconds = (performance.now() - started) / 1000;
  return { ...summarize(samples), reqPerSec: Math.round((count / seconds) * 10) / 10 };
}

async function load(url: string, connections: number) {
  const result = await autocannon({
    url,
    connections,
    duration: LOAD_SECONDS,
    requests: [
      {
        method: "POST",
        path: "/api/ask",
        headers: { "content-type": "application/json" },
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({ question: nextQuestion() }),
        }),
      },
    ],
  });
  return {
    connections,
    seconds: LOAD_SECONDS,
    requests: result.requests.total,
    reqPerSec: result.requests.average,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return Math.round(kb / 1024);
}

async function main() {
  console.error(`bench${quick ? " (quick)" : ""}: embedding the questions in-process…`);
  const embed = await measureEmbedding();

  if (!quick) console.error("bench: full ingest…");
  const ingest = quick ? undefined : await measureIngest();

  console.error("bench: cold start with the index present…");
  const scratch = mkdtempSync(join(tmpdir(), "briefwijzer-bench-"));
  if (profile) mkdirSync(PROFILE_DIR, { recursive: true });
  const started = performance.now();
  const server = startServeChild(
    {
      ...SERVER_ENV,
      LOG_LEVEL: "info",
      FEEDBACK_DB_PATH: join(scratch, "feedback.sqlite"),
      // To compare pool sizes: EMBED_WORKERS=2 npm run bench.
      ...(process.env.EMBED_WORKERS ? { EMBED_WORKERS: process.env.EMBED_WORKERS } : {}),
      // To measure what the question log costs: QUESTION_LOG=off npm run bench.
      ...(process.env.QUESTION_LOG ? { QUESTION_LOG: process.env.QUESTION_LOG } : {}),
    },
    [...SERVER_NODE_OPTIONS, ...(profile ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : [])],
    ["dist/cli/serve.js"],
  );
  // An interrupted bench must not leave its server running.
  const killServer = () => {
    if (server.child.exitCode === null) server.child.kill("SIGKILL");
  };
  process.once("exit", killServer);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      killServer();
      process.exit(130);
    });
  }
  try {
    const { url } = await server.waitFor("listening; loading the index");
    if (!url) throw new Error("the server logged no URL");
    await server.waitFor("ready");
    // Readiness is what a load balancer sees, so the clock stops at the first 200 from /readyz.
    while ((await fetch(`${url}/readyz`)).status !== 200) await sleep(10);
    const coldStartMs = Math.round(performance.now() - started);
    const pid = server.child.pid as number;
    const rssIdleMb = rssMb(pid);

    console.error("bench: uncached questions one at a time…");
    for (let i = 0; i < 5; i++) await ask(url, nextQuestion()); // JIT warm-up
    const uncached = await sequential(
      url,
      Math.max(10, Math.round(questions.length * SEQUENTIAL_ROUNDS)),
      nextQuestion,
    );

    console.error("bench: repeated questions (cache)…");
    const repeated = questions[0] as string;
    await ask(url, repeated);
    const cached = await sequential(url, CACHED_REQUESTS, () => repeated);

    console.error(`bench: autocannon, 8 connections, ${LOAD_SECONDS} s…`);
    const c8 = await load(url, 8);
    console.error(`bench: autocannon, 32 connections, ${LOAD_SECONDS} s…`);
    const c32 = await load(url, 32);
    const rssAfterLoadMb = rssMb(pid);

    server.child.kill("SIGTERM");
    const exitCode = await server.exited;

    const ratios = {
      askOverEmbedP50: Math.round((uncached.p50 / embed.p50) * 100) / 100,
      throughputC8OverC1: Math.round((c8.reqPerSec / uncached.reqPerSec) * 100) / 100,
    };
    const errors = c8.errors + c8.timeouts + c8.non2xx + c32.errors + c32.timeouts + c32.non2xx;
    const met = {
      askOverEmbedP50: ratios.askOverEmbedP50 <= TARGETS.askOverEmbedP50,
      cachedP50Ms: cached.p50 < TARGETS.cachedP50Ms,
      throughputC8OverC1: ratios.throughputC8OverC1 >= TARGETS.throughputC8OverC1,
      errors: errors === TARGETS.errors,
      rssIdleMb: rssIdleMb <= TARGETS.rssIdleMb,
      rssAfterLoadMb: rssAfterLoadMb <= TARGETS.rssAfterLoadMb,
    };
    const results = {
      date: new Date().toISOString(),
      quick,
      node: process.version,
      cpus: (await import("node:os")).cpus().length,
      questions: questions.length,
      embedMs: embed,
      askUncachedMs: uncached,
      askCachedMs: cached,
      load: { c8, c32 },
      coldStartMs,
      ingest,
      rssMb: { idle: rssIdleMb, afterLoad: rssAfterLoadMb },
      serverExitCode: exitCode,
      ratios,
      targets: TARGETS,
      met,
    };
    const file = quick ? "bench/results-quick.json" : "bench/results.json";
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    console.log(table(results));
    console.log(`\nWritten to ${file}.`);
    if (profile) console.log(`CPU profiles in ${PROFILE_DIR}/ (open in Chrome DevTools).`);
    const missed = Object.entries(met).filter(([, ok]) => !ok);
    if (missed.length > 0) {
      console.error(`bench: missed ${missed.map(([target]) => target).join(", ")}`);
      process.exitCode = 1;
    }
  } finally {
    killServer();
    rmSync(scratch, { recursive: true, force: true });
  }
}

type Results = {
  embedMs: ReturnType<typeof summarize>;
  askUncachedMs: ReturnType<typeof summarize> & { reqPerSec: number };
  askCachedMs: ReturnType<typeof summarize> & { reqPerSec: number };
  load: { c8: Awaited<ReturnType<typeof load>>; c32: Awaited<ReturnType<typeof load>> };
  coldStartMs: number;
  ingest: { wallMs: number; buildMs: number | undefined } | undefined;
  rssMb: { idle: number; afterLoad: number };
  ratios: { askOverEmbedP50: number; throughputC8OverC1: number };
  met: Record<keyof typeof TARGETS, boolean>;
};

function table(r: Results): string {
  const mark = (ok: boolean) => (ok ? "✅" : "❌");
  const { c8, c32 } = r.load;
  const rows = [
    ["Measure", "Result", "Target"],
    ["---", "---", "---"],
    ["Embed one question in-process, p50", `${r.embedMs.p50} ms`, ""],
    [
      "POST /api/ask uncached, c=1, p50 / p95 / p99",
      `${r.askUncachedMs.p50} / ${r.askUncachedMs.p95} / ${r.askUncachedMs.p99} ms`,
      "",
    ],
    [
      "ask p50 ÷ embed p50",
      `${r.ratios.askOverEmbedP50}×`,
      `≤ ${TARGETS.askOverEmbedP50}× ${mark(r.met.askOverEmbedP50)}`,
    ],
    [
      "POST /api/ask cached, p50 / p95",
      `${r.askCachedMs.p50} / ${r.askCachedMs.p95} ms`,
      `p50 < ${TARGETS.cachedP50Ms} ms ${mark(r.met.cachedP50Ms)}`,
    ],
    ["Uncached throughput, c=1", `${r.askUncachedMs.reqPerSec} req/s`, ""],
    [
      "Uncached throughput, c=8 (p50 / p99)",
      `${c8.reqPerSec} req/s (${c8.latencyP50} / ${c8.latencyP99} ms)`,
      "",
    ],
    [
      "throughput c=8 ÷ c=1",
      `${r.ratios.throughputC8OverC1}×`,
      `≥ ${TARGETS.throughputC8OverC1}× ${mark(r.met.throughputC8OverC1)}`,
    ],
    [
      "Uncached throughput, c=32 (p50 / p99)",
      `${c32.reqPerSec} req/s (${c32.latencyP50} / ${c32.latencyP99} ms)`,
      "",
    ],
    [
      "Errors / timeouts / non-2xx (c=8 + c=32)",
      `${c8.errors + c32.errors} / ${c8.timeouts + c32.timeouts} / ${c8.non2xx + c32.non2xx}`,
      `0 ${mark(r.met.errors)}`,
    ],
    ["Cold start to ready (index present)", `${r.coldStartMs} ms`, ""],
    ...(r.ingest
      ? [
          [
            "Full ingest (npm run ingest; index build)",
            `${r.ingest.wallMs} ms (${r.ingest.buildMs ?? "?"} ms)`,
            "",
          ],
        ]
      : []),
    ["Server RSS idle", `${r.rssMb.idle} MB`, `≤ ${TARGETS.rssIdleMb} MB ${mark(r.met.rssIdleMb)}`],
    [
      "Server RSS after load",
      `${r.rssMb.afterLoad} MB`,
      `≤ ${TARGETS.rssAfterLoadMb} MB ${mark(r.met.rssAfterLoadMb)}`,
    ],
  ];
  return rows.map((row) => `| ${row.join(" | ")} |`).join("\n");
}

await main();
