import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { parse } from "csv-parse/sync";
import request from "supertest";
import { afterAll, describe, expect, it } from "vitest";
import type { AnswerService } from "../../src/answer/types.js";
import { cachedAnswers } from "../../src/cli/runtime.js";
import type { Insights } from "../../src/feedback/insights.js";
import { type QuestionRecord, questionLogStore } from "../../src/feedback/question-log.js";
import { QuestionRecorder } from "../../src/feedback/recorder.js";
import { type FeedbackStore, openFeedbackStore } from "../../src/feedback/store.js";
import { createApp } from "../../src/http/app.js";
import { createLogger } from "../../src/logger.js";
import { ReadinessHandle } from "../../src/server/readiness.js";
import { memorySharedState } from "../../src/state/shared.js";
import { loadRealServices, testConfig } from "../support/real-services.js";
import { describeWith, temporaryDatabase } from "../support/services.js";

const run = promisify(execFile);
const ADMIN_TOKEN = "question-log-admin-token-0123";
const SLAPP = "What did the Netherlands do on SLAPPs?";
const OFF_TOPIC = "What is the capital of France?";
const runtime = await loadRealServices();
const logger = createLogger("silent");
const scratch = mkdtempSync(join(tmpdir(), "briefwijzer-question-log-"));
const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

/** The real app with the real (cached) answer service, a SQLite file and a question log on it. */
function appWith(env: Record<string, string> = {}) {
  const dbPath = join(scratch, `${crypto.randomUUID()}.sqlite`);
  const config = testConfig({
    FEEDBACK_DB_PATH: dbPath,
    RATE_LIMIT_PER_MINUTE: "0",
    ADMIN_TOKEN,
    ...env,
  });
  const feedback: FeedbackStore = openFeedbackStore({ path: dbPath, busyTimeoutMs: 20 });
  const shared = memorySharedState({ logger });
  const questionLog = new QuestionRecorder({
    enabled: config.questionLog.enabled,
    retentionDays: config.questionLog.retentionDays,
    store: questionLogStore(feedback.database),
    letter: runtime.letter,
    logger,
    flushIntervalMs: 50,
  });
  cleanups.push(async () => {
    await questionLog.close();
    await feedback.close();
    await shared.close();
  });
  const answers = new ReadinessHandle<AnswerService>();
  answers.set(cachedAnswers(runtime, config, shared));
  const app = createApp({ config, logger, letter: runtime.letter, answers, feedback, questionLog });
  return { app, dbPath, feedback, questionLog };
}

const asAdmin = (req: request.Test) => req.set("Authorization", `Bearer ${ADMIN_TOKEN}`);

async function insightsOf(app: ReturnType<typeof appWith>["app"]): Promise<Insights> {
  return (await asAdmin(request(app).get("/api/admin/insights")).expect(200)).body;
}

/** The question log's rows as the database holds them. */
function storedRows(dbPath: string): Array<Record<string, unknown>> {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare("SELECT * FROM questions ORDER BY rowid").all() as Array<
      Record<string, unknown>
    >;
  } finally {
    db.close();
  }
}

