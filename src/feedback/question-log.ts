import type { Selectable } from "kysely";
import type { Outcome } from "../answer/types.js";
import type { Language } from "../letter/types.js";
import type { SqlDatabase } from "./database.js";
import type { Tables } from "./migrations.js";
import type { Rating } from "./store.js";

/** Where a question came from. The page and the widget say which they are; other API clients are `api`. */
export const CHANNELS = ["page", "widget", "slack", "mcp", "api", "cli"] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * One question as the log keeps it: what was asked and how it went, and nothing about who asked
 * (no user, address, Slack user or channel, cookie or session).
 */
export interface QuestionRecord {
  id: string;
  /** ISO 8601, UTC, to the hour. */
  askedAt: string;
  channel: Channel;
  language: Language;
  /** Scrubbed of personal data. */
  question: string;
  outcome: Outcome;
  /** Ids of the sections the answer cites, in citation order, each once. */
  sections: string[];
  followUp: boolean;
  cacheHit: boolean;
  latencyMs: number;
}

/** A rating in a period, with the record of the question it rated when it names one still kept. */
export interface RatedAnswer extends Rating {
  /** ISO 8601, UTC. */
  createdAt: string;
  asked?: QuestionRecord;
}

export interface QuestionLogStore {
  /** Writes records, skipping any whose id is already there (two replicas never count one twice). */
  add(records: readonly QuestionRecord[]): Promise<void>;
  /** The questions asked in [from, to), oldest first. */
  between(from: Date, to: Date): Promise<QuestionRecord[]>;
  /** The ratings given in [from, to), oldest first. */
  ratingsBetween(from: Date, to: Date): Promise<RatedAnswer[]>;
  /** Deletes the questions asked before `cutoff`; returns how many. */
  deleteAskedBefore(cutoff: Date): Promise<number>;
}

/** Rows per INSERT: far below either engine's limit on bound parameters. */
const BATCH_ROWS = 200;

type QuestionRow = Selectable<Tables["questions"]>;

function fromRow(row: QuestionRow): QuestionRecord {
  return {
    id: row.id,
    // PostgreSQL hands back a Date, SQLite the ISO text it stored.
    askedAt: new Date(row.asked_at).toISOString(),
    channel: row.channel as Channel,
    language: row.language as Language,
    question: row.question,
    outcome: row.outcome as Outcome,
    sections: JSON.parse(row.sections) as string[],
    followUp: row.follow_up === 1,
    cacheHit: row.cache_hit === 1,
    latencyMs: row.latency_ms,
  };
}

class SqlQuestionLogStore implements QuestionLogStore {
  constructor(private readonly database: SqlDatabase) {}

  async add(records: readonly QuestionRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.database.run(async (db) => {
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < records.length; i += BATCH_ROWS) {
          await trx
            .insertInto("questions")
            .values(
              records.slice(i, i + BATCH_ROWS).map((r) => ({
                id: r.id,
                asked_at: r.askedAt,
                channel: r.channel,
                language: r.language,
                question: r.question,
                outcome: r.outcome,
                sections: JSON.stringify(r.sections),
                follow_up: r.followUp ? 1 : 0,
                cache_hit: r.cacheHit ? 1 : 0,
                latency_ms: Math.round(r.latencyMs),
              })),
            )
            .onConflict((conflict) => conflict.column("id").doNothing())
            .execute();
        }
      });
    });
  }

  between(from: Date, to: Date): Promise<QuestionRecord[]> {
    return this.database.run(async (db) => {
      const rows = await db
        .selectFrom("questions")
        .selectAll()
        .where("asked_at", ">=", from.toISOString())
        .where("asked_at", "<", to.toISOString())
        .orderBy("asked_at")
        .orderBy("id")
        .execute();
      return rows.map(fromRow);
    });
  }

  ratingsBetween(from: Date, to: Date): Promise<RatedAnswer[]> {
    return this.database.run(async (db) => {
      const rows = await db
        .selectFrom("feedback")
        .leftJoin("questions", "questions.id", "feedback.question_id")
        .select([
          "feedback.created_at",
          "feedback.rating",
          "feedback.question as rated_question",
          "feedback.answer",
          "feedback.comment",
          "questions.id",
          "questions.asked_at",
          "questions.channel",
          "questions.language",
          "questions.question",
          "questions.outcome",
          "questions.sections",
          "questions.follow_up",
          "questions.cache_hit",
          "questions.latency_ms",
        ])
        .where("feedback.created_at", ">=", from.toISOString())
        .where("feedback.created_at", "<", to.toISOString())
        .orderBy("feedback.id")
        .execute();
      return rows.map((row) => ({
        createdAt: new Date(row.created_at).toISOString(),
        rating: row.rating,
        question: row.rated_question,
        answer: row.answer,
        ...(row.comment === null ? {} : { comment: row.comment }),
        ...(row.id === null ? {} : { asked: fromRow(row as QuestionRow) }),
      }));
    });
  }

  deleteAskedBefore(cutoff: Date): Promise<number> {
    return this.database.run(async (db) => {
      const result = await db
        .deleteFrom("questions")
        .where("asked_at", "<", cutoff.toISOString())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    });
  }
}

/** The question log in the feedback database (its tables sit beside the ratings). */
export function questionLogStore(database: SqlDatabase): QuestionLogStore {
  return new SqlQuestionLogStore(database);
}
