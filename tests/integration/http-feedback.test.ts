import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import request from "supertest";
import { afterAll, describe, expect, it } from "vitest";
import type { AnswerService } from "../../src/answer/types.js";
import {
  type FeedbackStore,
  type FeedbackStoreOptions,
  openFeedbackStore,
} from "../../src/feedback/store.js";
import { createApp } from "../../src/http/app.js";
import { createLogger } from "../../src/logger.js";
import { ReadinessHandle } from "../../src/server/readiness.js";
import { loadRealServices, testConfig } from "../support/real-services.js";
import { databaseBehindProxy, describeWith } from "../support/services.js";

const ADMIN_TOKEN = "s3cret-admin-token-0123456789";
const QUESTION = "What did the Netherlands do on SLAPPs?";
const { letter, answers: real } = await loadRealServices();
const scratch = mkdtempSync(join(tmpdir(), "briefwijzer-http-feedback-"));
const stores: FeedbackStore[] = [];
afterAll(() => {
  for (const store of stores) store.close();
  rmSync(scratch, { recursive: true, force: true });
});

function appWith(
  dbPath: string,
  env: Record<string, string> = { ADMIN_TOKEN },
  store: Partial<FeedbackStoreOptions> = {},
) {
  const config = testConfig({ FEEDBACK_DB_PATH: dbPath, RATE_LIMIT_PER_MINUTE: "0", ...env });
  // A short lock wait keeps the locked-database test quick; production waits 2 s.
  const feedback = openFeedbackStore({ path: dbPath, busyTimeoutMs: 20, ...store });
  stores.push(feedback);
  const answers = new ReadinessHandle<AnswerService>();
  answers.set(real);
  const app = createApp({ config, logger: createLogger("silent"), letter, answers, feedback });
  return { app, feedback };
}

const admin = (req: request.Test) => req.set("Authorization", `Bearer ${ADMIN_TOKEN}`);

