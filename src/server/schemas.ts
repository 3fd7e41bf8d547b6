import { z } from "zod";
import type { Answer, AskInput, Citation, Outcome } from "../answer/types.js";
import { type Insights, OUTCOMES } from "../feedback/insights.js";
import { CHANNELS } from "../feedback/question-log.js";
import type { FeedbackInput, FeedbackRecord } from "../feedback/store.js";
import type { Footnote, Letter } from "../letter/types.js";

/**
 * The API's shapes, validated at the edge and converted to the OpenAPI document. Every rule is
 * one JSON Schema can state (lengths are checked before trimming, "not blank" is a pattern), so
 * the published document accepts exactly what validation accepts.
 */

/**
 * Something visible: a character that is not white space (JavaScript's \s covers every Unicode
 * space separator and the byte order mark), a control character (NUL, …), an invisible format
 * character (soft hyphen, zero-width spaces and joiners, direction marks, word joiner, …) or one
 * of the fillers that render blank. Spelled out rather than as \p{Cc}\p{Cf}: the published
 * OpenAPI pattern must mean the same without the regular expression's u flag.
 */
const VISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it excludes
  /[^\s\u0000-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u2800\u3164\uffa0\ufff9-\ufffb]/;

export const nonBlank = (max: number) =>
  z
    .string()
    .max(max)
    .regex(VISIBLE, "must not be blank")
    .describe(`1 to ${max} characters, not blank`);

export const chatTurnSchema = z.strictObject({
  role: z.enum(["user", "assistant"]),
  content: z.string().max(4000),
});

export const askRequestSchema = z.strictObject({
  question: nonBlank(1000)
    .trim()
    .describe("At most 1000 characters, not blank; surrounding whitespace is ignored."),
  history: z
    .array(chatTurnSchema)
    .max(10)
    .optional()
    .describe("Earlier turns of the conversation, oldest first, for follow-up questions."),
  lang: z
    .enum(["auto", "en", "nl"])
    .optional()
    .describe("Answer language; auto (the default) answers in the question's language."),
}) satisfies z.ZodType<AskInput>;

/** Printable ASCII without spaces, as the IETF draft's examples (UUIDs, random tokens) are. */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, "must be 1 to 255 printable ASCII characters without spaces")
  .describe(
    "A key the client makes for this one rating (a UUID, say): sent again, it is answered with the rating first stored under it. The same as the Idempotency-Key header, which may be sent instead.",
  );

export const feedbackRequestSchema = z.strictObject({
  question: nonBlank(1000).trim(),
  answer: nonBlank(20_000).describe("The answer text that was rated."),
  rating: z.enum(["up", "down"]),
  comment: z.string().max(2000).optional(),
  idempotencyKey: idempotencyKeySchema.optional(),
  questionId: z
    .uuid()
    .optional()
    .describe(
      "The X-Question-Id header of the answer rated: links the rating to the question log.",
    ),
}) satisfies z.ZodType<FeedbackInput>;

export const feedbackExportQuerySchema = z.object({
  format: z.enum(["json", "csv"]).default("json"),
});

const DAY_MS = 24 * 3_600_000;
/** The longest period the insights cover at once: a year and a day (a leap year's worth). */
export const MAX_INSIGHTS_DAYS = 366;

const isoDay = z.iso.date().describe("A day, YYYY-MM-DD (UTC).");

/**
 * The insights' period: whole UTC days `from` to `to`, both included, at most 366 days; by
 * default the 30 days up to today. Becomes [from, to + 1 day) as dates.
 */
export const insightsQueryFields = z.object({
  from: isoDay.optional().describe("First day, YYYY-MM-DD (UTC); default 29 days before `to`."),
  to: isoDay.optional().describe("Last day, included, YYYY-MM-DD (UTC); default today."),
  format: z
    .enum(["json", "csv"])
    .default("json")
    .describe("json: the aggregates; csv: the period's questions, one a row."),
});

