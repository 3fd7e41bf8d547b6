import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import type { Logger } from "../logger.js";
import { type FeedbackTables, type SqlEngine, schemaMigrations } from "./migrations.js";

export interface FeedbackInput {
  question: string;
  answer: string;
  rating: "up" | "down";
  comment?: string;
}

export interface FeedbackRecord extends FeedbackInput {
  id: number;
  /** ISO 8601, UTC. */
  createdAt: string;
}

/** Where ratings live: the embedded SQLite file of one process, or PostgreSQL shared by replicas. */
export interface FeedbackStore {
  readonly engine: SqlEngine;
  /** Settles (never rejects) once the first attempt to open and migrate the database is over. */
  readonly opened: Promise<void>;
  /** Stores one rating and returns its id. Rejects with FeedbackUnavailableError when the database cannot take it. */
  add(feedback: FeedbackInput): Promise<number>;
  /** Every rating, oldest first. */
  list(): Promise<FeedbackRecord[]>;
  /**
   * Copies ratings from another store, keeping their time; a rating already present (same time,
   * question, answer and rating) is skipped, so that a copy can be run again. Returns how many were added.
   */
  importRecords(records: readonly FeedbackRecord[]): Promise<number>;
  close(): Promise<void>;
}

/** The database is missing, read-only, locked, broken or unreachable: feedback is refused, the rest of the service works on. */
export class FeedbackUnavailableError extends Error {
  override name = "FeedbackUnavailableError";
}

export interface FeedbackStoreOptions {
  /** PostgreSQL when set; otherwise the SQLite file at `path`. */
  databaseUrl?: string;
  path: string;
  /** How long a write waits for another writer's lock (SQLite) or for a connection (PostgreSQL). */
  busyTimeoutMs?: number;
  logger?: Logger;
  /** Told about every failed operation, for the storage-error metric. */
  onError?: (engine: SqlEngine) => void;
}

interface Engine {
  kind: SqlEngine;
  open(): Kysely<FeedbackTables>;
  /**
   * Whether a failure should drop the connection: a SQLite file replaced or repaired on disk is
   * only seen by a fresh handle, while a PostgreSQL pool replaces broken connections itself.
   */
  reopenAfterError: boolean;
}

/**
 * SQLite with a rollback journal and no memory mapping. WAL mode memory-maps a `-shm` file, and a
 * process whose mapped file is truncated underneath it dies of SIGBUS on the next access; the
 * rollback journal reads and writes with plain system calls, so a damaged file can only produce
 * an error. Ratings are rare and tiny, so WAL's concurrency is not missed.
 */
function sqliteEngine(path: string, busyTimeoutMs: number): Engine {
  return {
    kind: "sqlite",
    reopenAfterError: true,
    open: () =>
      new Kysely<FeedbackTables>({
        dialect: new SqliteDialect({
          database: async () => {
            mkdirSync(dirname(path), { recursive: true });
            const db = new Database(path);
            try {
              db.pragma("mmap_size = 0");
              db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
              db.pragma("journal_mode = DELETE");
              return db;
            } catch (error) {
              db.close();
              throw error;
            }
          },
        }),
      }),
  };
}

function postgresEngine(url: string, busyTimeoutMs: number, logger?: Logger): Engine {
  return {
    kind: "postgres",
    reopenAfterError: false,
    open: () => {
      const pool = new pg.Pool({
        connectionString: url,
        max: 4,
        connectionTimeoutMillis: busyTimeoutMs,
        query_timeout: 10_000,
        idleTimeoutMillis: 30_000,
      });
      // A connection that dies (a restarted server, a cut network) is reported as an "error"
      // event, by the pool while the connection is idle and by the connection itself while it is
      // in use; unheard, either would crash the process. The query in flight fails on its own.
      const lost = (error: Error) =>
        logger?.warn({ err: error }, "PostgreSQL connection lost; it will be replaced");
      pool.on("error", lost);
      pool.on("connect", (client) => client.on("error", lost));
      return new Kysely<FeedbackTables>({ dialect: new PostgresDialect({ pool }) });
    },
  };
}

/**
 * One store over either engine. The database is opened and migrated lazily and again after a
 * failed attempt, so that a disk repaired or a database server back while the service runs is
 * picked up without a restart.
 */
class SqlFeedbackStore implements FeedbackStore {
  private db: Promise<Kysely<FeedbackTables>> | undefined;
  private closed = false;
  readonly opened: Promise<void>;

