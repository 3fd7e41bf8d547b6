import { describe, expect, it } from "vitest";
import {
  byLanguage,
  CREDITED_LEAD_CHARS,
  citedSections,
  confusion,
  contradicts,
  directStatesFact,
  footnotesAttributed,
  overviewSucceeds,
  type QuestionOutcome,
  quotesFact,
  referencedFootnotes,
  type ScoredAnswer,
  score,
} from "../../src/evaluate/metrics.js";
import { normalizeText } from "../../src/evaluate/text.js";
import type { Paragraph } from "../../src/letter/types.js";

/** A small letter in the real one's shape: two sections, a footnote on one sentence only. */
const paragraphs: Paragraph[] = [
  {
    id: "forum-1",
    sectionId: "forum",
    pages: [3],
    text: "In mei 2024 was Nederland gastland. 32 Europese landen tekenden een verklaring. Vijf nieuwe landen ondertekenden: Polen en Spanje.",
    footnotes: [11],
    sentences: [
      { text: "In mei 2024 was Nederland gastland.", page: 3, footnoteRefs: [] },
      {
        text: "32 Europese landen tekenden een verklaring.",
        page: 3,
        footnoteRefs: [{ number: 11, offset: 43 }],
      },
      { text: "Vijf nieuwe landen ondertekenden: Polen en Spanje.", page: 3, footnoteRefs: [] },
    ],
  },
  {
    id: "evaluatie-1",
    sectionId: "evaluatie",
    pages: [4],
    text: "Uw Kamer ontvangt deze evaluatie in Q1–2025.",
    footnotes: [],
    sentences: [
      { text: "Uw Kamer ontvangt deze evaluatie in Q1–2025.", page: 4, footnoteRefs: [] },
    ],
  },
];
const FOOTNOTE_11 = {
  number: 11,
  text: "Politieke verklaring bescherming van lhbtiq+ mensenrechten",
};

function answer(overrides: Partial<ScoredAnswer> = {}): ScoredAnswer {
  return { answer: "According to the letter: …", grounded: true, citations: [], ...overrides };
}
const cite = (passageId: string, quote: string, footnotes = [] as (typeof FOOTNOTE_11)[]) => ({
  n: 1,
  passageId,
  quote,
  footnotes,
});

describe("normalizeText", () => {
  it("folds case, whitespace, curly quotes, dash variants and compatibility forms", () => {
    expect(normalizeText("  NGO’s\n in  Q1–2025 ﬁne ")).toBe("ngo's in q1-2025 fine");
    expect(normalizeText("“Forum”")).toBe('"forum"');
  });
});

describe("quotesFact", () => {
  const countries = { nl: "Polen en Spanje", en: "Poland and Spain" };

  it("counts a Dutch fact in a quoted sentence", () => {
    const quoted = answer({
      citations: [cite("forum-1", "Vijf nieuwe landen ondertekenden: Polen en Spanje.")],
    });
    expect(quotesFact(quoted, countries, paragraphs)).toBe(true);
  });

  it("does not count a fact that is only in the cited passage, outside the quote", () => {
    const neighbour = answer({
      answer: "According to the letter: 32 European countries signed a declaration. [1]",
      citations: [cite("forum-1", "32 Europese landen tekenden een verklaring.")],
    });
    expect(quotesFact(neighbour, countries, paragraphs)).toBe(false);
  });

  it("counts the English fact in the answer text or in the direct span", () => {
    expect(
      quotesFact(
        answer({
          answer: "According to the letter: five new countries signed: Poland and  Spain. [1]",
        }),
        countries,
        paragraphs,
      ),
    ).toBe(true);
    expect(
      quotesFact(
        answer({ answer: "[1]", direct: { text: "Poland and Spain", citation: 1 } }),
        countries,
        paragraphs,
      ),
    ).toBe(true);
  });

  it("matches across dash variants and case", () => {
    const quoted = answer({
      citations: [cite("evaluatie-1", "Uw Kamer ontvangt deze evaluatie in Q1–2025.")],
    });
    expect(quotesFact(quoted, { nl: "q1-2025", en: "Q1 2025" }, paragraphs)).toBe(true);
  });

  it("scores a refusal 0 even when its text happens to hold the phrase", () => {
    const refusal = answer({ grounded: false, answer: "Nothing on Poland and Spain." });
    expect(quotesFact(refusal, countries, paragraphs)).toBe(false);
  });

  it("counts a footnote fact only when the quote references that footnote", () => {
    const fact = {
      nl: "Politieke verklaring bescherming",
      en: "Political declaration on the protection",
    };
    const referenced = answer({
      citations: [cite("forum-1", "32 Europese landen tekenden een verklaring.", [FOOTNOTE_11])],
    });
    const unreferenced = answer({
      citations: [cite("forum-1", "In mei 2024 was Nederland gastland.", [FOOTNOTE_11])],
    });
    expect(quotesFact(referenced, fact, paragraphs)).toBe(true);
    expect(quotesFact(unreferenced, fact, paragraphs)).toBe(false);
  });

  it("does not count a fact buried past the answer's opening or in a later citation", () => {
    const padding = "Nederland zette zich in. ".repeat(Math.ceil(CREDITED_LEAD_CHARS / 20));
    const buried = answer({
      answer: `According to the letter: ${padding} [1]`,
      citations: [cite("forum-1", `${padding}Vijf nieuwe landen ondertekenden: Polen en Spanje.`)],
    });
    expect(quotesFact(buried, countries, paragraphs)).toBe(false);
    const second = answer({
      citations: [
        cite("evaluatie-1", "Uw Kamer ontvangt deze evaluatie in Q1–2025."),
        { ...cite("forum-1", "Vijf nieuwe landen ondertekenden: Polen en Spanje."), n: 2 },
      ],
    });
    expect(quotesFact(second, countries, paragraphs)).toBe(false);
  });
});