export const insightsQuerySchema = insightsQueryFields.transform((query, ctx) => {
  const today = new Date().toISOString().slice(0, 10);
  const last = new Date(`${query.to ?? today}T00:00:00.000Z`);
  const first = query.from
    ? new Date(`${query.from}T00:00:00.000Z`)
    : new Date(last.getTime() - 29 * DAY_MS);
  const days = (last.getTime() - first.getTime()) / DAY_MS + 1;
  if (days < 1) ctx.addIssue({ code: "custom", path: ["from"], message: "must not be after to" });
  if (days > MAX_INSIGHTS_DAYS) {
    ctx.addIssue({
      code: "custom",
      path: ["from"],
      message: `the period may span at most ${MAX_INSIGHTS_DAYS} days`,
    });
  }
  return { from: first, to: new Date(last.getTime() + DAY_MS), format: query.format };
});

export const footnoteNumberSchema = z
  .string()
  .regex(/^\d{1,6}$/, "must be a whole number")
  .transform(Number)
  .describe("The footnote's number in the letter.");

const citedFootnoteSchema = z.object({ number: z.int(), text: z.string() });

const citationSchema = z.object({
  n: z.int().describe("The marker [n] in the answer text."),
  passageId: z.string().describe("Paragraph id in the letter (GET /api/letter)."),
  page: z.int(),
  section: z.string(),
  text: z.string().describe("The whole cited passage, Dutch original."),
  quote: z.string().describe("The sentence(s) the claim rests on, verbatim from text."),
  footnotes: z.array(citedFootnoteSchema),
}) satisfies z.ZodType<Citation>;

export const answerSchema = z.object({
  answer: z.string(),
  grounded: z.boolean().describe("False when the letter does not cover the question."),
  outcome: z
    .enum(["answer", "not_stated", "out_of_scope", "overview", "letter_fact", "language_switch"])
    .optional()
    .describe(
      "What the answer is: a quoted answer, an overview of the letter or a section, one of the letter's own facts (title, signatories…), or a refusal (not_stated, out_of_scope).",
    ),
  reason: z
    .enum(["not_stated", "out_of_scope"])
    .optional()
    .describe(
      "Only on refusals (grounded: false). not_stated: the letter mentions the subject but does not say what was asked (see related); out_of_scope: the letter does not deal with the subject.",
    ),
  related: z
    .array(citationSchema)
    .optional()
    .describe(
      "Only on not_stated refusals: where the letter mentions the subject, to show as 'see also'. These are not the answer's sources: the letter does not answer the question there.",
    ),
  language: z.enum(["en", "nl"]),
  mode: z.enum(["extractive", "llm"]),
  citations: z.array(citationSchema),
  direct: z
    .object({ text: z.string(), citation: z.int() })
    .optional()
    .describe(
      "The words that answer a question for a thing of a kind (a date, a number, a name), verbatim from the sentence citation `citation` quotes; the answer opens with them.",
    ),
  followUps: z.array(z.string()).optional(),
}) satisfies z.ZodType<Answer>;

const footnoteSchema = z.object({
  number: z.int(),
  text: z.string(),
  page: z.int(),
  paragraphIds: z.array(z.string()),
}) satisfies z.ZodType<Footnote>;

export const footnoteResponseSchema = footnoteSchema.extend({
  en: z.string().optional().describe("Unofficial English rendering."),
});

const signatorySchema = z.object({ role: z.string(), name: z.string() });

export const letterSchema = z.object({
  metadata: z.object({
    title: z.string(),
    kamerstuk: z.object({ dossier: z.string(), number: z.int(), label: z.string() }),
    parliamentaryYear: z.string(),
    addressee: z.string().optional(),
    date: z.string().optional(),
    signatories: z.array(signatorySchema),
    sourceUrl: z.string(),
    language: z.literal("nl"),
  }),
  pageCount: z.int(),
  sections: z.array(
    z.object({
      id: z.string(),
      title: z.string().nullable(),
      page: z.int(),
      paragraphIds: z.array(z.string()),
    }),
  ),
  paragraphs: z.array(
    z.object({
      id: z.string().describe("Stable anchor for deep links."),
      sectionId: z.string(),
      pages: z.array(z.int()),
      text: z.string(),
      sentences: z.array(
        z.object({
          text: z.string(),
          page: z.int(),
          footnoteRefs: z.array(z.object({ number: z.int(), offset: z.int() })),
        }),
      ),
      footnotes: z.array(z.int()),
    }),
  ),
  footnotes: z.array(footnoteSchema),
  signatories: z.array(signatorySchema),
  warnings: z.array(z.string()),
  translation: z.object({
    notice: z.string(),
    letter: z
      .object({
        title: z.string(),
        kamerstuk: z.string(),
        parliamentaryYear: z.string(),
        addressee: z.string().optional(),
        roles: z.record(z.string(), z.string()),
      })
      .optional()
      .describe("Renderings of the letter's title, heading words and signatories' offices."),
    paragraphs: z.record(z.string(), z.array(z.object({ nl: z.string(), en: z.string() }))),
    footnotes: z.record(z.string(), z.string()),
    sectionTitles: z.record(z.string(), z.string()),
  }),
}) satisfies z.ZodType<Letter>;

