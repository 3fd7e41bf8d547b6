import { readFileSync } from "node:fs";
import { z } from "zod";

export const SPLITS = ["dev", "heldout"] as const;
export type Split = (typeof SPLITS)[number];

export const KINDS = [
  "direct",
  "paraphrase",
  "footnote",
  "followup",
  "offtopic",
  "list",
  "who",
  "when",
  "quantity",
  "where",
  "yesno",
  "overview",
  "meta",
  "partial",
] as const;

/**
 * The fact a question asks for: a short phrase copied verbatim from the letter (its sentences,
 * footnotes or signature block and metadata) and from its English rendering, so an answer can be
 * checked for quoting it.
 */
const factSchema = z.object({ nl: z.string().min(1), en: z.string().min(1) });

const questionSchema = z
  .object({
    id: z.string().min(1),
    split: z.enum(SPLITS),
    lang: z.enum(["en", "nl"]),
    question: z.string().min(1),
    expectedPassages: z.array(z.string()),
    expectedFootnotes: z.array(z.number().int().positive()),
    kind: z.enum(KINDS),
    fact: factSchema.optional(),
    /** Overview questions: the answer must cite at least this many distinct sections. */
    minSections: z.number().int().positive().optional(),
    /** Overview of one section: the section ids the answer must cite. */
    expectedSections: z.array(z.string()).optional(),
    history: z
      .array(z.object({ role: z.enum(["user", "assistant"]), content: z.string() }))
      .optional(),
  })
  .superRefine((q, ctx) => {
    const problem = (message: string) =>
      ctx.addIssue({ code: "custom", message: `${q.id}: ${message}` });
    if (q.kind === "offtopic") {
      if (q.fact || q.minSections || q.expectedPassages.length > 0) {
        problem("an off-letter question expects no fact, sections or passages");
      }
    } else if (q.kind === "overview") {
      if (q.minSections === undefined) problem("an overview question needs minSections");
    } else if (!q.fact) {
      problem("an answerable question needs a fact");
    }
    if (q.kind === "followup" && !q.history?.length) problem("a follow-up needs its history");
  });

export type EvalQuestion = z.infer<typeof questionSchema>;
export type Fact = z.infer<typeof factSchema>;

export const QUESTIONS_PATH = "tests/eval/questions.json";

export function loadQuestions(path = QUESTIONS_PATH): EvalQuestion[] {
  return z.array(questionSchema).parse(JSON.parse(readFileSync(path, "utf8")));
}

export const isOffTopic = (q: EvalQuestion) => q.kind === "offtopic";
export const isOverview = (q: EvalQuestion) => q.kind === "overview";
