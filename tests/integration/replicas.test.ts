import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { connect, createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeOpenAI, startFakeOpenAI } from "../support/fake-openai.js";
import {
  type ServeChild,
  standaloneQuestions,
  startServeChild,
  uniqueQuestion,
} from "../support/robustness.js";
import {
  databaseBehindProxy,
  describeWith,
  nginxAvailable,
  privateRedis,
  startNginx,
  uniqueName,
} from "../support/services.js";
import { commandBody, SIGNING_SECRET, slackSignature } from "../support/slack.js";

/**
 * Two `npm start` replicas behind nginx (configured from deploy/nginx.conf.template), sharing a
 * PostgreSQL database and a Redis server. Redis is a private redis-server and PostgreSQL is
 * reached through a TCP proxy, so that the test can take each away without touching the servers
 * other test runs share.
 */
const describeReplicas =
  nginxAvailable || process.env.REQUIRE_SERVICES === "1"
    ? describeWith(["postgres", "redis"])
    : describe.skip;

const ADMIN_TOKEN = "replicas-admin-token-0123456789";
const RATE_LIMIT = 20;
const SLAPP_QUESTION = "What did the Netherlands do on SLAPPs?";
/** The fake LLM holds this question's answer open, so that a stream stays open for a while. */
const HELD_QUESTION = "What did the Netherlands do about SLAPPs, held open?";
const LLM_TIMEOUT_MS = 4_000;
const QUESTIONS = standaloneQuestions();

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * A request from a client at `client` (an address in 127.0.0.0/8): through nginx it connects
 * from that address, as a real client would; sent straight to a replica (which trusts one proxy
 * hop, like nginx) it names the address in X-Forwarded-For, as nginx would.
 */
