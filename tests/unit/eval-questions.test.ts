import { describe, expect, it } from "vitest";
import { normalizeText } from "../../src/evaluate/metrics.js";
import {
  type EvalQuestion,
  isOffTopic,
  KINDS,
  loadQuestions,
} from "../../src/evaluate/questions.js";
import { loadLetter } from "../../src/letter/load.js";
import { letterSources } from "../../src/letter/sources.js";

/** Keeps the evaluation's ground truth honest: every expected fact is the letter's own wording. */
const questions = loadQuestions();
const letter = loadLetter("corpus/kamerstuk-30420-415.txt");
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

describe("evaluation questions", () => {
  it("have unique ids and keep the 195 dev questions", () => {
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    expect(questions.filter((q) => q.split === "dev").length).toBe(195);
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
      expect(occursIn(dutch, fact.nl), `${q.id}: "${fact.nl}" is not in the Dutch letter`).toBe(
        true,
      );
      expect(
        occursIn(english, fact.en),
        `${q.id}: "${fact.en}" is not in the English rendering`,
      ).toBe(true);
      if (q.expectedPassages.length > 0) {
        expect(
          occursIn(expectedDutch(q), fact.nl),
          `${q.id}: "${fact.nl}" is not in its expected passages`,
        ).toBe(true);
      }
    }
  });

  it("hold a held-out set of at least 80 new questions in both languages, with every kind asked for", () => {
    expect(heldOut.length).toBeGreaterThanOrEqual(80);
    for (const lang of ["en", "nl"] as const) {
      expect(heldOut.filter((q) => q.lang === lang).length).toBeGreaterThanOrEqual(
        heldOut.length * 0.4,
      );
    }
    expect(heldOut.filter(isOffTopic).length).toBeGreaterThanOrEqual(25);
    const kinds = new Set(heldOut.map((q) => q.kind));
    // Every kind of question but the dev set's paraphrases and footnote questions.
    for (const kind of KINDS.filter((k) => k !== "paraphrase" && k !== "footnote")) {
      expect(kinds.has(kind), kind).toBe(true);
    }
    expect(heldOut.some((q) => q.kind === "overview" && (q.minSections ?? 0) >= 3)).toBe(true);
    expect(heldOut.some((q) => q.kind === "overview" && q.expectedSections?.length === 1)).toBe(
      true,
    );
    const devQuestions = new Set(
      questions.filter((q) => q.split === "dev").map((q) => normalizeText(q.question)),
    );
    expect(heldOut.filter((q) => devQuestions.has(normalizeText(q.question)))).toEqual([]);
  });
});
