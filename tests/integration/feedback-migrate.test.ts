import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, expect, it } from "vitest";
import { openFeedbackStore } from "../../src/feedback/store.js";
import { describeWith, temporaryDatabase } from "../support/services.js";

const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), "briefwijzer-migrate-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** `npm run feedback:migrate`, with only the given environment. */
function migrate(env: Record<string, string>, args: string[] = []) {
  return run(process.execPath, ["--import", "tsx", "src/cli/feedback-migrate.ts", ...args], {
    env: { PATH: process.env.PATH, NODE_ENV: "test", LOG_LEVEL: "silent", ...env },
  });
}

describeWith(["postgres"])("npm run feedback:migrate", () => {
  it("copies a SQLite file written by an earlier version into PostgreSQL, once", async () => {
    // A file as the single-process server wrote it before migrations existed: WAL mode, no
    // migration table.
    const path = join(scratch, "feedback.sqlite");
    const old = new Database(path);
    old.pragma("journal_mode = WAL");
    old.exec(`CREATE TABLE feedback (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
      question TEXT NOT NULL, answer TEXT NOT NULL,
      rating TEXT NOT NULL CHECK (rating IN ('up', 'down')), comment TEXT)`);
    const insert = old.prepare(
      "INSERT INTO feedback (created_at, question, answer, rating, comment) VALUES (?, ?, ?, ?, ?)",
    );
    insert.run("2025-03-01T10:00:00.000Z", "Wat deed NL?", "Het antwoord", "up", null);
    insert.run("2025-03-02T11:30:15.250Z", "SLAPPs?", "Quote, “with” commas", "down", "vaag");
    old.close();

    const database = await temporaryDatabase();
    try {
      const first = await migrate({ FEEDBACK_DB_PATH: path, DATABASE_URL: database.url });
      expect(first.stdout).toContain("2 ratings");
      expect(first.stdout).toContain("2 copied");
      const again = await migrate({ DATABASE_URL: database.url }, ["--from", path]);
      expect(again.stdout).toContain("0 copied, 2 already there");

      const target = openFeedbackStore({ databaseUrl: database.url, path: "unused" });
      try {
        expect((await target.list()).map(({ id: _, ...rest }) => rest)).toEqual([
          {
            createdAt: "2025-03-01T10:00:00.000Z",
            question: "Wat deed NL?",
            answer: "Het antwoord",
            rating: "up",
          },
          {
            createdAt: "2025-03-02T11:30:15.250Z",
            question: "SLAPPs?",
            answer: "Quote, “with” commas",
            rating: "down",
            comment: "vaag",
          },
        ]);
      } finally {
        await target.close();
      }
    } finally {
      await database.drop();
    }
  });

  it("explains its usage without a target, and names a missing source", async () => {
    await expect(migrate({ FEEDBACK_DB_PATH: join(scratch, "x.sqlite") })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("DATABASE_URL"),
    });
    await expect(
      migrate({ DATABASE_URL: "postgres://127.0.0.1:5432/none" }, ["--from", "/nonexistent.db"]),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining("/nonexistent.db") });
  });
});