  constructor(
    private readonly source: Engine,
    private readonly options: FeedbackStoreOptions,
  ) {
    this.opened = this.tryOpen();
  }

  get engine(): SqlEngine {
    return this.source.kind;
  }

  /** Opens now, so that a broken database is reported at start-up, not at the first rating. */
  private async tryOpen(): Promise<void> {
    try {
      await this.connect();
    } catch (error) {
      this.options.logger?.warn(
        { err: error, engine: this.engine },
        "feedback database unavailable; feedback will be refused until it can be opened",
      );
    }
  }

  private connect(): Promise<Kysely<FeedbackTables>> {
    if (this.closed) {
      return Promise.reject(new FeedbackUnavailableError("The feedback store is closed."));
    }
    this.db ??= this.openAndMigrate().catch((error: unknown) => {
      this.db = undefined;
      throw new FeedbackUnavailableError("The feedback database cannot be opened.", {
        cause: error,
      });
    });
    return this.db;
  }

  private async openAndMigrate(): Promise<Kysely<FeedbackTables>> {
    const db = this.source.open();
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => schemaMigrations(this.engine) },
    });
    try {
      let { error } = await migrator.migrateToLatest();
      // PostgreSQL's migrations run under an advisory lock; SQLite has no lock across processes,
      // so another one may apply a version between our check and our write. A second pass then
      // finds it applied.
      if (error) ({ error } = await migrator.migrateToLatest());
      if (error) throw error;
      return db;
    } catch (error) {
      await db.destroy().catch(() => undefined);
      throw error;
    }
  }

  private async run<T>(action: (db: Kysely<FeedbackTables>) => Promise<T>): Promise<T> {
    let db: Kysely<FeedbackTables>;
    try {
      db = await this.connect();
    } catch (error) {
      this.options.onError?.(this.engine);
      throw error;
    }
    try {
      return await action(db);
    } catch (error) {
      this.options.onError?.(this.engine);
      if (this.source.reopenAfterError && !this.closed) {
        this.db = undefined;
        await db.destroy().catch(() => undefined);
      }
      throw new FeedbackUnavailableError("The feedback database refused the operation.", {
        cause: error,
      });
    }
  }

  add(feedback: FeedbackInput): Promise<number> {
    const { question, answer, rating, comment } = feedback;
    return this.run(async (db) => {
      const row = await db
        .insertInto("feedback")
        .values({ question, answer, rating, comment: comment ?? null })
        .returning("id")
        .executeTakeFirstOrThrow();
      return Number(row.id);
    });
  }

  list(): Promise<FeedbackRecord[]> {
    return this.run(async (db) => {
      const rows = await db.selectFrom("feedback").selectAll().orderBy("id").execute();
      return rows.map((row) => ({
        id: Number(row.id),
        // PostgreSQL hands back a Date, SQLite the ISO text it stored.
        createdAt: new Date(row.created_at).toISOString(),
        question: row.question,
        answer: row.answer,
        rating: row.rating,
        ...(row.comment === null ? {} : { comment: row.comment }),
      }));
    });
  }

  async importRecords(records: readonly FeedbackRecord[]): Promise<number> {
    const identity = (r: Omit<FeedbackRecord, "id">) =>
      JSON.stringify([r.createdAt, r.question, r.answer, r.rating]);
    const present = new Set((await this.list()).map(identity));
    const missing = records.filter((record) => !present.has(identity(record)));
    if (missing.length === 0) return 0;
    return this.run(async (db) => {
      await db.transaction().execute(async (trx) => {
        for (const record of missing) {
          await trx
            .insertInto("feedback")
            .values({
              created_at: record.createdAt,
              question: record.question,
              answer: record.answer,
              rating: record.rating,
              comment: record.comment ?? null,
            })
            .execute();
        }
      });
      return missing.length;
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const db = this.db;
    this.db = undefined;
    await (await db?.catch(() => undefined))?.destroy();
  }
}

/** Starts opening (creating and migrating the schema as needed) the feedback database. Never throws. */
export function openFeedbackStore(options: FeedbackStoreOptions): FeedbackStore {
  const busyTimeoutMs = options.busyTimeoutMs ?? 2000;
  const engine = options.databaseUrl
    ? postgresEngine(options.databaseUrl, busyTimeoutMs, options.logger)
    : sqliteEngine(options.path, busyTimeoutMs);
  return new SqlFeedbackStore(engine, options);
}
