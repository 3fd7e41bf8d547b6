import { z } from "zod";
import type { Answer, AskInput, Citation } from "../answer/types.js";
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

const nonBlank = (max: number) =>
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
}) satisfies z.ZodType<FeedbackInput>;

export const feedbackExportQuerySchema = z.object({
  format: z.enum(["json", "csv"]).default("json"),
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
}) satisfies z.ZodType<FeedbackRecord>;

export const feedbackExportSchema = z.object({ feedback: z.array(feedbackRecordSchema) });

export const statusSchema = z.object({ status: z.string() });

export const errorSchema = z.object({
  error: z.object({
    code: z.string().describe("Stable, snake_case: not_ready, invalid_input, rate_limited, …"),
    message: z.string(),
  }),
});
