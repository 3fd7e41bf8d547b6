import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import {
  StreamableHTTPClientTransport,
  StreamableHTTPError,
} from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/types.js";
import { letterBackend } from "../../src/cli/mcp-backend.js";
import type { LetterBackend } from "../../src/mcp/backend.js";
import { createMcpRouter } from "../../src/mcp/http.js";
import { mcpServerFactory } from "../../src/mcp/server.js";
import { ReadinessHandle } from "../../src/server/readiness.js";
import { type RealApp, startRealApp } from "../support/app.js";
import { SLAPP_QUESTION as SLAPPS, transportChecks } from "../support/mcp.js";
import { loadRealServices } from "../support/real-services.js";

const TOKEN = "mcp-test-token-4f9a2c71d0";
const INTRANET = "https://intranet.example";

const runtime = await loadRealServices();
const apps: RealApp[] = [];
const clients: Client[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await Promise.all(apps.map((a) => a.close()));
});

/** The real app with the MCP router; a `null` backend leaves the index "still loading". */
async function startMcpApp(
  env: Record<string, string> = {},
  service: LetterBackend | null = letterBackend(runtime, runtime.answers),
  backend = new ReadinessHandle<LetterBackend>(),
  readyWithinMs = 0,
): Promise<RealApp> {
  if (service) backend.set(service);
  const app = await startRealApp({
    env,
    routers: ({ config, letter, logger }) => ({
      mcp: createMcpRouter({
        config,
        rateLimit: { logger },
        servers: async () => mcpServerFactory({ letter, backend, logger, readyWithinMs }),
      }),
    }),
  });
  apps.push(app);
  return app;
}

async function connect(url: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: "briefwijzer-tests", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${url}/mcp`), { requestInit: { headers } }),
  );
  clients.push(client);
  return client;
}

/** A bare MCP request, for what the SDK client would not send. */
function post(url: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${url}/mcp`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Accept: "application/json, text/event-stream",
      ...headers,
    },
    body,
  });
}

const INITIALIZE = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: {
    protocolVersion: "2025-06-18",
    capabilities: {},
    clientInfo: { name: "curl", version: "0" },
  },
});

