import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  truncateSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type ServeChild, startServeChild } from "../support/robustness.js";

const scratch = mkdtempSync(join(tmpdir(), "briefwijzer-damage-"));
const children: ServeChild[] = [];
afterAll(() => {
  for (const { child } of children) if (child.exitCode === null) child.kill("SIGKILL");
  rmSync(scratch, { recursive: true, force: true });
});

/**
 * Damage done to the real SQLite files under a running `npm start`. SQLite in WAL mode
 * memory-maps `feedback.sqlite-shm`, and a truncated mapping kills the process with SIGBUS on the
 * next rating; the store must turn every kind of damage into 503 `feedback_unavailable` while
 * questions are still answered.
 */
const DAMAGE: Array<{ name: string; damage(path: string): void }> = [
  {
    name: "the -shm file truncated",
    damage: (path) => {
      // Truncate it where WAL mode made one; create it empty where the store never needs one.
      closeSync(openSync(`${path}-shm`, "a"));
      truncateSync(`${path}-shm`, 0);
    },
  },
  { name: "the database truncated to nothing", damage: (path) => truncateSync(path, 0) },
  { name: "the database cut in half", damage: (path) => truncateSync(path, 3000) },
  {
    name: "the database header overwritten",
    damage: (path) => {
      const fd = openSync(path, "r+");
      writeSync(fd, Buffer.alloc(100, 0x5a), 0, 100, 0);
      closeSync(fd);
    },
  },
  {
    name: "the database replaced by a directory",
    damage: (path) => {
      rmSync(path, { force: true });
      rmSync(`${path}-journal`, { force: true });
      rmSync(`${path}-wal`, { force: true });
      rmSync(`${path}-shm`, { force: true });
      // A directory where the file was: nothing can open it.
      mkdirSync(path);
    },
  },
];

async function post(url: string, path: string, body: unknown) {
  const res = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function repair(path: string): void {
  for (const file of [path, `${path}-journal`, `${path}-wal`, `${path}-shm`]) {
    rmSync(file, { recursive: true, force: true });
  }
}

describe("a damaged feedback database under a running server", () => {
  it("turns every kind of damage into 503 feedback_unavailable while questions are answered, and recovers", async () => {
    const dbPath = join(scratch, "data", "feedback.sqlite");
    const server = startServeChild({ FEEDBACK_DB_PATH: dbPath, EMBED_WORKERS: "1" });
    children.push(server);
    const url = (await server.waitFor("ready")).url as string;
    const rating = { question: "What did NL do on SLAPPs?", answer: "It welcomed…", rating: "up" };
    const outcomes: Record<string, number> = {};

    for (const { name, damage } of DAMAGE) {
      // Removing the files under an open handle is damage too (SQLite refuses to write to a
      // database whose file is gone: 503); the store then opens a new database on the next rating.
      const first = await post(url, "/api/feedback", rating);
      if (first.status !== 201) {
        expect(first.status).toBe(503);
        expect((await post(url, "/api/feedback", rating)).status, `before ${name}`).toBe(201);
      }
      expect(existsSync(dbPath)).toBe(true);
      damage(dbPath);

      const after = await post(url, "/api/feedback", rating);
      expect(server.child.exitCode, `${name}: ${server.stderr.join("")}`).toBeNull();
      outcomes[name] = after.status;
      if (after.status !== 201) {
        expect(after).toEqual({
          status: 503,
          body: { error: { code: "feedback_unavailable", message: expect.any(String) } },
        });
      }
      const ask = await post(url, "/api/ask", { question: "What did NL do on SLAPPs?" });
      expect(ask.status, name).toBe(200);
      expect(ask.body.grounded).toBe(true);
      repair(dbPath);
    }
    // The shared-memory file is harmless: the store never uses one. A file truncated to nothing
    // is an empty database, which the store migrates again and writes to.
    expect(outcomes).toEqual({
      "the -shm file truncated": 201,
      "the database truncated to nothing": 201,
      "the database cut in half": 503,
      "the database header overwritten": 503,
      "the database replaced by a directory": 503,
    });
    expect(server.child.exitCode).toBeNull();
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  });
});