describe("contradictions", () => {
  it("flags an answer that gives the thing asked and says the letter gives none", () => {
    const both = answer({
      answer: "four individuals and two entities [1]. The letter does not give a number for this.",
      direct: { text: "four individuals and two entities", citation: 1 },
    });
    expect(contradicts(both)).toBe(true);
    const quoted = answer({
      answer: "According to the letter: … [1] De brief geeft hiervoor geen datum.",
      citations: [cite("evaluatie-1", "Uw Kamer ontvangt deze evaluatie in Q1–2025.")],
    });
    expect(contradicts(quoted, "date")).toBe(true);
    expect(contradicts(quoted, "person")).toBe(false);
    expect(contradicts(answer({ direct: { text: "Q1–2025", citation: 1 } }))).toBe(false);
    expect(contradicts({ ...both, grounded: false })).toBe(false);
  });
});

describe("direct answers", () => {
  const fact = { nl: "vijf nieuwe landen", en: "five new countries" };
  const direct = (text: string) => answer({ direct: { text, citation: 1 } });

  it("counts a direct span right when it is the fact, in either language", () => {
    expect(directStatesFact(direct("five new countries"), fact)).toBe(true);
    expect(directStatesFact(direct("Vijf nieuwe landen ondertekenden"), fact)).toBe(true);
    expect(directStatesFact(direct("32 European countries"), fact)).toBe(false);
    expect(
      directStatesFact(direct("President of the Commission and the former Commissioner"), {
        nl: "de Voorzitter van de Commissie",
        en: "the President of the Commission",
      }),
    ).toBe(true);
    expect(directStatesFact(answer(), fact)).toBeUndefined();
  });
});

describe("footnote attribution", () => {
  it("knows which footnotes the quoted sentences reference", () => {
    expect([
      ...referencedFootnotes(cite("forum-1", paragraphs[0]?.text ?? ""), paragraphs),
    ]).toEqual([11]);
    expect(
      referencedFootnotes(cite("forum-1", "In mei 2024 was Nederland gastland."), paragraphs).size,
    ).toBe(0);
    expect(referencedFootnotes(cite("signature", "C.C.J. Veldkamp"), paragraphs).size).toBe(0);
  });

  it("fails an answer that lists a footnote of another sentence of the passage", () => {
    const other = answer({
      citations: [cite("forum-1", "In mei 2024 was Nederland gastland.", [FOOTNOTE_11])],
    });
    const own = answer({
      citations: [cite("forum-1", "32 Europese landen tekenden een verklaring.", [FOOTNOTE_11])],
    });
    expect(footnotesAttributed(other, paragraphs)).toBe(false);
    expect(footnotesAttributed(own, paragraphs)).toBe(true);
  });
});