describe("the question log behind /api/ask", () => {
  it("records each question once with its channel, language, outcome, sections, follow-up and cache hit, and links a rating to it", async () => {
    const { app, dbPath } = appWith();
    const page = await request(app)
      .post("/api/ask")
      .set("X-Briefwijzer-Client", "page")
      .send({ question: SLAPP })
      .expect(200);
    const questionId = page.headers["x-question-id"];
    expect(questionId).toMatch(/^[0-9a-f-]{36}$/);
    // The same question from the widget comes from the cache.
    await request(app)
      .post("/api/ask")
      .set("X-Briefwijzer-Client", "widget")
      .send({ question: SLAPP })
      .expect(200);
    // An API client, streaming, off the letter.
    const stream = await request(app)
      .post("/api/ask")
      .set("Accept", "text/event-stream")
      .send({ question: OFF_TOPIC })
      .expect(200);
    expect(stream.text).toContain("event: done");
    // A follow-up, in Dutch, from a client that names itself oddly (an API client, then).
    await request(app)
      .post("/api/ask")
      .set("X-Briefwijzer-Client", "intranet-bot")
      .send({
        question: "En welke richtlijn was dat?",
        history: [
          { role: "user", content: "Wat deed Nederland tegen SLAPPs?" },
          { role: "assistant", content: "Nederland verwelkomde de anti-SLAPPs-richtlijn." },
        ],
      })
      .expect(200);
    await request(app)
      .post("/api/feedback")
      .send({ question: SLAPP, answer: page.body.answer, rating: "down", questionId })
      .expect(201);

    await expect.poll(async () => (await insightsOf(app)).totals.questions).toBe(4);
    const insights = await insightsOf(app);
    const count = <T extends { count: number }>(rows: T[], key: keyof T, value: unknown) =>
      rows.find((row) => row[key] === value)?.count;
    expect(count(insights.byChannel, "channel", "page")).toBe(1);
    expect(count(insights.byChannel, "channel", "widget")).toBe(1);
    expect(count(insights.byChannel, "channel", "api")).toBe(2);
    expect(count(insights.byLanguage, "language", "nl")).toBe(1);
    expect(count(insights.byOutcome, "outcome", "out_of_scope")).toBe(1);
    expect(insights.totals).toMatchObject({
      questions: 4,
      unanswered: 1,
      followUps: 1,
      cacheHits: 1,
      ratingsDown: 1,
    });
    expect(insights.topQuestions[0]).toMatchObject({ question: SLAPP, count: 2 });
    expect(insights.unanswered[0]?.questions[0]?.question).toBe(OFF_TOPIC);
    // The SLAPP answer cites the section on fundamental rights; the rating is read per section.
    const slappSection = runtime.letter.paragraphs.find(
      (p) => p.id === page.body.citations[0].passageId,
    )?.sectionId;
    const cited = insights.sections.find((s) => s.id === slappSection);
    // Cited by the page's answer and the widget's (the same, from the cache), at least.
    expect(cited?.citations).toBeGreaterThanOrEqual(2);
    expect(cited?.down).toBe(1);
    expect(insights.thumbsDown[0]).toMatchObject({
      question: SLAPP,
      channel: "page",
      outcome: "answer",
    });
    expect(insights.thumbsDown[0]?.sections.map((s) => s.id)).toContain(cited?.id);

    const rows = storedRows(dbPath);
    expect(rows.map((row) => row.id)).toContain(questionId);
    for (const row of rows) {
      expect(String(row.asked_at)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:00:00\.000Z$/);
      expect(Object.keys(row).sort()).toEqual(
        [
          "asked_at",
          "cache_hit",
          "channel",
          "follow_up",
          "id",
          "language",
          "latency_ms",
          "outcome",
          "question",
          "sections",
        ].sort(),
      );
    }

    const csv = await asAdmin(request(app).get("/api/admin/insights?format=csv")).expect(200);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    expect(csv.headers["content-disposition"]).toMatch(
      /questions-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv/,
    );
    const table = parse(csv.text, { columns: true }) as Array<Record<string, string>>;
    expect(table).toHaveLength(4);
    expect(table.map((r) => r.channel).sort()).toEqual(["api", "api", "page", "widget"]);
  });

  it("stores a question without the e-mail address, phone number, BSN or IBAN in it", async () => {
    const { app, dbPath, questionLog } = appWith();
    const personal = [
      "jan.jansen@example.nl",
      "06-12345678",
      "111222333",
      "NL91ABNA0417164300",
    ] as const;
    const question = `Ik ben ${personal[0]}, bel ${personal[1]}; BSN ${personal[2]}, rekening ${personal[3]}: wat deed Nederland tegen SLAPPs?`;
    await request(app).post("/api/ask").send({ question }).expect(200);
    await expect.poll(() => storedRows(dbPath).length).toBe(1);
    await questionLog.flush();
    expect(storedRows(dbPath)[0]?.question).toBe(
      "Ik ben [e-mail], bel [phone]; BSN [BSN], rekening [IBAN]: wat deed Nederland tegen SLAPPs?",
    );
    // Nowhere in the database file either.
    const bytes = readFileSync(dbPath).toString("latin1");
    for (const value of personal) expect(bytes).not.toContain(value);
    const csv = await asAdmin(request(app).get("/api/admin/insights?format=csv")).expect(200);
    for (const value of personal) expect(csv.text).not.toContain(value);
  });

  it("records nothing and hands out no question id with QUESTION_LOG=off", async () => {
    const { app, dbPath, questionLog } = appWith({ QUESTION_LOG: "off" });
    const answered = await request(app).post("/api/ask").send({ question: SLAPP }).expect(200);
    expect(answered.headers["x-question-id"]).toBeUndefined();
    await questionLog.flush();
    expect(storedRows(dbPath)).toEqual([]);
    const insights = await insightsOf(app);
    expect(insights.questionLog).toBe(false);
    expect(insights.totals.questions).toBe(0);
  });

  it("answers 401 without the admin token or with a wrong one, and 403 when none is configured", async () => {
    const { app } = appWith();
    const missing = await request(app).get("/api/admin/insights").expect(401);
    expect(missing.body.error.code).toBe("unauthorized");
    await request(app)
      .get("/api/admin/insights")
      .set("Authorization", `Bearer ${ADMIN_TOKEN}x`)
      .expect(401);
    const { app: disabled } = appWith({ ADMIN_TOKEN: "" });
    const forbidden = await asAdmin(request(disabled).get("/api/admin/insights")).expect(403);
    expect(forbidden.body.error.code).toBe("admin_disabled");
  });

  it("refuses a period that is malformed, backwards or longer than 366 days with 400", async () => {
    const { app } = appWith();
    for (const [query, names] of [
      ["from=yesterday", "from"],
      ["from=2026-12-06&to=2026-12-01", "from"],
      ["from=2025-01-01&to=2026-12-06", "366"],
      ["format=xml", "format"],
    ] as const) {
      const res = await asAdmin(request(app).get(`/api/admin/insights?${query}`)).expect(400);
      expect(res.body.error.code).toBe("invalid_input");
      expect(res.body.error.message).toContain(names);
    }
    const day = await asAdmin(
      request(app).get("/api/admin/insights?from=2026-02-27&to=2026-03-01"),
    ).expect(200);
    expect(day.body.byDay.map((d: { day: string }) => d.day)).toEqual([
      "2026-02-27",
      "2026-02-28",
      "2026-03-01",
    ]);
  });

  it("answers while the database is broken, and writes the waiting records once it is repaired", async () => {
    const { app, dbPath } = appWith();
    await request(app).post("/api/ask").send({ question: SLAPP }).expect(200);
    await expect.poll(() => storedRows(dbPath).length).toBe(1);
    writeFileSync(dbPath, "this is not a SQLite database, just text ".repeat(200));
    const during = await request(app).post("/api/ask").send({ question: OFF_TOPIC }).expect(200);
    expect(during.body.grounded).toBe(false);
    await asAdmin(request(app).get("/api/admin/insights")).expect(503);
    rmSync(dbPath);
    // A fresh database: the record that waited is written to it.
    await expect
      .poll(() => storedRows(dbPath).map((row) => row.question), { timeout: 10_000 })
      .toEqual([OFF_TOPIC]);
  });
});

