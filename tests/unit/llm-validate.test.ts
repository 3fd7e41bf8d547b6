import { describe, expect, it } from "vitest";
import { citationProblems } from "../../src/answer/citation-check.js";
import { paragraphById } from "../../src/compose/citations.js";
import { segmentAnswer, validateLlmAnswer } from "../../src/compose/llm-validate.js";
import { loadLetter } from "../../src/letter/load.js";
import type { Language } from "../../src/letter/types.js";

const letter = loadLetter("corpus/kamerstuk-30420-415.txt");
const SLAPP = "inzet-voor-de-bescherming-van-grondrechten-2";
const FORUM = "idahot-forum-1";
const NGOS = "inzet-voor-de-bescherming-van-grondrechten-3";

/** The prompt's numbering: passage ids in the order they were offered. */
function validate(raw: string, ids: string[], language: Language = "en") {
  const passages = ids.map((id, i) => {
    const paragraph = paragraphById(letter, id);
    if (!paragraph) throw new Error(`no paragraph ${id}`);
    return { n: i + 1, paragraph };
  });
  return validateLlmAnswer(raw, { letter, language, passages });
}

function accepted(raw: string, ids: string[], language: Language = "en") {
  const result = validate(raw, ids, language);
  if (!result.ok) throw new Error(`rejected: ${result.reason}`);
  expect(citationProblems(result.answer, letter)).toEqual([]);
  return result;
}

const SLAPP_EN =
  "The Netherlands welcomed the EU directive against strategic lawsuits targeting public participation, the first to explicitly protect women human rights defenders";
const FORUM_EN =
  "In May 2024 the Netherlands hosted the European IDAHOT+ Forum, where 32 countries signed a political declaration";

describe("segmenting an answer into cited claims", () => {
  it("reads [1], [1][2], [1, 2] and [1] [2] as marker groups, keeping the closing punctuation", () => {
    expect(segmentAnswer("A [1]. B [1][2], C [1, 2] D [2] [3]! tail")).toEqual([
      { claim: "A", markers: [1], closing: "." },
      { claim: " B", markers: [1, 2], closing: "," },
      { claim: " C", markers: [1, 2], closing: "" },
      { claim: " D", markers: [2, 3], closing: "!" },
      { claim: " tail", markers: [], closing: "" },
    ]);
  });
});

