import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { Logger } from "../logger.js";

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

export interface FeedbackStore {
  /** Stores one rating and returns its id. Throws FeedbackUnavailableError when the database cannot take it. */
  add(feedback: FeedbackInput): number;
  /** Every rating, oldest first. */
  list(): FeedbackRecord[];
  close(): void;
}

/** The database is missing, read-only, locked or broken: feedback is refused, the rest of the service works on. */
export class FeedbackUnavailableError extends Error {
  override name = "FeedbackUnavailableError";
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS feedback (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
  comment TEXT
)`;

interface Row {
  id: number;
  created_at: string;
  question: string;
  answer: string;
  rating: "up" | "down";
  comment: string | null;
}

interface Connection {
  db: Database.Database;
  insert: Database.Statement<[string, string, string, string | null]>;
  selectAll: Database.Statement<[], Row>;
}

export interface FeedbackStoreOptions {
  path: string;
  /** How long a write waits for another writer's lock before giving up. */
  busyTimeoutMs?: number;
  logger?: Logger;
}

/**
 * Feedback in a SQLite file (WAL, so that exports never block ratings). The file is opened
 * lazily and again after a failed open, so that a disk fixed while the service runs is picked up
 * without a restart.
 */
class SqliteFeedbackStore implements FeedbackStore {
  private connection: Connection | undefined;
  private closed = false;

  constructor(private readonly options: FeedbackStoreOptions) {}

  /** Opens now, so that a broken database path is reported at start-up, not at the first rating. */
  tryOpen(): void {
    try {
      this.connect();
    } catch (error) {
      this.options.logger?.warn(
        { err: error, path: this.options.path },
        "feedback database unavailable; feedback will be refused until it can be opened",
      );
    }
  }

  private connect(): Connection {
    if (this.closed) throw new FeedbackUnavailableError("The feedback store is closed.");
    if (this.connection) return this.connection;
    let db: Database.Database | undefined;
    try {
      mkdirSync(dirname(this.options.path), { recursive: true });
      db = new Database(this.options.path);
      db.pragma(`busy_timeout = ${Math.trunc(this.options.busyTimeoutMs ?? 2000)}`);
      db.pragma("journal_mode = WAL");
      db.exec(SCHEMA);
      this.connection = {
        db,
        insert: db.prepare(
          "INSERT INTO feedback (question, answer, rating, comment) VALUES (?, ?, ?, ?)",
        ),
        selectAll: db.prepare<[], Row>("SELECT * FROM feedback ORDER BY id"),
      };
      return this.connection;
    } catch (error) {
      db?.close();
      throw new FeedbackUnavailableError("The feedback database cannot be opened.", {
        cause: error,
      });
    }
  }

  private run<T>(action: (connection: Connection) => T): T {
    const connection = this.connect();
    try {
      return action(connection);
    } catch (error) {
      throw new FeedbackUnavailableError("The feedback database refused the operation.", {
        cause: error,
      });
    }
  }

  add(feedback: FeedbackInput): number {
    return this.run(({ insert }) => {
      const { question, answer, rating, comment } = feedback;
      return Number(insert.run(question, answer, rating, comment ?? null).lastInsertRowid);
    });
  }

  list(): FeedbackRecord[] {
    return this.run(({ selectAll }) =>
      selectAll.all().map((row) => ({
        id: row.id,
        createdAt: row.created_at,
        question: row.question,
        answer: row.answer,
        rating: row.rating,
        ...(row.comment === null ? {} : { comment: row.comment }),
      })),
    );
  }

  close(): void {
    this.closed = true;
    this.connection?.db.close();
    this.connection = undefined;
  }
}

/** Opens (creating the directory, file and schema as needed) the feedback database. Never throws. */
export function openFeedbackStore(options: FeedbackStoreOptions): FeedbackStore {
  const store = new SqliteFeedbackStore(options);
  store.tryOpen();
  return store;
}