describe("expiry", () => {
  it("deletes records older than QUESTION_LOG_RETENTION_DAYS at start and on every sweep", async () => {
    const dbPath = join(scratch, "expiry.sqlite");
    const feedback = openFeedbackStore({ path: dbPath });
    const store = questionLogStore(feedback.database);
    const daysAgo = (days: number) =>
      new Date(Math.floor((Date.now() - days * 86_400_000) / 3_600_000) * 3_600_000).toISOString();
    const old = (id: string, days: number): QuestionRecord => ({
      id,
      askedAt: daysAgo(days),
      channel: "api",
      language: "en",
      question: `asked ${days} days ago`,
      outcome: "answer",
      sections: [],
      followUp: false,
      cacheHit: false,
      latencyMs: 12,
    });
    const everything = () => store.between(new Date(0), new Date(Date.now() + 3_600_000));
    await store.add([
      old("00000000-0000-4000-8000-000000000001", 45),
      old("00000000-0000-4000-8000-000000000002", 5),
    ]);
    const recorder = new QuestionRecorder({
      enabled: true,
      retentionDays: 30,
      store,
      letter: runtime.letter,
      logger,
      sweepIntervalMs: 100,
    });
    try {
      await expect
        .poll(async () => (await everything()).map((r) => r.question))
        .toEqual(["asked 5 days ago"]);
      // One that expired while the server runs goes on the next sweep.
      await store.add([old("00000000-0000-4000-8000-000000000003", 31)]);
      await expect
        .poll(async () => (await everything()).map((r) => r.question))
        .toEqual(["asked 5 days ago"]);
    } finally {
      await recorder.close();
      await feedback.close();
    }
  });
});