export const feedbackCreatedSchema = z.object({ id: z.int() });

export const feedbackRecordSchema = z.object({
  id: z.int(),
  createdAt: z.string(),
  question: z.string(),
  answer: z.string(),
  rating: z.enum(["up", "down"]),
  comment: z.string().optional(),
  questionId: z.string().optional(),
}) satisfies z.ZodType<FeedbackRecord>;

export const feedbackExportSchema = z.object({ feedback: z.array(feedbackRecordSchema) });

const outcomeSchema = z.enum(OUTCOMES as [Outcome, ...Outcome[]]);
const outcomeCountsSchema = z.record(outcomeSchema, z.int());
const sectionTitleSchema = z.object({ nl: z.string(), en: z.string() });
const channelSchema = z.enum(CHANNELS);

export const insightsSchema = z.object({
  from: z.string().describe("Start of the period, ISO 8601 (UTC), included."),
  to: z.string().describe("End of the period, ISO 8601 (UTC), excluded."),
  questionLog: z.boolean().describe("Whether questions are recorded (QUESTION_LOG)."),
  totals: z.object({
    questions: z.int(),
    answered: z.int(),
    unanswered: z.int().describe("Refused: not stated in the letter, or outside it."),
    followUps: z.int(),
    cacheHits: z.int(),
    ratingsUp: z.int(),
    ratingsDown: z.int(),
  }),
  byDay: z
    .array(z.object({ day: z.string(), total: z.int(), outcomes: outcomeCountsSchema }))
    .describe("Every day of the period, empty ones included."),
  byChannel: z.array(z.object({ channel: channelSchema, count: z.int() })),
  byLanguage: z.array(z.object({ language: z.enum(["en", "nl"]), count: z.int() })),
  byOutcome: z.array(z.object({ outcome: outcomeSchema, count: z.int() })),
  latencyMs: z
    .object({ p50: z.number(), p95: z.number() })
    .nullable()
    .describe("Answer latency inside the service; null without questions."),
  topQuestions: z
    .array(
      z.object({
        question: z.string(),
        count: z.int(),
        variants: z.array(z.string()),
        outcomes: outcomeCountsSchema,
      }),
    )
    .describe("The most asked, near-duplicates (the same content words, stemmed) together."),
  sections: z
    .array(
      z.object({
        id: z.string(),
        title: sectionTitleSchema,
        citations: z.int(),
        up: z.int(),
        down: z.int(),
      }),
    )
    .describe("Sections by citations, with the ratings of answers citing them."),
  unanswered: z
    .array(
      z.object({
        topic: z.string(),
        count: z.int(),
        questions: z.array(
          z.object({ question: z.string(), count: z.int(), outcome: outcomeSchema }),
        ),
      }),
    )
    .describe("Refused questions grouped by topic (the word they share most)."),
  thumbsDown: z.array(
    z.object({
      createdAt: z.string(),
      question: z.string(),
      answer: z.string(),
      comment: z.string().optional(),
      channel: channelSchema.optional(),
      outcome: outcomeSchema.optional(),
      sections: z.array(z.object({ id: z.string(), title: sectionTitleSchema })),
    }),
  ),
}) satisfies z.ZodType<Insights>;

export const statusSchema = z.object({ status: z.string() });

export const errorSchema = z.object({
  error: z.object({
    code: z.string().describe("Stable, snake_case: not_ready, invalid_input, rate_limited, …"),
    message: z.string(),
  }),
});
