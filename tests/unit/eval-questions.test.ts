import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  AUTHORS_DIR,
  authorSplits,
  type EvalQuestion,
  isOffTopic,
  isOverview,
  loadQuestions,
} from "../../src/evaluate/questions.js";
import { normalizeText } from "../../src/evaluate/text.js";
import { loadLetter } from "../../src/letter/load.js";
import { letterSources } from "../../src/letter/sources.js";

/** Keeps the evaluation's ground truth honest: every expected fact is the letter's own wording. */
const letter = loadLetter("corpus/kamerstuk-30420-415.txt");
const questions = loadQuestions(letter);
const { metadata, translation } = letter;

// The letter's own facts (title, Kamerstuk, year, signatories), as the heading and signature
// block state them and as their English renderings do.
const header = [
  metadata.title,
  metadata.kamerstuk.label,
  metadata.parliamentaryYear,
  metadata.addressee ?? "",
  ...letter.signatories.flatMap((s) => [s.role, s.name]),
];
const renderedHeader = letterSources(letter).flatMap((source) =>
  source.sentences.map((sentence) => sentence.en),
);
const dutch = [
  ...letterSources(letter).flatMap((source) => source.sentences.map((sentence) => sentence.nl)),
  ...letter.paragraphs.flatMap((p) => p.sentences.map((s) => s.text)),
  ...letter.footnotes.map((f) => f.text),
  ...header,
];
const english = [
  ...Object.values(translation.paragraphs).flatMap((pairs) => pairs.map((pair) => pair.en)),
  ...Object.values(translation.footnotes),
  ...header,
  ...renderedHeader,
];
const occursIn = (texts: string[], phrase: string) =>
  texts.some((text) => normalizeText(text).includes(normalizeText(phrase)));

/** The Dutch sentences and footnotes of the passages a question expects. */
function expectedDutch(q: EvalQuestion): string[] {
  const paragraphs = letter.paragraphs.filter((p) => q.expectedPassages.includes(p.id));
  return [
    ...paragraphs.flatMap((p) => p.sentences.map((s) => s.text)),
    ...letter.footnotes
      .filter((f) => paragraphs.some((p) => p.footnotes.includes(f.number)))
      .map((f) => f.text),
  ];
}

const answerable = questions.filter((q) => !isOffTopic(q));
const heldOut = questions.filter((q) => q.split === "heldout");
const authors = authorSplits();

/** Every file of the tree below `dir`, by path. */
function filesBelow(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesBelow(path) : [path];
  });
}

describe("evaluation questions", () => {
  it("have unique ids and keep the team's 303 questions as the regression set", () => {
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    expect(questions.filter((q) => q.split === "regression").length).toBe(303);
  });

  it("split by author: at least 400 blind questions, each author in one split only", () => {
    expect(questions.filter((q) => q.split !== "regression").length).toBeGreaterThanOrEqual(400);
    expect(authors.dev.filter((a) => authors.heldout.includes(a))).toEqual([]);
    for (const split of ["dev", "heldout"] as const) {
      for (const author of authors[split]) {
        const own = questions.filter((q) => q.author === author);
        expect(own.length, author).toBeGreaterThanOrEqual(30);
        expect(new Set(own.map((q) => q.split)), author).toEqual(new Set([split]));
        for (const lang of ["en", "nl"] as const) {
          expect(own.filter((q) => q.lang === lang).length, author).toBeGreaterThanOrEqual(12);
        }
        // Every author asks near-topic and everyday off-letter questions and for overviews.
        expect(own.filter((q) => q.offLetter === "near").length, author).toBeGreaterThan(0);
        expect(
          own.filter((q) => q.offLetter === "everyday" || q.offLetter === "unrelated").length,
          author,
        ).toBeGreaterThan(0);
        expect(own.filter(isOverview).length, author).toBeGreaterThan(0);
      }
    }
  });

  it("keep every held-out question's text out of the code and the other tests", () => {
    // The authors' brief gave them example wordings; the held-out authors' own files hold theirs;
    // and blind authors of the same persona happen to write the same short question ("who signed
    // this letter?") without seeing each other's.
    const texts = [...filesBelow("src"), ...filesBelow("tests")]
      .filter((path) => !path.startsWith(AUTHORS_DIR))
      .map((path) => normalizeText(readFileSync(path, "utf8")));
    const leaked = heldOut
      .map((q) => normalizeText(q.question))
      .filter((question) => question.length >= 12 && texts.some((t) => t.includes(question)));
    expect(leaked.length).toBe(0);
  });

  it("name only passages, footnotes and sections the letter has", () => {
    const paragraphIds = new Set(letter.paragraphs.map((p) => p.id));
    const footnotes = new Set(letter.footnotes.map((f) => f.number));
    const sections = new Set(letter.sections.map((s) => s.id));
    for (const q of questions) {
      expect(
        q.expectedPassages.filter((id) => !paragraphIds.has(id)),
        q.id,
      ).toEqual([]);
      expect(
        q.expectedFootnotes.filter((n) => !footnotes.has(n)),
        q.id,
      ).toEqual([]);
      expect(
        (q.expectedSections ?? []).filter((id) => !sections.has(id)),
        q.id,
      ).toEqual([]);
    }
  });

  it("give every answerable question a fact in the letter's words, or an overview's sections", () => {
    for (const q of answerable) {
      if (q.kind === "overview") {
        expect(q.minSections, q.id).toBeGreaterThan(0);
        continue;
      }
      const fact = q.fact;
      expect(fact, q.id).toBeDefined();
      if (!fact) continue;
      expect(occursIn(dutch, fact.nl), `${q.id}: the fact is not in the Dutch letter`).toBe(true);
      expect(occursIn(english, fact.en), `${q.id}: the fact is not in the English rendering`).toBe(
        true,
      );
      if (q.expectedPassages.length > 0) {
        expect(
          occursIn(expectedDutch(q), fact.nl),
          `${q.id}: the fact is not in its expected passages`,
        ).toBe(true);
      }
    }
  });
});