describe("MCP over Streamable HTTP at /mcp, in the real app", () => {
  let app: RealApp;
  let client: Client;
  const auth = { Authorization: `Bearer ${TOKEN}` };

  beforeAll(async () => {
    app = await startMcpApp({ MCP_TOKEN: TOKEN, ALLOWED_ORIGINS: INTRANET });
    client = await connect(app.url, auth);
  });

  it("lists the four tools with input and output schemas", async () => {
    await transportChecks.listsTools(client);
  });

  it("answers the SLAPP question with footnote 9, exactly as the answer service does", async () => {
    const answer = await transportChecks.answersWithFootnote9(client);
    expect(answer).toEqual(await runtime.answers.ask({ question: "what did NL do on SLAPPs?" }));
  });

  it("refuses a question the letter does not cover (grounded: false)", async () => {
    await transportChecks.refusesOffTopic(client);
  });

  it("reads the letter, its English rendering, a section and the metadata as resources", async () => {
    const dutch = await transportChecks.readsTheLetter(client);
    for (const section of runtime.letter.sections) {
      if (section.title) expect(dutch).toContain(`## ${section.title}`);
    }
    for (const footnote of runtime.letter.footnotes) {
      expect(dutch).toContain(`${footnote.number}. ${footnote.text}`);
    }

    const { resources } = await client.listResources();
    const sectionUris = runtime.letter.sections.map((s) => `briefwijzer://letter/sections/${s.id}`);
    expect(resources.map((r) => r.uri)).toEqual(
      expect.arrayContaining([
        "briefwijzer://letter",
        "briefwijzer://letter/en",
        "briefwijzer://letter/metadata",
        ...sectionUris,
      ]),
    );

    const read = async (uri: string) => {
      const [content] = (await client.readResource({ uri })).contents;
      return String(content && "text" in content ? content.text : "");
    };
    const english = await read("briefwijzer://letter/en");
    expect(english).toContain(`> ${runtime.letter.translation.notice}`);
    expect(english).toContain("anti-SLAPP directive");

    const section = await read(
      "briefwijzer://letter/sections/inzet-voor-de-bescherming-van-grondrechten",
    );
    expect(section).toContain("## Inzet voor de bescherming van grondrechten");
    expect(section).toContain("## Efforts to protect fundamental rights");
    expect(section).toContain("9. Directive – EU – 2024/1069");
    expect(section).not.toContain("## Europese samenwerking");

    const metadata = JSON.parse(await read("briefwijzer://letter/metadata"));
    expect(metadata).toMatchObject({
      kamerstuk: { label: "Kamerstuk 30 420, nr. 415" },
      sourceUrl: runtime.letter.metadata.sourceUrl,
      signatories: runtime.letter.metadata.signatories,
    });
    expect(metadata.title).toBe(runtime.letter.metadata.title);

    await expect(
      client.readResource({ uri: "briefwijzer://letter/sections/no-such-section" }),
    ).rejects.toThrow(/no section no-such-section/);
  });

  it("searches passages, and gets a passage and a footnote by id and number", async () => {
    const search = await client.callTool({
      name: "search_letter",
      arguments: { query: "directive 2024/1069", k: 3 },
    });
    const { passages } = search.structuredContent as {
      passages: { rank: number; id: string; page: number; footnotes: { number: number }[] }[];
    };
    expect(passages.length).toBeGreaterThan(0);
    expect(passages.length).toBeLessThanOrEqual(3);
    expect(passages.map((p) => p.rank)).toEqual(passages.map((_, i) => i + 1));
    const [best] = passages;
    expect(best?.footnotes.map((f) => f.number)).toContain(9);

    const passage = await client.callTool({ name: "get_passage", arguments: { id: best?.id } });
    const paragraph = runtime.letter.paragraphs.find((p) => p.id === best?.id);
    expect(passage.structuredContent).toMatchObject({
      id: best?.id,
      page: best?.page,
      text: paragraph?.text,
    });

    const footnote = await client.callTool({ name: "get_footnote", arguments: { number: 9 } });
    expect(footnote.structuredContent).toMatchObject({
      number: 9,
      text: "Directive – EU – 2024/1069",
      passageIds: [best?.id],
    });

    const missing = await client.callTool({ name: "get_footnote", arguments: { number: 99 } });
    expect(missing.isError).toBe(true);
    expect(missing.content).toEqual([
      { type: "text", text: "not_found: The letter has no footnote 99; it has 11." },
    ]);
    const unknown = await client.callTool({ name: "get_passage", arguments: { id: "nope" } });
    expect(unknown.isError).toBe(true);
  });

  it("refuses bad arguments as the HTTP API does: invalid_input naming the field", async () => {
    const call = async (name: string, args: Record<string, unknown>) => {
      const result = await client.callTool({ name, arguments: args });
      expect(result.isError).toBe(true);
      return (result.content as { text: string }[])[0]?.text;
    };
    expect(await call("ask_letter", { question: " " })).toBe(
      "invalid_input: question: must not be blank",
    );
    // Zero-width spaces and a byte order mark are as blank as a space.
    expect(await call("search_letter", { query: "\u200b\u200b\ufeff" })).toBe(
      "invalid_input: query: must not be blank",
    );
    // Arguments nested deeply where a plain value belongs: the field and what it should be.
    const deep = JSON.parse(`${'{"a":'.repeat(2000)}1${"}".repeat(2000)}`);
    expect(await call("get_footnote", { number: deep })).toBe(
      "invalid_input: number: Invalid input: expected number, received object",
    );
    expect(
      await call("ask_letter", { question: "SLAPPs?", history: [{ role: "user", content: deep }] }),
    ).toBe("invalid_input: history.0.content: Invalid input: expected string, received object");
    expect(await call("search_letter", { query: "SLAPP", k: 1000 })).toMatch(
      /^invalid_input: k: Too big: expected number to be <=\d+$/,
    );
  });

  it("completes section ids, and answers an argument the template lacks, __proto__ too, with invalid params", async () => {
    const ref = { type: "ref/resource" as const, uri: "briefwijzer://letter/sections/{id}" };
    const { completion } = await client.complete({ ref, argument: { name: "id", value: "inzet" } });
    expect(completion.values).toContain("inzet-voor-de-bescherming-van-grondrechten");
    for (const name of ["__proto__", "constructor", "section"]) {
      const refused = await client
        .complete({ ref, argument: { name, value: "" } })
        .catch((error: unknown) => error);
      expect(refused).toMatchObject({ code: -32602 });
      expect(String(refused)).toContain(`has no argument ${name}; its arguments are id`);
    }
  });

  it("searches with retrieval alone, and k asks for up to every passage", async () => {
    const all = runtime.letter.paragraphs.length;
    const result = await client.callTool({
      name: "search_letter",
      arguments: { query: "directive 2024/1069", k: all },
    });
    const { passages } = result.structuredContent as { passages: { id: string; score: number }[] };
    expect(passages).toHaveLength(all);
    expect(new Set(passages.map((p) => p.id)).size).toBe(all);
    const scores = passages.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // The same ranking retrieval gives, with no answer composed.
    const retrieval = await runtime.retriever.retrieve(
      { text: "directive 2024/1069", language: "en" },
      5,
    );
    expect(passages.slice(0, 5).map((p) => p.id)).toEqual(
      retrieval.passages.map((p) => p.passageId),
    );
  });

  it("refuses a wrong or missing token with 401 and a Bearer challenge", async () => {
    const attempts: Record<string, string>[] = [
      { Authorization: "Bearer not-the-token-at-all" },
      {},
    ];
    for (const headers of attempts) {
      const refused = await connect(app.url, headers).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(StreamableHTTPError);
      expect((refused as StreamableHTTPError).code).toBe(401);
    }
    const response = await post(app.url, INITIALIZE, { Authorization: "Bearer wrong" });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer error="invalid_token"/);
    expect(await response.json()).toEqual({
      error: "invalid_token",
      error_description: "The bearer token is not valid for this server.",
    });
  });

  it("refuses a hostile Origin with 403, even with the token; allows listed and loopback origins", async () => {
    for (const origin of ["https://evil.example", "http://127.0.0.1.evil.example:3000", "null"]) {
      const refused = await connect(app.url, { ...auth, Origin: origin }).catch((e) => e);
      expect(refused).toBeInstanceOf(StreamableHTTPError);
      expect((refused as StreamableHTTPError).code).toBe(403);
    }
    const response = await post(app.url, INITIALIZE, { ...auth, Origin: "https://evil.example" });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      jsonrpc: "2.0",
      id: null,
      error: {
        code: -32000,
        message: "This origin may not use the MCP server.",
        data: { code: "forbidden_origin" },
      },
    });
    for (const origin of [INTRANET, "http://localhost:6274", "http://127.0.0.1:5173"]) {
      const allowed = await connect(app.url, { ...auth, Origin: origin });
      await transportChecks.listsTools(allowed);
    }
  });

  it("answers other methods, bad JSON and oversized bodies with JSON-RPC errors, no stack traces", async () => {
    const get = await fetch(`${app.url}/mcp`, { headers: auth });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect((await get.json()).error.data.code).toBe("method_not_allowed");

    const malformed = await post(app.url, '{"jsonrpc": "2.0", "id": 1, "method"', auth);
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error).toMatchObject({ code: -32700 });

    const huge = JSON.stringify({ ...JSON.parse(INITIALIZE), padding: "x".repeat(40_000) });
    const tooLarge = await post(app.url, huge, auth);
    expect(tooLarge.status).toBe(413);
    const body = await tooLarge.text();
    expect(JSON.parse(body).error.data.code).toBe("payload_too_large");
    expect(body).not.toMatch(/at \w+ \(|node_modules/);

    const notJsonRpc = await post(app.url, '{"hello": "world"}', auth);
    expect(notJsonRpc.status).toBe(400);
    expect((await notJsonRpc.json()).error.code).toBeLessThan(0);
  });
});

