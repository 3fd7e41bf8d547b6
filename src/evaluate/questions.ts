import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { Letter } from "../letter/types.js";
import { normalizeText } from "./text.js";

/**
 * regression: the team's own 304 questions (once split dev/held-out), kept so nothing regresses;
 * dev: the blind authors whose questions may be read; heldout: the blind authors of whom only
 * aggregate figures are ever read.
 */
export const SPLITS = ["regression", "dev", "heldout"] as const;
export type Split = (typeof SPLITS)[number];

export const KINDS = [
  "direct",
  "paraphrase",
  "footnote",
  "abbreviation",
  "followup",
  "switch",
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

/** What the question should get: the fact, an overview, or a refusal. */
export const EXPECTATIONS = ["answer", "overview", "refuse"] as const;
export type Expectation = (typeof EXPECTATIONS)[number];

/** Why an off-letter question is off the letter: near its topics, an everyday request, or another field. */
export const OFF_LETTER = ["near", "everyday", "unrelated"] as const;

/**
 * The fact a question asks for: a short phrase copied verbatim from the letter (its sentences,
 * footnotes or signature block and metadata) and from its English rendering, so an answer can be
 * checked for quoting it.
 */
const factSchema = z.object({ nl: z.string().min(1), en: z.string().min(1) });
const historySchema = z
  .array(z.object({ role: z.enum(["user", "assistant"]), content: z.string() }))
  .optional();

const questionSchema = z
  .object({
    id: z.string().min(1),
    split: z.enum(SPLITS),
    author: z.string().min(1),
    style: z.string().min(1),
    lang: z.enum(["en", "nl"]),
    question: z.string().min(1),
    expectedPassages: z.array(z.string()),
    expectedFootnotes: z.array(z.number().int().positive()),
    kind: z.enum(KINDS),
    fact: factSchema.optional(),
    offLetter: z.enum(OFF_LETTER).optional(),
    /** Overview questions: the answer must cite at least this many distinct sections. */
    minSections: z.number().int().positive().optional(),
    /** Overview of one section: the section ids the answer must cite. */
    expectedSections: z.array(z.string()).optional(),
    history: historySchema,
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
    if ((q.kind === "followup" || q.kind === "switch") && !q.history?.length) {
      problem("a follow-up needs its history");
    }
  });

export type EvalQuestion = z.infer<typeof questionSchema>;
export type Fact = z.infer<typeof factSchema>;

export const QUESTIONS_PATH = "tests/eval/questions.json";
export const AUTHORS_DIR = "tests/eval/authors";

/** As a blind author writes a question (tests/eval/authors/BRIEF.md): no passage ids, no split. */
const authoredSchema = z.object({
  id: z.string().min(1),
  author: z.string().min(1),
  style: z.string().min(1),
  lang: z.enum(["en", "nl"]),
  question: z.string().min(1),
  kind: z.enum([
    "fact",
    "who",
    "when",
    "quantity",
    "where",
    "list",
    "yesno",
    "footnote",
    "abbreviation",
    "meta",
    "overview",
    "followup",
    "switch",
    "offtopic",
  ]),
  expect: z.enum(EXPECTATIONS),
  fact: factSchema.optional(),
  section: z.string().optional(),
  offletter: z.enum(OFF_LETTER).optional(),
  history: historySchema,
});
type Authored = z.infer<typeof authoredSchema>;

const authorsSchema = z.object({ dev: z.array(z.string()), heldout: z.array(z.string()) });

/** A whole-letter overview spans at least this many of the letter's sections. */
const LETTER_OVERVIEW_SECTIONS = 3;

/**
 * Where the letter states a fact: the paragraphs whose sentences hold it, else the footnote that
 * does and the paragraphs citing it; nothing for the letter's heading and signature block.
 */
function locateFact(
  fact: Fact,
  letter: Letter,
): { expectedPassages: string[]; expectedFootnotes: number[] } {
  const wanted = normalizeText(fact.nl);
  const holds = (text: string) => normalizeText(text).includes(wanted);
  const paragraphs = letter.paragraphs.filter((p) => p.sentences.some((s) => holds(s.text)));
  if (paragraphs.length > 0) {
    return { expectedPassages: paragraphs.map((p) => p.id), expectedFootnotes: [] };
  }
  const footnote = letter.footnotes.find((f) => holds(f.text));
  if (footnote) {
    return { expectedPassages: footnote.paragraphIds, expectedFootnotes: [footnote.number] };
  }
  return { expectedPassages: [], expectedFootnotes: [] };
}

function fromAuthor(q: Authored, split: Split, letter: Letter): EvalQuestion {
  const section = q.section
    ? letter.sections.find(
        (s) => s.title !== null && normalizeText(s.title) === normalizeText(q.section ?? ""),
      )
    : undefined;
  if (q.section && !section) throw new Error(`${q.id}: no section is headed "${q.section}"`);
  const located = q.expect === "answer" && q.fact ? locateFact(q.fact, letter) : undefined;
  return questionSchema.parse({
    id: q.id,
    split,
    author: q.author,
    style: q.style,
    lang: q.lang,
    question: q.question,
    kind: q.kind === "fact" ? "direct" : q.kind,
    expectedPassages: located?.expectedPassages ?? [],
    expectedFootnotes: located?.expectedFootnotes ?? [],
    ...(q.expect === "answer" ? { fact: q.fact } : {}),
    ...(q.expect === "refuse" ? { offLetter: q.offletter } : {}),
    ...(q.expect === "overview"
      ? section
        ? { minSections: 1, expectedSections: [section.id] }
        : { minSections: LETTER_OVERVIEW_SECTIONS }
      : {}),
    ...(q.history ? { history: q.history } : {}),
  });
}

/** The blind authors, by split, as tests/eval/authors/authors.json assigns them. */
export function authorSplits(dir = AUTHORS_DIR): Record<"dev" | "heldout", string[]> {
  return authorsSchema.parse(JSON.parse(readFileSync(join(dir, "authors.json"), "utf8")));
}

/** The team's regression questions and every blind author's, with passages located in the letter. */
export function loadQuestions(
  letter: Letter,
  paths: { questions?: string; authors?: string } = {},
): EvalQuestion[] {
  const regression = z
    .array(z.record(z.string(), z.unknown()))
    .parse(JSON.parse(readFileSync(paths.questions ?? QUESTIONS_PATH, "utf8")))
    .map((q) => questionSchema.parse({ ...q, split: "regression", author: "team", style: "team" }));
  const dir = paths.authors ?? AUTHORS_DIR;
  const splits = authorSplits(dir);
  const files = new Set(
    readdirSync(dir).filter((f) => f.endsWith(".json") && f !== "authors.json"),
  );
  const authored = (["dev", "heldout"] as const).flatMap((split) =>
    splits[split].flatMap((author) => {
      const file = `${author}.json`;
      if (!files.has(file)) throw new Error(`author ${author} has no ${join(dir, file)}`);
      return z
        .array(authoredSchema)
        .parse(JSON.parse(readFileSync(join(dir, file), "utf8")))
        .map((q) => fromAuthor(q, split, letter));
    }),
  );
  return [...regression, ...authored];
}

export const isOffTopic = (q: EvalQuestion) => q.kind === "offtopic";
export const isOverview = (q: EvalQuestion) => q.kind === "overview";

/** What the question should get, from its kind. */
export const expectationOf = (q: EvalQuestion): Expectation =>
  isOffTopic(q) ? "refuse" : isOverview(q) ? "overview" : "answer";