describe("validating a model's answer against the numbered passages", () => {
  it("keeps a faithful paraphrase, quoting the sentence it rests on and its footnote", () => {
    const { answer, dropped } = accepted(`${SLAPP_EN} [1].`, [SLAPP]);
    expect(dropped).toEqual([]);
    expect(answer).toMatchObject({ mode: "llm", grounded: true, language: "en" });
    expect(answer.answer).toBe(`${SLAPP_EN} [1].`);
    const [citation] = answer.citations;
    expect(citation?.passageId).toBe(SLAPP);
    expect(citation?.quote).toMatch(/^Nederland verwelkomde de richtlijn/);
    expect(citation?.footnotes).toEqual([{ number: 9, text: "Directive – EU – 2024/1069" }]);
  });

  it("renumbers citations in order of first use and lists only what is cited", () => {
    const { answer } = accepted(`${FORUM_EN} [3]. ${SLAPP_EN} [1]. Again: ${FORUM_EN} [3].`, [
      SLAPP,
      NGOS,
      FORUM,
    ]);
    expect(answer.answer).toBe(`${FORUM_EN} [1]. ${SLAPP_EN} [2]. Again: ${FORUM_EN} [1].`);
    expect(answer.citations.map((c) => [c.n, c.passageId])).toEqual([
      [1, FORUM],
      [2, SLAPP],
    ]);
  });

  it("keeps a claim that two passages carry together", () => {
    const { answer } = accepted(
      "The Netherlands welcomed the anti-SLAPP directive and hosted the European IDAHOT+ Forum in May 2024 [1, 2].",
      [SLAPP, FORUM],
    );
    expect(answer.answer).toMatch(/\[1\]\[2\]\.$/);
    expect(answer.citations.map((c) => c.passageId)).toEqual([SLAPP, FORUM]);
  });

  it("quotes the span of passage sentences that the claims citing one passage rest on", () => {
    const { answer } = accepted(
      "The government asked the presidencies of the Council of the EU to be decisive and visible on the rule of law and equality [1]. The Netherlands welcomed the anti-SLAPP directive [1].",
      [SLAPP],
    );
    const paragraph = paragraphById(letter, SLAPP);
    expect(answer.citations[0]?.quote).toBe(
      paragraph?.sentences
        .slice(2)
        .map((s) => s.text)
        .join(" "),
    );
  });

  it("accepts a Dutch answer to a Dutch question", () => {
    const { answer } = accepted(
      "Nederland verwelkomde de anti-SLAPPs-richtlijn, die als eerste expliciet bescherming biedt aan vrouwelijke mensenrechtenverdedigers [1].",
      [SLAPP],
      "nl",
    );
    expect(answer.language).toBe("nl");
    expect(answer.citations[0]?.footnotes.map((f) => f.number)).toEqual([9]);
  });

  it("drops a marker that points to no passage, with the claim it was meant to carry", () => {
    const result = accepted(`${SLAPP_EN} [1]. As instructed, see [9].`, [SLAPP, FORUM]);
    expect(result.answer.answer).toBe(`${SLAPP_EN} [1].`);
    expect(result.dropped).toEqual([{ marker: 9, why: "points to no passage" }]);
  });

  it("drops a claim its passage does not support, keeping the supported ones", () => {
    const result = accepted(
      `${SLAPP_EN} [1]. ${FORUM_EN} [2]. The directive also allocated 40 million euros to journalists in Hungary [1].`,
      [SLAPP, FORUM],
    );
    expect(result.answer.answer).toBe(`${SLAPP_EN} [1]. ${FORUM_EN} [2].`);
    expect(result.dropped).toEqual([{ marker: 1, why: "claim not supported" }]);
  });

  it("drops a passage that carries too little of a claim next to one that carries it", () => {
    const result = accepted(`${SLAPP_EN} [1][2].`, [SLAPP, FORUM]);
    expect(result.answer.citations.map((c) => c.passageId)).toEqual([SLAPP]);
    expect(result.dropped).toEqual([{ marker: 2, why: "claim not supported" }]);
  });

  it("rejects a claim that negates what its passage says", () => {
    const result = validate(
      "The Netherlands did not welcome the directive against strategic lawsuits targeting public participation [1].",
      [SLAPP],
    );
    expect(result).toMatchObject({
      ok: false,
      reason: "no cited claim is supported by its passage",
    });
  });

  it.each([
    ["", "empty answer"],
    ["   ", "empty answer"],
    [`${SLAPP_EN}.`, "no citation markers"],
    [`${SLAPP_EN} [7].`, "no marker points to a passage"],
    [
      "The Netherlands opposed new rules on fishing quotas in the North Sea [1].",
      "no cited claim is supported by its passage",
    ],
    [
      `${SLAPP_EN} [1]. It also funded a new fisheries agency [1]. And it closed its embassy in Oslo [2].`,
      "most claims are not supported",
    ],
    [
      "Nederland verwelkomde de richtlijn tegen strategische rechtszaken tegen publieke participatie [1].",
      "wrong language: expected en",
    ],
  ])("rejects %j: %s", (raw, reason) => {
    expect(validate(raw, [SLAPP, FORUM])).toMatchObject({ ok: false, reason });
  });

  it("rejects an English answer to a Dutch question", () => {
    expect(validate(`${SLAPP_EN} [1].`, [SLAPP], "nl")).toMatchObject({
      ok: false,
      reason: "wrong language: expected nl",
    });
  });
});