function send(
  base: string,
  options: {
    method?: string;
    path: string;
    body?: string;
    headers?: Record<string, string>;
    client: string;
    viaProxy: boolean;
    onData?: (chunk: string) => void;
    /** Gives up (rejects) after this long: a request that hangs then fails the test. */
    boundMs?: number;
  },
): Promise<Reply> {
  const url = new URL(options.path, base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: options.method ?? "GET",
        agent: false,
        ...(options.boundMs ? { signal: AbortSignal.timeout(options.boundMs) } : {}),
        ...(options.viaProxy ? { localAddress: options.client } : {}),
        headers: {
          ...(options.body ? { "content-length": Buffer.byteLength(options.body) } : {}),
          ...(options.viaProxy ? {} : { "x-forwarded-for": options.client }),
          ...options.headers,
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
          options.onData?.(chunk);
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

const json = { "content-type": "application/json" };

function ask(base: string, question: string, client: string, viaProxy: boolean) {
  return send(base, {
    method: "POST",
    path: "/api/ask",
    body: JSON.stringify({ question }),
    headers: json,
    client,
    viaProxy,
  });
}

/** A slash command signed now, as Slack sends it; `tag` makes its body (and signature) unique. */
function slackCommand(tag: string) {
  const body = commandBody({
    text: SLAPP_QUESTION,
    response_url: `https://hooks.slack.com/commands/T0001/B0001/${tag}`,
  });
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    method: "POST",
    path: "/slack/commands",
    body,
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": slackSignature(SIGNING_SECRET, timestamp, body),
    },
  };
}

/** A Prometheus counter's value in a /metrics text (0 when absent). */
function counter(metrics: string, name: string, labels = ""): number {
  const line = metrics
    .split("\n")
    .find((l) => l.startsWith(labels ? `${name}{${labels}}` : `${name} `));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

/** Distinct client addresses, so that a load test is many clients and none exceeds its limit. */
let nextClient = 0;
const freshClient = () => {
  const n = nextClient++;
  return `127.${10 + Math.floor(n / 62_500)}.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
};

/** `total` requests, `concurrency` at a time; every outcome, network errors included. */
async function load(
  total: number,
  concurrency: number,
  one: (i: number) => Promise<Reply>,
  onProgress?: (done: number) => void,
) {
  const outcomes: Array<number | "network error"> = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        try {
          outcomes.push((await one(i)).status);
        } catch {
          outcomes.push("network error");
        }
        onProgress?.(outcomes.length);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { outcomes, perSecond: total / seconds };
}

describeReplicas("two replicas behind nginx, sharing PostgreSQL and Redis", () => {
  const scratch = mkdtempSync(join(tmpdir(), "briefwijzer-replicas-"));
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  let replicas: Array<ServeChild & { url: string }> = [];
  let proxy: { url: string };
  let redis: Awaited<ReturnType<typeof privateRedis>>;
  let pgProxy: Awaited<ReturnType<typeof databaseBehindProxy>>["proxy"];
  let database: Awaited<ReturnType<typeof databaseBehindProxy>>["database"];
  let llm: FakeOpenAI;
  let uncached = 10_000;
  const measured: Record<string, unknown> = {};

  beforeAll(async () => {
    const behindProxy = await databaseBehindProxy();
    cleanups.push(() => behindProxy.close());
    ({ database, proxy: pgProxy } = behindProxy);

    redis = await privateRedis();
    cleanups.push(() => redis.stop());
    llm = await startFakeOpenAI();
    cleanups.push(() => llm.close());
    // Every question falls back to extractive answers at once, except the held one, whose
    // answer the model starts and never finishes (the service then falls back after its timeout).
    llm.respondWith((req) =>
      JSON.stringify(req.body?.messages ?? []).includes("held open")
        ? { kind: "stall", text: "The Netherlands welcomed the directive" }
        : { kind: "status", status: 503, body: "overloaded" },
    );

    const env = {
      DATABASE_URL: behindProxy.url,
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: `${uniqueName("bwtest")}:`,
      TRUST_PROXY: "1",
      RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
      ADMIN_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      LLM_BASE_URL: llm.url,
      LLM_MODEL: "fake-model",
      LLM_TIMEOUT_MS: String(LLM_TIMEOUT_MS),
      EMBED_WORKERS: "1",
    };
    replicas = await Promise.all(
      ["a", "b"].map(async (name) => {
        const child = startServeChild({
          ...env,
          FEEDBACK_DB_PATH: join(scratch, name, "unused.sqlite"),
        });
        cleanups.push(() => child.child.exitCode === null && child.child.kill("SIGKILL"));
        const { url } = await child.waitFor("ready");
        return Object.assign(child, { url: url as string });
      }),
    );
    const nginx = await startNginx({
      dir: join(scratch, "nginx"),
      upstreams: replicas.map((r) => new URL(r.url).host),
    });
    cleanups.push(() => nginx.stop());
    proxy = nginx;
  });

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    mkdirSync("test-artifacts", { recursive: true });
    writeFileSync("test-artifacts/replicas.json", `${JSON.stringify(measured, null, 2)}\n`);
    console.log("two replicas behind nginx:", JSON.stringify(measured));
    rmSync(scratch, { recursive: true, force: true });
  });

  /** A GET with the admin token, straight to a replica. */
  const asAdmin = (replica: { url: string }, path: string) =>
    send(replica.url, {
      path,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      client: freshClient(),
      viaProxy: false,
    });

  const metricsOf = async (replica: { url: string }) =>
    (await send(replica.url, { path: "/metrics", client: "127.0.0.1", viaProxy: false })).text;

  it("holds the per-client rate limit across replicas, by the address nginx saw", async () => {
    const [a, b] = replicas as [ServeChild & { url: string }, ServeChild & { url: string }];
    const before = await Promise.all([metricsOf(a), metricsOf(b)]);
    const served = (m: string) =>
      counter(m, "http_requests_total", 'method="GET",route="/api/footnotes/:number",status="200"');

    const client = "127.0.0.2";
    for (let i = 0; i < RATE_LIMIT; i++) {
      const reply = await send(proxy.url, { path: "/api/footnotes/9", client, viaProxy: true });
      expect(reply.status, `request ${i + 1}`).toBe(200);
    }
    const after = await Promise.all([metricsOf(a), metricsOf(b)]);
    // Round robin: each replica served part of the budget, so neither could have counted it alone.
    const perReplica = [0, 1].map((i) => served(after[i] as string) - served(before[i] as string));
    expect(perReplica.every((n) => n > 0 && n < RATE_LIMIT)).toBe(true);
    measured.rateLimitRequestsPerReplica = perReplica;

    const refused = await send(proxy.url, { path: "/api/footnotes/9", client, viaProxy: true });
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.text).error.code).toBe("rate_limited");
    // Naming another address does not help: replicas trust only the hop nginx appends.
    const spoofed = await send(proxy.url, {
      path: "/api/footnotes/9",
      client,
      viaProxy: true,
      headers: { "x-forwarded-for": "198.51.100.9" },
    });
    expect(spoofed.status).toBe(429);
    // Another client has its own budget.
    const other = await send(proxy.url, {
      path: "/api/footnotes/9",
      client: "127.0.0.3",
      viaProxy: true,
    });
    expect(other.status).toBe(200);
    const rejections = (await Promise.all([metricsOf(a), metricsOf(b)])).map((m) =>
      counter(m, "briefwijzer_rate_limited_total"),
    );
    expect(rejections.reduce((x, y) => x + y)).toBe(2);
  });

  it("stores feedback given through one replica in the export fetched through the other", async () => {
    const [a, b] = replicas as [ServeChild & { url: string }, ServeChild & { url: string }];
    const question = `feedback ${uniqueName("q")}`;
    const given = await send(a.url, {
      method: "POST",
      path: "/api/feedback",
      body: JSON.stringify({ question, answer: "an answer", rating: "down", comment: "via a" }),
      headers: json,
      client: freshClient(),
      viaProxy: false,
    });
    expect(given.status).toBe(201);
    const exported = await asAdmin(b, "/api/feedback?format=json");
    expect(exported.status).toBe(200);
    const records = JSON.parse(exported.text).feedback as Array<Record<string, unknown>>;
    expect(records).toContainEqual(
      expect.objectContaining({ question, rating: "down", comment: "via a" }),
    );
  });

  it("serves an answer cached by one replica from the cache on the other (seen in /metrics)", async () => {
    const [a, b] = replicas as [ServeChild & { url: string }, ServeChild & { url: string }];
    const hits = async (replica: { url: string }) =>
      counter(await metricsOf(replica), "briefwijzer_answer_cache_lookups_total", 'result="hit"');
    const hitsBefore = await hits(b);
    const first = await ask(a.url, SLAPP_QUESTION, freshClient(), false);
    const second = await ask(b.url, SLAPP_QUESTION, freshClient(), false);
    expect(first.status).toBe(200);
    expect(JSON.parse(second.text)).toEqual(JSON.parse(first.text));
    expect(await hits(b)).toBe(hitsBefore + 1);
  });

  it("streams answers through nginx as they are written, not buffered", async () => {
    const heldRequests = () =>
      llm.requests.filter((r) => JSON.stringify(r.body).includes("held open"));
    const events: string[] = [];
    let sawCitationsWhileHeld = false;
    const reply = await send(proxy.url, {
      method: "POST",
      path: "/api/ask",
      body: JSON.stringify({ question: HELD_QUESTION }),
      headers: { ...json, accept: "text/event-stream" },
      client: freshClient(),
      viaProxy: true,
      onData: (chunk) => {
        for (const m of chunk.matchAll(/^event: (\w+)$/gm)) events.push(m[1] as string);
        // The model has not given up its answer yet (its request may still be on the way, or
        // open): nothing after the evidence can have been sent.
        if (events.includes("citations") && !events.includes("done")) {
          sawCitationsWhileHeld ||= heldRequests().every((r) => !r.cancelled);
        }
      },
    });
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toMatch(/^text\/event-stream/);
    expect(events[0]).toBe("citations");
    expect(events.at(-1)).toBe("done");
    expect(sawCitationsWhileHeld).toBe(true);
    // The model was asked, and the service gave up on it before it sent `done`.
    expect(heldRequests().length).toBeGreaterThan(0);
    expect(heldRequests().every((r) => r.cancelled)).toBe(true);
  });

  it("limits each client's request rate and requests in progress in nginx itself, and serves /metrics to nobody", async () => {
    const healthy = async () =>
      (await Promise.all(replicas.map(metricsOf)))
        .map((m) => counter(m, "http_requests_total", 'method="GET",route="/healthz",status="200"'))
        .reduce((x, y) => x + y);

    // limit_req: one client as fast as it can go passes its burst, then nginx refuses it (JSON,
    // Retry-After) without troubling a replica; another address is unaffected.
    const before = await healthy();
    const fast = freshClient();
    let passed = 0;
    let refused: Reply | undefined;
    for (let i = 0; i < 1000 && !refused; i++) {
      const reply = await send(proxy.url, { path: "/healthz", client: fast, viaProxy: true });
      if (reply.status === 429) refused = reply;
      else if (reply.status === 200) passed++;
      else throw new Error(`unexpected ${reply.status}`);
    }
    expect(refused?.headers["retry-after"]).toBe("1");
    expect(JSON.parse(refused?.text ?? "{}").error.code).toBe("rate_limited");
    expect(passed).toBeGreaterThanOrEqual(50);
    expect((await healthy()) - before).toBe(passed);
    const other = { path: "/healthz", client: freshClient(), viaProxy: true };
    expect((await send(proxy.url, other)).status).toBe(200);

    // limit_conn: 20 requests of one client in progress (bodies that never come) and its next is
    // refused at once, while others are served; once they are gone, it is served again.
    const greedy = freshClient();
    const { hostname, port } = new URL(proxy.url);
    const held = Array.from({ length: 20 }, () => {
      const socket = connect({ host: hostname, port: Number(port), localAddress: greedy }, () =>
        socket.write(
          "POST /api/feedback HTTP/1.1\r\nHost: briefwijzer\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{",
        ),
      );
      socket.on("error", () => undefined);
      return socket;
    });
    try {
      const next = { path: "/healthz", client: greedy, viaProxy: true };
      await expect.poll(async () => (await send(proxy.url, next)).status).toBe(429);
      expect((await send(proxy.url, other)).status).toBe(200);
    } finally {
      for (const socket of held) socket.destroy();
    }
    await expect
      .poll(
        async () =>
          (await send(proxy.url, { path: "/healthz", client: greedy, viaProxy: true })).status,
      )
      .toBe(200);

    // Metrics are for the scraper, on each replica's own address.
    for (const path of ["/metrics", "/metrics/", "/METRICS", "/Metrics/x", "/metrics?x=1"]) {
      const reply = await send(proxy.url, { path, client: freshClient(), viaProxy: true });
      expect(reply.status, path).toBe(403);
      expect(JSON.parse(reply.text).error.code).toBe("forbidden");
      expect(reply.text).not.toContain("briefwijzer_");
    }
    expect(await metricsOf(replicas[0] as { url: string })).toContain("briefwijzer_backends_info");
  });

  it("answers a Slack command on either replica, and refuses one replayed to the other", async () => {
    const signed = (copy: number) => ({
      ...slackCommand(`replica-test-${copy}`),
      client: freshClient(),
      viaProxy: false,
    });
    const requests = replicas.map((_, i) => signed(i));
    for (const [i, replica] of replicas.entries()) {
      const reply = await send(replica.url, requests[i] as (typeof requests)[number]);
      expect(reply.status).toBe(200);
      // Answered from the shared cache within the acknowledgement, with the letter's footnote.
      expect(reply.text).toContain("footnote 9");
    }
    // The signatures seen are shared: replica B has never seen this request, yet refuses it,
    // also with the signature header spelled so that it still verifies (v0=<digest>=1).
    const [a, b] = replicas as [ServeChild & { url: string }, ServeChild & { url: string }];
    const first = requests[0] as (typeof requests)[number];
    expect((await send(b.url, first)).status).toBe(401);
    for (const suffix of ["=1", "=2"]) {
      const altered = {
        ...first,
        headers: {
          ...first.headers,
          "x-slack-signature": `${first.headers["x-slack-signature"]}${suffix}`,
        },
      };
      expect((await send(a.url, altered)).status, suffix).toBe(401);
      expect((await send(b.url, altered)).status, suffix).toBe(401);
    }
    // Two copies reaching the two replicas at the same moment: checked and recorded in one step
    // (SET NX), so exactly one passes.
    const outcomes: number[][] = [];
    for (let copy = 0; copy < 10; copy++) {
      const request = signed(copy + 2);
      outcomes.push(
        (await Promise.all([a, b].map(async (r) => (await send(r.url, request)).status))).sort(),
      );
    }
    expect(outcomes).toEqual(Array(10).fill([200, 401]));
  });

  it("answers every channel without waiting on a Redis that stops replying (SIGSTOP), refuses a replay to the same replica, and shares again when it resumes", async () => {
    const linesBefore = replicas.map((r) => r.lines.length);
    /** Far beyond REDIS_TIMEOUT_MS; before the bound, every request here waited until Redis resumed. */
    const HANG_MS = 15_000;
    const mcpCall = {
      method: "POST",
      path: "/mcp",
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "tools/call",
        params: { name: "get_footnote", arguments: { number: 9 } },
      }),
      headers: { ...json, accept: "application/json, text/event-stream" },
    };
    /** One request of each channel that touches Redis, with how long each took (ms). */
    const round = async (base: string, viaProxy: boolean, name: string) => {
      const kinds = {
        letter: { path: "/api/letter" },
        ask: {
          method: "POST",
          path: "/api/ask",
          body: JSON.stringify({ question: uniqueQuestion(QUESTIONS, uncached++) }),
          headers: json,
        },
        mcp: mcpCall,
        slack: slackCommand(uniqueName(name)),
      };
      const took: Record<string, number> = {};
      for (const [kind, request] of Object.entries(kinds)) {
        const started = performance.now();
        const reply = await send(base, {
          ...request,
          client: freshClient(),
          viaProxy,
          boundMs: HANG_MS,
        });
        took[kind] = Math.round(performance.now() - started);
        expect(reply.status, `${kind} on ${name}`).toBe(200);
      }
      return took;
    };
    const targets = [
      ...replicas.map((r, i) => ({ base: r.url, viaProxy: false, name: `replica-${i}` })),
      { base: proxy.url, viaProxy: true, name: "nginx" },
    ];
    const normal: Record<string, Record<string, number>> = {};
    for (const t of targets) normal[t.name] = await round(t.base, t.viaProxy, t.name);

    redis.pause();
    const stalled: Record<string, Record<string, number>> = {};
    try {
      for (const t of targets) stalled[t.name] = await round(t.base, t.viaProxy, t.name);
      // Replay protection falls back to each replica's memory: the same replica refuses a copy.
      const [a] = replicas as [ServeChild & { url: string }];
      const command = {
        ...slackCommand(uniqueName("replay")),
        client: freshClient(),
        viaProxy: false,
      };
      expect((await send(a.url, { ...command, boundMs: HANG_MS })).status).toBe(200);
      expect((await send(a.url, { ...command, boundMs: HANG_MS })).status).toBe(401);
    } finally {
      redis.resume();
    }
    measured.redisStalledMs = { normal, stalled };

    const metrics = await Promise.all(replicas.map(metricsOf));
    for (const m of metrics) {
      const failures = (failure: string) =>
        ["rate-limit", "rate-limit-mcp", "answers", "slack-signatures"]
          .map((use) =>
            counter(m, "briefwijzer_redis_failures_total", `use="${use}",failure="${failure}"`),
          )
          .reduce((x, y) => x + y);
      // The first command of a stall waits out the bound; the rest are not even sent.
      expect(failures("timeout")).toBeGreaterThanOrEqual(1);
      expect(failures("unavailable")).toBeGreaterThan(0);
    }
    for (const [i, replica] of replicas.entries()) {
      const since = replica.lines.slice(linesBefore[i]);
      const warnings = since.filter((l) => l.msg.startsWith("Redis unavailable"));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({ level: 40 });
      expect(warnings[0]).not.toHaveProperty("err");
      expect(since.filter((l) => l.msg === "request errored")).toEqual([]);
    }
    await expect
      .poll(
        () =>
          replicas.every((r, i) =>
            r.lines.slice(linesBefore[i]).some((l) => l.msg === "Redis answering again"),
          ),
        { timeout: 20_000 },
      )
      .toBe(true);
  });

  it("keeps answering while Redis is down (uncached, limits not enforced), logs it once however often it reconnects, and shares again when it is back", async () => {
    const [a] = replicas as [ServeChild & { url: string }];
    const linesBefore = replicas.map((r) => r.lines.length);
    await redis.stop();
    const client = freshClient();
    const during = await load(RATE_LIMIT + 5, 2, (i) =>
      i === 0
        ? ask(proxy.url, uniqueQuestion(QUESTIONS, uncached++), client, true)
        : send(proxy.url, { path: "/api/footnotes/9", client, viaProxy: true }),
    );
    // Fail open: over the limit, yet answered.
    expect(during.outcomes.every((status) => status === 200)).toBe(true);
    const metrics = await Promise.all(replicas.map(metricsOf));
    const storeErrors = metrics.map((m) => counter(m, "briefwijzer_rate_limit_store_errors_total"));
    expect(storeErrors.reduce((x, y) => x + y)).toBeGreaterThanOrEqual(RATE_LIMIT + 5);
    const cacheErrors = metrics.map((m) =>
      counter(m, "briefwijzer_answer_cache_lookups_total", 'result="error"'),
    );
    expect(cacheErrors.reduce((x, y) => x + y)).toBeGreaterThan(0);
    expect(replicas.every((r) => r.lines.some((l) => l.msg.startsWith("Redis unavailable")))).toBe(
      true,
    );

    // Each replica keeps trying to reconnect: refuse a few attempts of each on Redis's port (the
    // attempts are the signal to wait for), then check that none of them added a line.
    let refused = 0;
    const refuser = createNetServer((socket) => {
      refused++;
      socket.destroy();
    });
    await new Promise<void>((resolve) =>
      refuser.listen(Number(new URL(redis.url).port), "127.0.0.1", resolve),
    );
    try {
      await expect.poll(() => refused, { timeout: 30_000 }).toBeGreaterThanOrEqual(6);
    } finally {
      await new Promise((resolve) => refuser.close(resolve));
    }
    for (const [i, replica] of replicas.entries()) {
      const since = replica.lines.slice(linesBefore[i]);
      expect(since.filter((l) => l.msg.startsWith("Redis unavailable"))).toHaveLength(1);
      expect(since.filter((l) => JSON.stringify(l).includes('"stack"'))).toEqual([]);
    }

    await redis.start();
    // Each replica reconnects by itself; then answers are shared and limits enforced again.
    await expect
      .poll(
        () => replicas.every((r) => r.lines.some((l) => l.msg === "Redis connection restored")),
        {
          timeout: 20_000,
        },
      )
      .toBe(true);
    const question = uniqueQuestion(QUESTIONS, uncached++);
    expect((await ask(a.url, question, freshClient(), false)).status).toBe(200);
    const hitsBefore = counter(
      await metricsOf(replicas[1] as { url: string }),
      "briefwijzer_answer_cache_lookups_total",
      'result="hit"',
    );
    await ask((replicas[1] as { url: string }).url, question, freshClient(), false);
    expect(
      counter(
        await metricsOf(replicas[1] as { url: string }),
        "briefwijzer_answer_cache_lookups_total",
        'result="hit"',
      ),
    ).toBe(hitsBefore + 1);
    const limited = freshClient();
    const statuses: number[] = [];
    for (let i = 0; i <= RATE_LIMIT; i++) {
      statuses.push(
        (await send(proxy.url, { path: "/api/footnotes/9", client: limited, viaProxy: true }))
          .status,
      );
    }
    expect(statuses.slice(0, RATE_LIMIT).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it("answers 503 feedback_unavailable while PostgreSQL is away, keeps answering, and recovers without a restart", async () => {
    const rating = JSON.stringify({ question: "pg outage", answer: "an answer", rating: "up" });
    const rate = () =>
      send(proxy.url, {
        method: "POST",
        path: "/api/feedback",
        body: rating,
        headers: json,
        client: freshClient(),
        viaProxy: true,
      });
    expect((await rate()).status).toBe(201);
    pgProxy.cut();
    try {
      for (let i = 0; i < 2; i++) {
        const refused = await rate();
        expect(refused.status).toBe(503);
        expect(JSON.parse(refused.text).error.code).toBe("feedback_unavailable");
      }
      const answered = await ask(
        proxy.url,
        uniqueQuestion(QUESTIONS, uncached++),
        freshClient(),
        true,
      );
      expect(answered.status).toBe(200);
      const errors = (await Promise.all(replicas.map(metricsOf))).map((m) =>
        counter(m, "briefwijzer_feedback_storage_errors_total", 'engine="postgres"'),
      );
      expect(errors.reduce((x, y) => x + y)).toBeGreaterThanOrEqual(2);
    } finally {
      pgProxy.restore();
    }
    // Both replicas (round robin) store ratings again.
    await expect.poll(async () => (await rate()).status, { timeout: 15_000 }).toBe(201);
    expect((await rate()).status).toBe(201);
    expect(replicas.every((r) => r.child.exitCode === null)).toBe(true);
  });

  it("records each question once in the shared question log, whichever replica answered it", async () => {
    const [a, b] = replicas as [ServeChild & { url: string }, ServeChild & { url: string }];
    const written = async (replica: { url: string }) =>
      counter(
        await metricsOf(replica),
        "briefwijzer_question_log_records_total",
        'result="written"',
      );
    const before = await Promise.all([written(a), written(b)]);
    const marker = uniqueName("logged");
    const asked = Array.from(
      { length: 6 },
      () => `${uniqueQuestion(QUESTIONS, uncached++)} ${marker}`,
    );
    const ids = new Set<string>();
    for (const question of asked) {
      const reply = await ask(proxy.url, question, freshClient(), true);
      expect(reply.status).toBe(200);
      ids.add(String(reply.headers["x-question-id"]));
    }
    expect(ids.size).toBe(6);
    const logged = async (replica: { url: string }) => {
      const csv = await asAdmin(replica, "/api/admin/insights?format=csv");
      expect(csv.status).toBe(200);
      const rows = parse(csv.text, { columns: true }) as Array<{ question: string }>;
      return rows.map((row) => row.question).filter((q) => q.includes(marker));
    };
    // Each replica writes what it answered within a second or so.
    await expect.poll(async () => (await logged(a)).length, { timeout: 15_000 }).toBe(6);
    // Either replica reads all six from the shared database, each once.
    for (const replica of replicas) expect((await logged(replica)).sort()).toEqual(asked.sort());
    // Round robin: each replica answered, and wrote, half of them.
    const after = await Promise.all([written(a), written(b)]);
    expect(after.map((n, i) => n - (before[i] as number) >= 3)).toEqual([true, true]);
  });

  it("stores ratings again on both replicas when the database comes back empty, without a restart", async () => {
    await database.recreate();
    // Each replica, on its own, finds its tables gone, migrates again and stores the rating. A
    // client retrying under its key (as the page does) is answered once it has been stored.
    const keys = replicas.map((_, i) => uniqueName(`empty-db-${i}`));
    for (const [i, replica] of replicas.entries()) {
      const rate = () =>
        send(replica.url, {
          method: "POST",
          path: "/api/feedback",
          body: JSON.stringify({ question: `after the restore ${i}`, answer: "A", rating: "up" }),
          headers: { ...json, "idempotency-key": keys[i] as string },
          client: freshClient(),
          viaProxy: false,
        });
      await expect.poll(async () => (await rate()).status, { timeout: 15_000 }).toBe(201);
    }
    const exported = await asAdmin(replicas[0] as { url: string }, "/api/feedback?format=json");
    const questions = (JSON.parse(exported.text).feedback as Array<{ question: string }>).map(
      (r) => r.question,
    );
    expect(questions.sort()).toEqual(["after the restore 0", "after the restore 1"]);
    // The first to notice migrated; the other found the tables back.
    const migrated = replicas.map((r) =>
      r.lines.some((l) => l.msg === "the feedback database lost its tables; migrating it again"),
    );
    expect(migrated).toContain(true);
  });

  it("measures throughput through nginx against one replica, then survives a replica killed mid-load", async () => {
    const [a, b] = replicas as [ServeChild & { url: string }, ServeChild & { url: string }];
    // Small: on a shared 2-core machine an uncached answer takes about a second under load.
    const total = 40;
    const concurrency = 4;
    // Uncached questions from many clients, each within its rate limit.
    const oneReplica = await load(total, concurrency, () =>
      ask(a.url, uniqueQuestion(QUESTIONS, uncached++), freshClient(), false),
    );
    const throughNginx = await load(total, concurrency, () =>
      ask(proxy.url, uniqueQuestion(QUESTIONS, uncached++), freshClient(), true),
    );
    expect(oneReplica.outcomes.every((s) => s === 200)).toBe(true);
    expect(throughNginx.outcomes.every((s) => s === 200)).toBe(true);
    measured.askPerSecondOneReplica = Math.round(oneReplica.perSecond * 10) / 10;
    measured.askPerSecondNginxTwoReplicas = Math.round(throughNginx.perSecond * 10) / 10;
    measured.throughputRatio =
      Math.round((throughNginx.perSecond / oneReplica.perSecond) * 100) / 100;

    let killedAt: number | undefined;
    const underKill = await load(
      total * 2,
      8,
      () => ask(proxy.url, uniqueQuestion(QUESTIONS, uncached++), freshClient(), true),
      (done) => {
        if (done === total / 2 && killedAt === undefined) {
          killedAt = done;
          b.child.kill("SIGKILL");
        }
      },
    );
    expect(killedAt).toBeDefined();
    const errors = underKill.outcomes.filter((s) => s !== 200);
    measured.requestsDuringKill = underKill.outcomes.length;
    measured.clientErrorsDuringKill = errors.length;
    measured.clientErrorKinds = [...new Set(errors)];
    // nginx re-sends an ask that failed before the replica answered to the other one; only an
    // answer cut off mid-response could reach the client as an error.
    expect(errors.length).toBeLessThanOrEqual(8);
    // After the kill every request goes to the survivor.
    const after = await load(20, 4, () =>
      ask(proxy.url, uniqueQuestion(QUESTIONS, uncached++), freshClient(), true),
    );
    expect(after.outcomes.every((s) => s === 200)).toBe(true);
    expect(a.child.exitCode).toBeNull();
    expect(await b.exited).toBeNull();
  }, 300_000);
});
