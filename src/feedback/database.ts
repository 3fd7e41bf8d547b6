import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import type { DatabaseError } from "pg";
import type { Logger } from "../logger.js";
import { type SqlEngine, schemaMigrations, type Tables } from "./migrations.js";

/**
 * The database is missing, read-only, locked, broken or unreachable: feedback (and the question
 * log) is refused, the rest of the service works on.
 */
export class FeedbackUnavailableError extends Error {
  override name = "FeedbackUnavailableError";
  constructor(
    message: string,
    options: {
      cause?: unknown;
      /**
       * A write was sent and its outcome never came back (a timeout, a connection lost mid-query):
       * it may still commit. Only a retry with the same idempotency key is then safe.
       */
      mayHaveBeenStored?: boolean;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.mayHaveBeenStored = options.mayHaveBeenStored ?? false;
  }
  readonly mayHaveBeenStored: boolean;
}

export interface DatabaseOptions {
  /** PostgreSQL when set; otherwise the SQLite file at `path`. */
  databaseUrl?: string;
  path: string;
  /** How long a write waits for another writer's lock (SQLite) or for a connection (PostgreSQL). */
  busyTimeoutMs?: number;
  /** How long a PostgreSQL statement may take before it is given up on (default 10 s). */
  queryTimeoutMs?: number;
  logger?: Logger;
  /** Told about every failed operation, for the storage-error metric. */
  onError?: (engine: SqlEngine) => void;
}

/** One database, opened and migrated lazily, shared by the feedback store and the question log. */
export interface SqlDatabase {
  readonly engine: SqlEngine;
  /** Settles (never rejects) once the first attempt to open and migrate the database is over. */
  readonly opened: Promise<void>;
  /**
   * Runs `action` on the database; any failure becomes a FeedbackUnavailableError. A database
   * that came back empty (dropped and created again, a file replaced) is migrated again and the
   * action retried once.
   */
  run<T>(action: (db: Kysely<Tables>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

interface Engine {
  kind: SqlEngine;
  open(): Kysely<Tables>;
  /**
   * Whether a failure should drop the connection: a SQLite file replaced or repaired on disk is
   * only seen by a fresh handle, while a PostgreSQL pool replaces broken connections itself.
   */
  reopenAfterError: boolean;
  /**
   * Whether a statement that failed once a connection was had may still have run: on PostgreSQL,
   * when the server said nothing (a read timeout, a connection lost mid-query), so it may yet
   * commit. An error the server reported means the statement did not.
   */
  mayHaveRun(error: unknown): boolean;
}

/**
 * SQLite with a rollback journal and no memory mapping. WAL mode memory-maps a `-shm` file, and a
 * process whose mapped file is truncated underneath it dies of SIGBUS on the next access; the
 * rollback journal reads and writes with plain system calls, so a damaged file can only produce
 * an error. Ratings are rare and tiny, and the question log writes in batches, so WAL's
 * concurrency is not missed.
 */
function sqliteEngine(path: string, busyTimeoutMs: number): Engine {
  return {
    kind: "sqlite",
    reopenAfterError: true,
    mayHaveRun: () => false,
    open: () =>
      new Kysely<Tables>({
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

/**
 * The PostgreSQL client is imported when the pool is first needed: a server on SQLite, the
 * default, would otherwise hold it resident (a few megabytes, `npm run bench`) for nothing.
 */
function postgresEngine(
  url: string,
  busyTimeoutMs: number,
  queryTimeoutMs: number,
  logger?: Logger,
): Engine {
  let serverError: typeof DatabaseError | undefined;
  return {
    kind: "postgres",
    reopenAfterError: false,
    // A connection was had, so the client is loaded.
    mayHaveRun: (error) => !(serverError && error instanceof serverError),
    open: () =>
      new Kysely<Tables>({
        dialect: new PostgresDialect({
          pool: async () => {
            const { default: pg } = await import("pg");
            serverError = pg.DatabaseError;
            const pool = new pg.Pool({
              connectionString: url,
              max: 4,
              connectionTimeoutMillis: busyTimeoutMs,
              query_timeout: queryTimeoutMs,
              idleTimeoutMillis: 30_000,
            });
            // A connection that dies (a restarted server, a cut network, a dropped database) is
            // reported as an "error" event, by the pool while the connection is idle and by the
            // connection itself while it is in use; unheard, either would crash the process. The
            // query in flight fails on its own.
            const lost = (error: Error) =>
              logger?.warn({ err: error }, "PostgreSQL connection lost; it will be replaced");
            pool.on("error", lost);
            pool.on("connect", (client) => client.on("error", lost));
            return pool;
          },
        }),
      }),
  };
}

/** PostgreSQL's `undefined_table`, or SQLite's message for it: the schema is gone. */
function isMissingTable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === "42P01" || (typeof message === "string" && /^no such table\b/.test(message));
}

/**
 * One database over either engine. It is opened and migrated lazily and again after a failed
 * attempt, so that a disk repaired or a database server back while the service runs is picked up
 * without a restart.
 */
class LazySqlDatabase implements SqlDatabase {
  private db: Promise<Kysely<Tables>> | undefined;
  private remigration: Promise<void> | undefined;
  private closed = false;
  readonly opened: Promise<void>;

  constructor(
    private readonly source: Engine,
    private readonly options: DatabaseOptions,
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

  private connect(): Promise<Kysely<Tables>> {
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

  private async openAndMigrate(): Promise<Kysely<Tables>> {
    const db = this.source.open();
    try {
      await this.migrate(db);
      return db;
    } catch (error) {
      await db.destroy().catch(() => undefined);
      throw error;
    }
  }

  private async migrate(db: Kysely<Tables>): Promise<void> {
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => schemaMigrations(this.engine) },
    });
    let { error } = await migrator.migrateToLatest();
    // PostgreSQL's migrations run under an advisory lock; SQLite has no lock across processes,
    // so another one may apply a version between our check and our write. A second pass then
    // finds it applied.
    if (error) ({ error } = await migrator.migrateToLatest());
    if (error) throw error;
  }

  /**
   * The schema vanished under a running service (the database dropped and created again, say):
   * migrate again, once for all the operations that noticed at the same time. On PostgreSQL the
   * migrator's advisory lock keeps two replicas from both creating the tables.
   */
  private migrateAgain(db: Kysely<Tables>): Promise<void> {
    this.remigration ??= this.migrate(db).finally(() => {
      this.remigration = undefined;
    });
    this.options.logger?.warn(
      { engine: this.engine },
      "the feedback database lost its tables; migrating it again",
    );
    return this.remigration;
  }

  async run<T>(action: (db: Kysely<Tables>) => Promise<T>): Promise<T> {
    let db: Kysely<Tables>;
    try {
      db = await this.connect();
    } catch (error) {
      this.options.onError?.(this.engine);
      throw error;
    }
    let connected = false;
    try {
      // One connection for the whole action, taken first, so that a failure can be told apart:
      // before it (nothing was sent) or after.
      return await db.connection().execute(async (connection) => {
        connected = true;
        try {
          return await action(connection);
        } catch (error) {
          if (!isMissingTable(error)) throw error;
          await this.migrateAgain(connection);
          return await action(connection);
        }
      });
    } catch (error) {
      this.options.onError?.(this.engine);
      if (this.source.reopenAfterError && !this.closed) {
        this.db = undefined;
        await db.destroy().catch(() => undefined);
      }
      throw new FeedbackUnavailableError("The feedback database refused the operation.", {
        cause: error,
        mayHaveBeenStored: connected && this.source.mayHaveRun(error),
      });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const db = this.db;
    this.db = undefined;
    await (await db?.catch(() => undefined))?.destroy();
  }
}

/** Starts opening (creating and migrating the schema as needed) the database. Never throws. */
export function openDatabase(options: DatabaseOptions): SqlDatabase {
  const busyTimeoutMs = options.busyTimeoutMs ?? 2000;
  const engine = options.databaseUrl
    ? postgresEngine(
        options.databaseUrl,
        busyTimeoutMs,
        options.queryTimeoutMs ?? 10_000,
        options.logger,
      )
    : sqliteEngine(options.path, busyTimeoutMs);
  return new LazySqlDatabase(engine, options);
}
