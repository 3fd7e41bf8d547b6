import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { schemaMigrations } from "../../src/feedback/migrations.js";
import {
  type FeedbackRecord,
  type FeedbackStore,
  FeedbackUnavailableError,
  IdempotencyKeyReusedError,
  openFeedbackStore,
} from "../../src/feedback/store.js";
import { databaseBehindProxy, describeWith } from "../support/services.js";

/** Every version of the schema, each applied once. */
const MIGRATIONS = Object.keys(schemaMigrations("sqlite")).length;
const scratch = mkdtempSync(join(tmpdir(), "briefwijzer-store-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** One engine under the contract: how to open a fresh store, break its database and repair it. */
interface EngineUnderTest {
  name: string;
  describe: typeof describe | typeof describe.skip;
  /** A location of a fresh, empty database; several stores may open the same one. */
  fresh(): Promise<{
    open(): FeedbackStore;
    breakIt(): Promise<void>;
    repair(): Promise<void>;
    /** The database comes back empty: every table gone, the migrations' record too. */
    empty(): Promise<void>;
    /** How many ratings the database itself holds under this idempotency key. */
    rowsWithKey(key: string): Promise<number>;
    migrationsApplied(): Promise<number>;
    cleanup(): Promise<void>;
  }>;
}

const sqlite: EngineUnderTest = {
  name: "embedded SQLite",
  describe,
  fresh: async () => {
    const dir = mkdtempSync(join(scratch, "sqlite-"));
    const path = join(dir, "feedback.sqlite");
    const Database = (await import("better-sqlite3")).default;
    return {
      open: () => openFeedbackStore({ path, busyTimeoutMs: 50 }),
      // Replaced on disk by something that is not a database, as a bad restore would.
      breakIt: async () => {
        rmSync(path, { force: true });
        writeFileSync(path, "this is not a SQLite database, just text ".repeat(200));
      },
      repair: async () => rmSync(path, { force: true }),
      empty: async () => {
        const db = new Database(path);
        try {
          const tables = db
            .prepare(
              "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            )
            .pluck()
            .all() as string[];
          for (const table of tables) db.exec(`DROP TABLE "${table}"`);
        } finally {
          db.close();
        }
      },
      rowsWithKey: async (key) => {
        const db = new Database(path, { readonly: true });
        try {
          return db
            .prepare("SELECT count(*) FROM feedback WHERE idempotency_key = ?")
            .pluck()
            .get(key) as number;
        } finally {
          db.close();
        }
      },
      migrationsApplied: async () => {
        const db = new Database(path, { readonly: true });
        try {
          return (db.prepare("SELECT count(*) AS n FROM kysely_migration").get() as { n: number })
            .n;
        } finally {
          db.close();
        }
      },
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
};

/** Rows in `from` (a table and its conditions), read directly; undefined when the table is missing. */
async function count(
  url: string,
  from: string,
  values: unknown[] = [],
): Promise<number | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM ${from}`, values);
    return rows[0].n as number;
  } catch (error) {
    if ((error as { code?: string }).code === "42P01") return undefined;
    throw error;
  } finally {
    await client.end();
  }
}

const postgres: EngineUnderTest = {
  name: "PostgreSQL",
  describe: describeWith(["postgres"]),
  fresh: async () => {
    // Through a proxy, so that the server can "go away" for this test alone.
    const { database, proxy, url, close } = await databaseBehindProxy();
    return {
      open: () => openFeedbackStore({ databaseUrl: url, path: "unused", busyTimeoutMs: 500 }),
      breakIt: async () => proxy.cut(),
      repair: async () => proxy.restore(),
      empty: () => database.recreate(),
      rowsWithKey: async (key) =>
        (await count(database.url, "feedback WHERE idempotency_key = $1", [key])) ?? 0,
      migrationsApplied: async () => (await count(database.url, "kysely_migration")) ?? 0,
      cleanup: close,
    };
  },
};

for (const engine of [sqlite, postgres]) {
  engine.describe(`the feedback store contract: ${engine.name}`, () => {
    const opened: Array<() => Promise<void>> = [];
    afterAll(async () => {
      for (const close of opened.reverse()) await close();
    });
    async function setup() {
      const location = await engine.fresh();
      const stores: FeedbackStore[] = [];
      opened.push(async () => {
        await Promise.all(stores.map((store) => store.close()));
        await location.cleanup();
      });
      const open = () => {
        const store = location.open();
        stores.push(store);
        return store;
      };
      return { location, open };
    }

    it("stores ratings and lists them oldest first, with ISO times and optional comments", async () => {
      const { open } = await setup();
      const store = open();
      await store.opened;
      const before = Date.now();
      const { id: first } = await store.add({ question: "Q1", answer: "A1", rating: "up" });
      const { id: second } = await store.add({
        question: "Wat deed NL? 🇳🇱",
        answer: "“quoted”, with, commas",
        rating: "down",
        comment: "te vaag",
      });
      expect(second).toBeGreaterThan(first);
      const records = await store.list();
      expect(records.map(({ createdAt: _, ...rest }) => rest)).toEqual([
        { id: first, question: "Q1", answer: "A1", rating: "up" },
        {
          id: second,
          question: "Wat deed NL? 🇳🇱",
          answer: "“quoted”, with, commas",
          rating: "down",
          comment: "te vaag",
        },
      ]);
      for (const record of records) {
        expect(record.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        expect(Date.parse(record.createdAt)).toBeGreaterThanOrEqual(before - 5_000);
      }
    });

    it("migrates once when several stores (replicas) open the same new database together", async () => {
      const { location, open } = await setup();
      const stores = Array.from({ length: 4 }, open);
      const ids = await Promise.all(
        stores.map(
          async (store, i) =>
            (await store.add({ question: `Q${i}`, answer: "A", rating: "up" })).id,
        ),
      );
      expect(new Set(ids).size).toBe(4);
      expect(await location.migrationsApplied()).toBe(MIGRATIONS);
      expect(await stores[0]?.list()).toHaveLength(4);
    });

    it("imports records with their times, skipping those already there", async () => {
      const { open } = await setup();
      const store = open();
      const records: FeedbackRecord[] = [
        { id: 7, createdAt: "2025-01-02T03:04:05.678Z", question: "Q", answer: "A", rating: "up" },
        {
          id: 9,
          createdAt: "2025-01-03T00:00:00.000Z",
          question: "Q2",
          answer: "A2",
          rating: "down",
          comment: "c",
        },
      ];
      expect(await store.importRecords(records)).toBe(2);
      expect(await store.importRecords(records)).toBe(0);
      const listed = await store.list();
      expect(listed.map(({ id: _, ...rest }) => rest)).toEqual(
        records.map(({ id: _, ...rest }) => rest),
      );
    });

    it("refuses with FeedbackUnavailableError while the database is broken, and recovers by itself", async () => {
      const { location, open } = await setup();
      const store = open();
      await store.add({ question: "before", answer: "A", rating: "up" });
      await location.breakIt();
      await expect(store.add({ question: "during", answer: "A", rating: "up" })).rejects.toThrow(
        FeedbackUnavailableError,
      );
      await expect(store.list()).rejects.toThrow(FeedbackUnavailableError);
      await location.repair();
      const { id } = await store.add({ question: "after", answer: "A", rating: "down" });
      expect(id).toBeGreaterThan(0);
      expect((await store.list()).map((r) => r.question)).toContain("after");
    });

    it("answers a rating sent again under its idempotency key with the first one, storing it once", async () => {
      const { location, open } = await setup();
      const [one, other] = [open(), open()];
      const rating = { question: "Q", answer: "A", rating: "up", idempotencyKey: "key-1" } as const;
      const first = await one.add(rating);
      expect(first.replayed).toBe(false);
      // Another replica gets the retry.
      expect(await other.add(rating)).toEqual({ id: first.id, replayed: true });
      expect(await location.rowsWithKey("key-1")).toBe(1);
      // A second rating under the same key is a client's mistake, not a retry.
      await expect(other.add({ ...rating, rating: "down" })).rejects.toThrow(
        IdempotencyKeyReusedError,
      );
      // Ratings without a key never collide.
      const keyless = { question: "Q", answer: "A", rating: "up" } as const;
      const [a, b] = [await one.add(keyless), await one.add(keyless)];
      expect(b.id).not.toBe(a.id);
      expect(await one.list()).toHaveLength(3);
    });

    it("migrates again when the database comes back empty, on every store, and carries on", async () => {
      const { location, open } = await setup();
      const stores = [open(), open()];
      for (const store of stores)
        await store.add({ question: "before", answer: "A", rating: "up" });
      await location.empty();
      // Each store notices on its own next operation; the migrations run once.
      const after = await Promise.all(
        stores.map((store, i) => store.add({ question: `after ${i}`, answer: "A", rating: "up" })),
      );
      expect(after.every(({ replayed }) => !replayed)).toBe(true);
      expect(await location.migrationsApplied()).toBe(MIGRATIONS);
      expect((await stores[0]?.list())?.map((r) => r.question).sort()).toEqual([
        "after 0",
        "after 1",
      ]);
    });

    it("says it is closed after close()", async () => {
      const { open } = await setup();
      const store = open();
      await store.close();
      await expect(store.list()).rejects.toThrow(FeedbackUnavailableError);
    });
  });
}

describeWith(["postgres"])("PostgreSQL: a rating whose connection stalls", () => {
  it("is reported as possibly stored, and a retry under its key stores it once", async () => {
    const { database, proxy, url, close } = await databaseBehindProxy();
    const store = openFeedbackStore({
      databaseUrl: url,
      path: "unused",
      busyTimeoutMs: 500,
      queryTimeoutMs: 500,
    });
    try {
      await store.add({ question: "warm-up", answer: "A", rating: "up" });
      const rating = { question: "Q", answer: "A", rating: "down", idempotencyKey: "k-9" } as const;
      proxy.freeze();
      const sent = await store.add(rating).catch((error: unknown) => error);
      expect(sent).toBeInstanceOf(FeedbackUnavailableError);
      expect((sent as FeedbackUnavailableError).mayHaveBeenStored).toBe(true);
      // The client retries while the network still stalls: no better news.
      await expect(store.add(rating)).rejects.toThrow(FeedbackUnavailableError);
      proxy.thaw();
      // What was sent arrives and commits after the client was told 503.
      await expect
        .poll(() => count(database.url, "feedback WHERE idempotency_key = 'k-9'"), {
          timeout: 15_000,
        })
        .toBe(1);
      const retried = await store.add(rating);
      expect(retried.replayed).toBe(true);
      expect(await count(database.url, "feedback WHERE idempotency_key = 'k-9'")).toBe(1);
      expect(await count(database.url, "feedback")).toBe(2);

      // A database that cannot be reached at all stored nothing, and says so.
      proxy.cut();
      const unreachable = openFeedbackStore({
        databaseUrl: url,
        path: "unused",
        busyTimeoutMs: 500,
      });
      const refused = await unreachable.add(rating).catch((error: unknown) => error);
      await unreachable.close();
      expect(refused).toBeInstanceOf(FeedbackUnavailableError);
      expect((refused as FeedbackUnavailableError).mayHaveBeenStored).toBe(false);
    } finally {
      await store.close();
      await close();
    }
  });
});