describe("overviews", () => {
  const twoSections = answer({
    citations: [
      cite("forum-1", "In mei 2024 was Nederland gastland."),
      cite("forum-1", "32 Europese landen tekenden een verklaring."),
      cite("evaluatie-1", "Uw Kamer ontvangt deze evaluatie in Q1–2025."),
    ],
  });

  it("counts distinct sections, not citations", () => {
    expect([...citedSections(twoSections, paragraphs)].sort()).toEqual(["evaluatie", "forum"]);
    expect(overviewSucceeds(twoSections, { minSections: 2 }, paragraphs)).toBe(true);
    expect(overviewSucceeds(twoSections, { minSections: 3 }, paragraphs)).toBe(false);
  });

  it("requires the expected section of a one-section overview, and a grounded answer", () => {
    const forumOnly = answer({
      citations: [cite("forum-1", "In mei 2024 was Nederland gastland.")],
    });
    expect(
      overviewSucceeds(forumOnly, { minSections: 1, expectedSections: ["forum"] }, paragraphs),
    ).toBe(true);
    expect(
      overviewSucceeds(forumOnly, { minSections: 1, expectedSections: ["evaluatie"] }, paragraphs),
    ).toBe(false);
    expect(
      overviewSucceeds({ ...twoSections, grounded: false }, { minSections: 1 }, paragraphs),
    ).toBe(false);
  });
});

describe("score", () => {
  const outcome = (o: Partial<QuestionOutcome>): QuestionOutcome => ({
    lang: "en",
    split: "heldout",
    style: "team",
    offTopic: false,
    expected: o.offTopic ? "refuse" : "answer",
    followUp: false,
    expectsPassages: true,
    answered: true,
    latencyMs: 10,
    ...o,
  });

  it("reports answer accuracy over answerable questions only, and refusal rates separately", () => {
    const scores = score([
      outcome({ rank: 1, factQuoted: true }),
      outcome({ rank: 2, factQuoted: false }),
      outcome({ rank: 4, answered: false, factQuoted: false }),
      outcome({ expectsPassages: false, overviewOk: true }),
      outcome({ offTopic: true, expectsPassages: false, answered: false }),
      outcome({ offTopic: true, expectsPassages: false, answered: true }),
    ]);
    expect(scores.questions).toBe(6);
    expect(scores.answerAccuracy).toBeCloseTo(1 / 3);
    expect(scores.overviewSuccess).toBe(1);
    expect(scores.offLetterRefused).toBe(0.5);
    expect(scores.onTopicAnswered).toBe(0.75);
    // The overview names no passage, so retrieval is scored on the three that do.
    expect(scores.hitAt1).toBeCloseTo(1 / 3);
    expect(scores.hitAt3).toBeCloseTo(2 / 3);
    expect(scores.mrr).toBeCloseTo((1 + 1 / 2 + 1 / 4) / 3);
    expect(scores.refusalAccuracy).toBeCloseTo(4 / 6);
    expect(Number.isNaN(scores.footnoteAccuracy)).toBe(true);
  });

  it("counts follow-ups, everyday refusals and contradictions, and tabulates decisions", () => {
    const outcomes = [
      outcome({ followUp: true, factQuoted: true, decided: "answer" }),
      outcome({ followUp: true, factQuoted: false, decided: "answer", contradiction: true }),
      outcome({ offTopic: true, offLetter: "everyday", answered: false, decided: "out_of_scope" }),
      outcome({ offTopic: true, offLetter: "near", answered: true, decided: "answer" }),
    ];
    const scores = score(outcomes);
    expect(scores.followUps).toBe(0.5);
    expect(scores.everydayRefused).toBe(1);
    expect(scores.contradictions).toBe(1);
    expect(confusion(outcomes)).toEqual({
      answer: { answer: 2 },
      overview: {},
      refuse: { out_of_scope: 1, answer: 1 },
    });
  });

  it("splits by language", () => {
    const report = byLanguage([
      outcome({ lang: "en", factQuoted: true }),
      outcome({ lang: "nl", factQuoted: false }),
    ]);
    expect([report.en.answerAccuracy, report.nl.answerAccuracy, report.all.answerAccuracy]).toEqual(
      [1, 0, 0.5],
    );
  });
});