describe("npm run ask", () => {
  it("records its question too, channel cli, before it exits", async () => {
    const dbPath = join(scratch, "cli.sqlite");
    const { stdout } = await run(
      process.execPath,
      ["--import", "tsx", "src/cli/ask.ts", "--json", "Wie ondertekende de brief?"],
      {
        env: {
          PATH: process.env.PATH ?? "",
          NODE_ENV: "test",
          LOG_LEVEL: "silent",
          EMBED_WORKERS: "0",
          FEEDBACK_DB_PATH: dbPath,
        },
        timeout: 120_000,
      },
    );
    const answer = JSON.parse(stdout) as { language: string };
    expect(storedRows(dbPath)).toEqual([
      expect.objectContaining({
        channel: "cli",
        question: "Wie ondertekende de brief?",
        language: answer.language,
        follow_up: 0,
      }),
    ]);
  }, 150_000);
});

describeWith(["postgres"])("the question log in PostgreSQL", () => {
  it("keeps a record written by two replicas once, joins ratings to it, and deletes by age", async () => {
    const database = await temporaryDatabase();
    const stores = [0, 1].map(() =>
      openFeedbackStore({ databaseUrl: database.url, path: "unused", logger }),
    );
    try {
      const [one, other] = stores.map((s) => questionLogStore(s.database)) as [
        ReturnType<typeof questionLogStore>,
        ReturnType<typeof questionLogStore>,
      ];
      const now = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
      const asked: QuestionRecord = {
        id: crypto.randomUUID(),
        askedAt: now.toISOString(),
        channel: "widget",
        language: "nl",
        question: "Wat deed Nederland tegen SLAPPs?",
        outcome: "answer",
        sections: ["inzet-voor-de-bescherming-van-grondrechten"],
        followUp: true,
        cacheHit: true,
        latencyMs: 17,
      };
      const old: QuestionRecord = {
        ...asked,
        id: crypto.randomUUID(),
        askedAt: new Date(now.getTime() - 100 * 86_400_000).toISOString(),
      };
      await Promise.all([one.add([asked, old]), other.add([asked])]);
      const dayAfter = new Date(now.getTime() + 86_400_000);
      expect(await other.between(new Date(now.getTime() - 3_600_000), dayAfter)).toEqual([asked]);
      await stores[0]?.add({
        question: asked.question,
        answer: "Zij verwelkomde de richtlijn.",
        rating: "down",
        questionId: asked.id,
      });
      const [rating] = await one.ratingsBetween(new Date(now.getTime() - 3_600_000), dayAfter);
      expect(rating).toMatchObject({ rating: "down", asked });
      expect(await other.deleteAskedBefore(new Date(now.getTime() - 90 * 86_400_000))).toBe(1);
      expect(await one.between(new Date(0), dayAfter)).toEqual([asked]);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
      await database.drop();
    }
  });
});