describe("feedback through the SQLite file", () => {
  it("stores ratings and exports them as JSON and CSV, surviving a restart", async () => {
    // A directory that does not exist yet: the store creates it.
    const dbPath = join(scratch, "round-trip", "nested", "feedback.sqlite");
    const { app, feedback } = appWith(dbPath);

    const answer = (await request(app).post("/api/ask").send({ question: QUESTION })).body.answer;
    const first = await request(app)
      .post("/api/feedback")
      .send({ question: `  ${QUESTION}  `, answer, rating: "up" })
      .expect(201);
    const second = await request(app)
      .post("/api/feedback")
      .send({
        question: QUESTION,
        answer,
        rating: "down",
        comment: '=HYPERLINK("x"), "quoted",\nsecond line',
      })
      .expect(201);
    expect(first.body).toEqual({ id: expect.any(Number) });
    expect(second.body.id).toBeGreaterThan(first.body.id);

    const json = await admin(request(app).get("/api/feedback?format=json")).expect(200);
    expect(json.headers["cache-control"]).toBe("no-store");
    expect(json.body.feedback).toEqual([
      {
        id: first.body.id,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        question: QUESTION,
        answer,
        rating: "up",
      },
      expect.objectContaining({ id: second.body.id, rating: "down", comment: expect.any(String) }),
    ]);

    const csv = await admin(request(app).get("/api/feedback?format=csv")).expect(200);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    expect(csv.headers["content-disposition"]).toContain("feedback.csv");
    const lines = csv.text.split("\r\n");
    expect(lines[0]).toBe('"id","createdAt","rating","question","answer","comment"');
    expect(csv.text).toContain(`"'=HYPERLINK(""x""), ""quoted"",\nsecond line"\r\n`);

    // The rows are in the file itself, kept with a rollback journal: no memory-mapped -shm file
    // whose damage could kill the process.
    expect(existsSync(`${dbPath}-shm`)).toBe(false);
    await feedback.close();
    const db = new Database(dbPath, { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("delete");
    expect(db.prepare("SELECT rating FROM feedback ORDER BY id").pluck().all()).toEqual([
      "up",
      "down",
    ]);
    db.close();

    const restarted = appWith(dbPath).app;
    const again = await admin(request(restarted).get("/api/feedback")).expect(200);
    expect(again.body.feedback).toHaveLength(2);
  });

  it.each([
    ["an unknown rating", { question: "q", answer: "a", rating: "meh" }],
    ["a blank answer", { question: "q", answer: " ", rating: "up" }],
    ["a question over 1000 characters", { question: "q".repeat(1001), answer: "a", rating: "up" }],
    [
      "an answer over 20000 characters",
      { question: "q", answer: "a".repeat(20_001), rating: "up" },
    ],
    [
      "a comment over 2000 characters",
      { question: "q", answer: "a", rating: "up", comment: "c".repeat(2001) },
    ],
    ["a missing rating", { question: "q", answer: "a" }],
  ])("rejects %s with 400", async (_name, body) => {
    const { app } = appWith(join(scratch, `${crypto.randomUUID()}.sqlite`), {
      ADMIN_TOKEN,
      BODY_LIMIT: "64kb",
    });
    const res = await request(app).post("/api/feedback").send(body).expect(400);
    expect(res.body.error.code).toBe("invalid_input");
  });
});

describe("retrying a rating under an idempotency key", () => {
  const { app } = appWith(join(scratch, "idempotency.sqlite"));
  const rating = { question: QUESTION, answer: "an answer", rating: "up" };

  it("answers a retry with the first result, from the header or the body, and stores it once", async () => {
    const first = await request(app)
      .post("/api/feedback")
      .set("Idempotency-Key", "3f1c9a52-header")
      .send(rating)
      .expect(201);
    expect(first.headers["idempotent-replayed"]).toBeUndefined();
    const retry = await request(app)
      .post("/api/feedback")
      .set("Idempotency-Key", "3f1c9a52-header")
      .send(rating)
      .expect(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    // The same key in the body is the same key.
    const inBody = await request(app)
      .post("/api/feedback")
      .send({ ...rating, idempotencyKey: "3f1c9a52-header" })
      .expect(201);
    expect(inBody.body).toEqual(first.body);
    const exported = await admin(request(app).get("/api/feedback")).expect(200);
    expect(exported.body.feedback).toHaveLength(1);
  });

  it("refuses a key reused for another rating (422) and keys that disagree or are malformed (400)", async () => {
    await request(app)
      .post("/api/feedback")
      .send({ ...rating, idempotencyKey: "reused-key" })
      .expect(201);
    const reused = await request(app)
      .post("/api/feedback")
      .send({ ...rating, rating: "down", idempotencyKey: "reused-key" })
      .expect(422);
    expect(reused.body.error.code).toBe("idempotency_key_reused");
    const disagree = await request(app)
      .post("/api/feedback")
      .set("Idempotency-Key", "one")
      .send({ ...rating, idempotencyKey: "two" })
      .expect(400);
    expect(disagree.body.error.message).toContain("idempotencyKey");
    for (const bad of ["with space", "x".repeat(256)]) {
      const res = await request(app)
        .post("/api/feedback")
        .set("Idempotency-Key", bad)
        .send(rating)
        .expect(400);
      expect(res.body.error.message).toContain("Idempotency-Key header");
    }
  });
});

describeWith(["postgres"])("a rating whose PostgreSQL connection stalls", () => {
  it("answers 503 saying it may have been stored, and the retry under its key gets the stored one", async () => {
    const { proxy, url, close } = await databaseBehindProxy();
    const { app, feedback } = appWith(
      "unused",
      { ADMIN_TOKEN },
      { databaseUrl: url, busyTimeoutMs: 500, queryTimeoutMs: 500 },
    );
    try {
      await feedback.opened;
      const rating = { question: QUESTION, answer: "an answer", rating: "down" };
      proxy.freeze();
      const stalled = await request(app)
        .post("/api/feedback")
        .set("Idempotency-Key", "stalled-1")
        .send(rating)
        .expect(503);
      expect(stalled.body.error.code).toBe("feedback_unavailable");
      expect(stalled.body.error.message).toContain("may have been stored");
      proxy.thaw();
      // The insert sent before the 503 commits once the network flows again.
      const stored = async () =>
        (await admin(request(app).get("/api/feedback"))).body.feedback as Array<{ id: number }>;
      await expect.poll(async () => (await stored())?.length, { timeout: 15_000 }).toBe(1);
      const retry = await request(app)
        .post("/api/feedback")
        .set("Idempotency-Key", "stalled-1")
        .send(rating)
        .expect(201);
      expect(retry.headers["idempotent-replayed"]).toBe("true");
      const rows = await stored();
      expect(rows).toHaveLength(1);
      expect(retry.body.id).toBe(rows[0]?.id);
    } finally {
      await feedback.close();
      await close();
    }
  });
});

describe("the feedback export's admin token", () => {
  const { app } = appWith(join(scratch, "auth.sqlite"));

  it("answers 401 without a token or with a wrong one", async () => {
    const missing = await request(app).get("/api/feedback").expect(401);
    expect(missing.body.error.code).toBe("unauthorized");
    expect(missing.headers["www-authenticate"]).toMatch(/^Bearer/);
    await request(app)
      .get("/api/feedback")
      .set("Authorization", `Bearer ${ADMIN_TOKEN}x`)
      .expect(401);
    await request(app).get("/api/feedback").set("Authorization", ADMIN_TOKEN).expect(401);
    await request(app)
      .get("/api/feedback")
      .set("Authorization", `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString("base64")}`)
      .expect(401);
  });

  it("rejects an unknown export format with 400", async () => {
    const res = await admin(request(app).get("/api/feedback?format=xml")).expect(400);
    expect(res.body.error.message).toContain("format");
  });

  it("answers 403 when no ADMIN_TOKEN is configured, whatever the request says", async () => {
    const open = appWith(join(scratch, "no-admin.sqlite"), {}).app;
    const res = await admin(request(open).get("/api/feedback")).expect(403);
    expect(res.body.error.code).toBe("admin_disabled");
    // Rating still works without an admin.
    await request(open)
      .post("/api/feedback")
      .send({ question: "q", answer: "a", rating: "up" })
      .expect(201);
  });
});

describe("an unusable feedback database", () => {
  it("answers 503 while another writer holds the lock, and asking still works", async () => {
    const dbPath = join(scratch, "locked.sqlite");
    const { app } = appWith(dbPath);
    await request(app)
      .post("/api/feedback")
      .send({ question: "q", answer: "a", rating: "up" })
      .expect(201);

    const other = new Database(dbPath);
    other.exec("BEGIN IMMEDIATE");
    try {
      const refused = await request(app)
        .post("/api/feedback")
        .send({ question: "q", answer: "a", rating: "down" })
        .expect(503);
      expect(refused.body.error.code).toBe("feedback_unavailable");
      const answered = await request(app).post("/api/ask").send({ question: QUESTION }).expect(200);
      expect(answered.body.grounded).toBe(true);
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
    await request(app)
      .post("/api/feedback")
      .send({ question: "q", answer: "a", rating: "down" })
      .expect(201);
  });

  it("answers 503 when the file is not a SQLite database", async () => {
    const dbPath = join(scratch, "corrupt.sqlite");
    writeFileSync(
      dbPath,
      "this is not a database, just text that happens to be long enough".repeat(20),
    );
    const { app } = appWith(dbPath);
    const res = await request(app)
      .post("/api/feedback")
      .send({ question: "q", answer: "a", rating: "up" })
      .expect(503);
    expect(res.body.error.code).toBe("feedback_unavailable");
    await request(app).post("/api/ask").send({ question: QUESTION }).expect(200);
  });

  it("answers 503 when the database cannot be opened at all, and the service stays ready", async () => {
    // A path below a regular file can never be created, whoever runs the tests.
    const blocker = join(scratch, "not-a-directory");
    writeFileSync(blocker, "");
    const { app } = appWith(join(blocker, "feedback.sqlite"));

    const post = await request(app)
      .post("/api/feedback")
      .send({ question: "q", answer: "a", rating: "up" })
      .expect(503);
    expect(post.body).toEqual({
      error: { code: "feedback_unavailable", message: expect.any(String) },
    });
    await admin(request(app).get("/api/feedback")).expect(503);
    await request(app).get("/readyz").expect(200);
    await request(app).post("/api/ask").send({ question: QUESTION }).expect(200);
  });
});
