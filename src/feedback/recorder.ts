import { randomUUID } from "node:crypto";
import type { AnswerCallOptions } from "../answer/cache.js";
import type { Answer, AnswerEvent, AnswerService, AskInput, Outcome } from "../answer/types.js";
import { letterSources } from "../letter/sources.js";
import type { Letter } from "../letter/types.js";
import type { Logger } from "../logger.js";
import type { Channel, QuestionLogStore, QuestionRecord } from "./question-log.js";
import { scrubPersonalData } from "./scrub.js";

export interface RecordedCallOptions extends AnswerCallOptions {
  /** The record's id, when the caller must know it before the answer (to tell the client). */
  questionId?: string;
}

/** An answer service whose every answered question is recorded under its channel. */
export interface RecordingAnswerService extends AnswerService {
  ask(input: AskInput, options?: RecordedCallOptions): Promise<Answer>;
  stream(input: AskInput, options?: RecordedCallOptions): AsyncGenerator<AnswerEvent>;
}

/** The question log as the channels see it: on (recording) or off (the service unchanged). */
export interface QuestionLog {
  readonly enabled: boolean;
  wrap(service: AnswerService, channel: Channel): RecordingAnswerService;
}

/** No question log at all: the services as they are. */
export const noQuestionLog: QuestionLog = { enabled: false, wrap: (service) => service };

export interface QuestionRecorderOptions {
  /** QUESTION_LOG: when off nothing is recorded, and records kept from before still expire. */
  enabled: boolean;
  store: QuestionLogStore;
  letter: Letter;
  logger: Logger;
  retentionDays: number;
  /** How often the questions answered meanwhile are written, in one transaction (default 1 s). */
  flushIntervalMs?: number;
  /** How often expired records are deleted (default hourly; also once at start). */
  sweepIntervalMs?: number;
  /** Records held while the database is away; beyond it new ones are dropped (default 10,000). */
  maxPending?: number;
  /** Told how many records were written, or dropped for a full backlog (metrics). */
  onRecords?: (result: "written" | "dropped", count: number) => void;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** At most one warning per interval while the database keeps refusing. */
const WARNING_INTERVAL_MS = 30_000;

/**
 * A question answered, as noted on the answer's path: what the record needs and no more (not the
 * answer or the conversation, which a long outage would otherwise pile up), the question not yet
 * scrubbed and the time not yet rounded.
 */
interface Answered extends Omit<QuestionRecord, "question" | "askedAt"> {
  asked: string;
  at: number;
}

/** The contract's decision, or what `grounded` and `reason` say where the service does not fill it in. */
export function outcomeOf(answer: Answer): Outcome {
  return answer.outcome ?? (answer.grounded ? "answer" : (answer.reason ?? "out_of_scope"));
}

/**
 * Records every question answered through the services it wraps, off the answer's path: the
 * answer only leaves a note in memory; a timer scrubs the notes and writes them in one
 * transaction, and a database that fails loses the answer nothing (the notes wait, up to a bound,
 * for the next attempt). Another timer deletes records older than the retention period.
 */
export class QuestionRecorder implements QuestionLog {
  private answered: Answered[] = [];
  private unwritten: QuestionRecord[] = [];
  private writing: Promise<void> | undefined;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly sectionOf: Map<string, string>;
  private lastWarning = 0;

  constructor(private readonly options: QuestionRecorderOptions) {
    this.sectionOf = new Map([
      ...options.letter.paragraphs.map((p) => [p.id, p.sectionId] as const),
      ...letterSources(options.letter).map((s) => [s.id, s.id] as const),
    ]);
    const flush = setInterval(() => void this.flush(), options.flushIntervalMs ?? 1_000);
    const sweep = setInterval(() => void this.sweep(), options.sweepIntervalMs ?? HOUR_MS);
    this.timers.push(flush, sweep);
    for (const timer of this.timers) timer.unref();
    void this.sweep();
  }

  get enabled(): boolean {
    return this.options.enabled;
  }

  wrap(service: AnswerService, channel: Channel): RecordingAnswerService {
    if (!this.enabled) return service;
    /** One call: the options passed on (with a cache observer), and what to note once answered. */
    const begin = (input: AskInput, options: RecordedCallOptions = {}) => {
      const { questionId = randomUUID(), ...call } = options;
      const started = performance.now();
      let cacheHit = false;
      const forwarded: AnswerCallOptions = {
        ...call,
        onCacheLookup: (result) => {
          cacheHit = result === "hit";
          call.onCacheLookup?.(result);
        },
      };
      const answered = (answer: Answer) =>
        this.note({
          id: questionId,
          at: Date.now(),
          channel,
          asked: input.question,
          language: answer.language,
          outcome: outcomeOf(answer),
          sections: [
            ...new Set(answer.citations.map((c) => this.sectionOf.get(c.passageId) ?? c.passageId)),
          ],
          followUp: (input.history?.length ?? 0) > 0,
          cacheHit,
          latencyMs: Math.round(performance.now() - started),
        });
      return { forwarded, answered };
    };
    return {
      ask: async (input, options) => {
        const call = begin(input, options);
        const answer = await service.ask(input, call.forwarded);
        call.answered(answer);
        return answer;
      },
      stream: async function* (input, options) {
        const call = begin(input, options);
        for await (const event of service.stream(input, call.forwarded)) {
          if (event.type === "done") call.answered(event.answer);
          yield event;
        }
      },
    };
  }

  private note(answered: Answered): void {
    if (this.answered.length + this.unwritten.length >= (this.options.maxPending ?? 10_000)) {
      this.options.onRecords?.("dropped", 1);
      this.warn(undefined, "question log backlog full; dropping questions until it drains");
      return;
    }
    this.answered.push(answered);
  }

  /** The record as stored: scrubbed, to the hour. */
  private record({ asked, at, ...answered }: Answered): QuestionRecord {
    return {
      ...answered,
      askedAt: new Date(Math.floor(at / HOUR_MS) * HOUR_MS).toISOString(),
      question: scrubPersonalData(asked),
    };
  }

  /** Writes what was answered since the last flush; one flush at a time. */
  flush(): Promise<void> {
    this.writing ??= this.write().finally(() => {
      this.writing = undefined;
    });
    return this.writing;
  }

  private async write(): Promise<void> {
    const batch = [...this.unwritten, ...this.answered.splice(0).map((a) => this.record(a))];
    this.unwritten = [];
    if (batch.length === 0) return;
    try {
      await this.options.store.add(batch);
      this.options.onRecords?.("written", batch.length);
    } catch (error) {
      this.unwritten = batch;
      this.warn(error, "question log unavailable; questions wait for the next attempt");
    }
  }

  private async sweep(): Promise<void> {
    const cutoff = new Date(Date.now() - this.options.retentionDays * DAY_MS);
    try {
      const deleted = await this.options.store.deleteAskedBefore(cutoff);
      if (deleted > 0) {
        this.options.logger.info(
          { deleted, before: cutoff.toISOString() },
          "deleted expired question records",
        );
      }
    } catch (error) {
      this.warn(error, "could not delete expired question records; trying again later");
    }
  }

  private warn(error: unknown, message: string): void {
    if (Date.now() - this.lastWarning < WARNING_INTERVAL_MS) return;
    this.lastWarning = Date.now();
    // The cause is an expected outage, not a fault of ours: no stack.
    const cause = (error as { cause?: unknown } | undefined)?.cause ?? error;
    this.options.logger.warn(
      cause === undefined ? {} : { reason: cause instanceof Error ? cause.message : String(cause) },
      message,
    );
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    await this.writing;
    await this.flush();
  }
}