describe("MCP HTTP limits and readiness", () => {
  it("applies the API's rate limit per client (429 with Retry-After)", async () => {
    const app = await startMcpApp({ RATE_LIMIT_PER_MINUTE: "3" });
    const responses: Response[] = [];
    for (let i = 0; i < 4; i++) responses.push(await post(app.url, INITIALIZE));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    const limited = responses[3] as Response;
    expect(limited.headers.get("retry-after")).toBeTruthy();
    expect((await limited.json()).error.data.code).toBe("rate_limited");
  });

  it("needs no token when MCP_TOKEN is unset", async () => {
    const app = await startMcpApp();
    await transportChecks.listsTools(await connect(app.url));
  });

  it("lets a tool call wait briefly for the index, and answers once it has loaded", async () => {
    const backend = new ReadinessHandle<LetterBackend>();
    // Tells the test when the server has begun to wait, so the index is set while it does.
    let waiting!: () => void;
    const started = new Promise<void>((resolve) => {
      waiting = resolve;
    });
    const within = backend.within.bind(backend);
    backend.within = (ms) => {
      waiting();
      return within(ms);
    };
    const app = await startMcpApp({}, null, backend, 60_000);
    const client = await connect(app.url);
    const call = client.callTool({ name: "ask_letter", arguments: { question: SLAPPS } });
    await started;
    backend.set(letterBackend(runtime, runtime.answers));
    const result = await call;
    expect(result.isError).toBeFalsy();
    expect((result.structuredContent as unknown as Answer).grounded).toBe(true);
  });

  it("says not_ready for ask and search while the index loads, and serves the letter meanwhile", async () => {
    const app = await startMcpApp({}, null);
    const client = await connect(app.url);
    for (const [name, args] of [
      ["ask_letter", { question: "what did NL do on SLAPPs?" }],
      ["search_letter", { query: "SLAPP" }],
    ] as const) {
      const result = await client.callTool({ name, arguments: args });
      expect(result.isError).toBe(true);
      expect((result.content as { text: string }[])[0]?.text).toMatch(/^not_ready: .*loading/);
    }
    const footnote = await client.callTool({ name: "get_footnote", arguments: { number: 9 } });
    expect(footnote.isError).toBeFalsy();
    await transportChecks.readsTheLetter(client);
  });

  it("reports a failing service as internal_error, without its message", async () => {
    const failing: LetterBackend = {
      ...letterBackend(runtime, runtime.answers),
      ask: () => Promise.reject(new Error("EIO: read /srv/briefwijzer/index/hnswlib.index")),
    };
    const client = await connect((await startMcpApp({}, failing)).url);
    const result = await client.callTool({
      name: "ask_letter",
      arguments: { question: "what did NL do on SLAPPs?" },
    });
    expect(result.isError).toBe(true);
    expect(result.content).toEqual([
      { type: "text", text: "internal_error: Something went wrong on our side." },
    ]);
  });
});
