import { type DatabaseOptions, openDatabase, type SqlDatabase } from "./database.js";
import type { SqlEngine } from "./migrations.js";

export { FeedbackUnavailableError } from "./database.js";

/** A 👍/👎 on an answer, as given and as exported. */
export interface Rating {
  question: string;
  answer: string;
  rating: "up" | "down";
  comment?: string;
}

/** Links a rating to the question log's record of the question it rates. */
interface QuestionLink {
  /** The id the answer came with (`X-Question-Id`). */
  questionId?: string;
}

export interface FeedbackInput extends Rating, QuestionLink {
  /**
   * The client's key for this one rating: sending it again (a retry after a timeout) is answered
   * with the rating first stored under it, never stored twice.
   */
  idempotencyKey?: string;
}

export interface FeedbackRecord extends Rating, QuestionLink {
  id: number;
  /** ISO 8601, UTC. */
  createdAt: string;
}

export interface StoredFeedback {
  id: number;
  /** The key had been used before for this same rating: nothing new was stored. */
  replayed: boolean;
}

/** An idempotency key sent again with a different rating: a client bug, answered with an error. */
export class IdempotencyKeyReusedError extends Error {
  override name = "IdempotencyKeyReusedError";
}

/** Where ratings live: the embedded SQLite file of one process, or PostgreSQL shared by replicas. */
export interface FeedbackStore {
  readonly engine: SqlEngine;
  /** The database the ratings live in, for the other tables that live beside them. */
  readonly database: SqlDatabase;
  /** Settles (never rejects) once the first attempt to open and migrate the database is over. */
  readonly opened: Promise<void>;
  /**
   * Stores one rating and returns its id. Rejects with FeedbackUnavailableError when the database
   * cannot take it, and with IdempotencyKeyReusedError when its key came with another rating.
   */
  add(feedback: FeedbackInput): Promise<StoredFeedback>;
  /** Every rating, oldest first. */
  list(): Promise<FeedbackRecord[]>;
  /**
   * Copies ratings from another store, keeping their time; a rating already present (same time,
   * question, answer and rating) is skipped, so that a copy can be run again. Returns how many were added.
   */
  importRecords(records: readonly FeedbackRecord[]): Promise<number>;
  close(): Promise<void>;
}

export type FeedbackStoreOptions = DatabaseOptions;

const sameRating = (a: Rating, b: Rating) =>
  a.question === b.question &&
  a.answer === b.answer &&
  a.rating === b.rating &&
  (a.comment ?? null) === (b.comment ?? null);

class SqlFeedbackStore implements FeedbackStore {
  constructor(readonly database: SqlDatabase) {}

  get engine(): SqlEngine {
    return this.database.engine;
  }

  get opened(): Promise<void> {
    return this.database.opened;
  }

  async add(feedback: FeedbackInput): Promise<StoredFeedback> {
    const { question, answer, rating, comment, idempotencyKey, questionId } = feedback;
    const outcome = await this.database.run(async (db) => {
      const inserted = await db
        .insertInto("feedback")
        .values({
          question,
          answer,
          rating,
          comment: comment ?? null,
          idempotency_key: idempotencyKey ?? null,
          question_id: questionId ?? null,
        })
        .onConflict((conflict) => conflict.column("idempotency_key").doNothing())
        .returning("id")
        .executeTakeFirst();
      if (inserted) return { id: Number(inserted.id), replayed: false, conflicting: false };
      // Only a key can conflict: the rating first stored under it answers the retry.
      const first = await db
        .selectFrom("feedback")
        .selectAll()
        .where("idempotency_key", "=", idempotencyKey ?? null)
        .executeTakeFirstOrThrow();
      const stored = { ...first, comment: first.comment ?? undefined };
      return { id: Number(first.id), replayed: true, conflicting: !sameRating(stored, feedback) };
    });
    if (outcome.conflicting) {
      throw new IdempotencyKeyReusedError("This idempotency key was used for another rating.");
    }
    return { id: outcome.id, replayed: outcome.replayed };
  }

  list(): Promise<FeedbackRecord[]> {
    return this.database.run(async (db) => {
      const rows = await db.selectFrom("feedback").selectAll().orderBy("id").execute();
      return rows.map((row) => ({
        id: Number(row.id),
        // PostgreSQL hands back a Date, SQLite the ISO text it stored.
        createdAt: new Date(row.created_at).toISOString(),
        question: row.question,
        answer: row.answer,
        rating: row.rating,
        ...(row.comment === null ? {} : { comment: row.comment }),
        ...(row.question_id === null ? {} : { questionId: row.question_id }),
      }));
    });
  }

  async importRecords(records: readonly FeedbackRecord[]): Promise<number> {
    const identity = (r: Omit<FeedbackRecord, "id">) =>
      JSON.stringify([r.createdAt, r.question, r.answer, r.rating]);
    const present = new Set((await this.list()).map(identity));
    const missing = records.filter((record) => !present.has(identity(record)));
    if (missing.length === 0) return 0;
    return this.database.run(async (db) => {
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
              question_id: record.questionId ?? null,
            })
            .execute();
        }
      });
      return missing.length;
    });
  }

  close(): Promise<void> {
    return this.database.close();
  }
}

/** Starts opening (creating and migrating the schema as needed) the feedback database. Never throws. */
export function openFeedbackStore(options: FeedbackStoreOptions): FeedbackStore {
  return new SqlFeedbackStore(openDatabase(options));
}
