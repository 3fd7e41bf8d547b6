import { describe, expect, it } from "vitest";
import { type AskedThingEvidence, type Missing, notStated } from "../../src/decide/not-stated.js";
import { type OverviewRequest, overviewTarget } from "../../src/decide/overview.js";
import { decideScope } from "../../src/decide/scope.js";
import type { ScopeAssessment } from "../../src/retrieve/scope.js";

/** A question's scope: by default all its words are the letter's, none specific. */
const scope = (overrides: Partial<ScopeAssessment> = {}): ScopeAssessment => ({
  absent: [],
  absentShare: 0,
  unknownShare: 0,
  bestKnown: 1,
  ...overrides,
});

describe("the scope decision", () => {
  it.each<[string, boolean, ScopeAssessment, "answer" | "refuse"]>([
    ["grounded, on the letter's words", true, scope(), "answer"],
    ["no evidence in any passage", false, scope(), "refuse"],
    ["a topic the letter places elsewhere", true, scope({ placedTopic: false }), "refuse"],
    ["everyday content mostly unknown", true, scope({ unknownShare: 0.6 }), "refuse"],
    ["specificity mostly unknown", true, scope({ absentShare: 0.8, bestKnown: 1 }), "refuse"],
    ["…but naming the letter's own", true, scope({ absentShare: 0.8, bestKnown: 4 }), "answer"],
  ])("%s", (_, grounded, assessed, expected) => {
    expect(decideScope(grounded, assessed)).toBe(expected);
  });

  it("answers a premise to confirm however wrongly it places the topic", () => {
    const misplaced = scope({ placedTopic: false, bestKnown: 4 });
    expect(decideScope(true, misplaced, undefined, { premise: true })).toBe("answer");
    expect(decideScope(false, misplaced, undefined, { premise: true })).toBe("refuse");
  });

  it("answers a question naming one of the letter's footnotes, in whatever words", () => {
    const unknownWords = scope({ unknownShare: 0.6, absentShare: 0.8 });
    expect(decideScope(true, unknownWords, undefined, { namesFootnote: true })).toBe("answer");
    expect(decideScope(true, unknownWords)).toBe("refuse");
  });

  it("refuses a request for personal advice however many of the letter's words it uses", () => {
    expect(decideScope(true, scope({ bestKnown: 4 }), undefined, { advice: true })).toBe("refuse");
  });
});

describe("the overview target", () => {
  const request = (overrides: Partial<OverviewRequest> = {}): OverviewRequest => ({
    asks: "letter",
    focus: scope(),
    focusNamesTopic: false,
    ...overrides,
  });
  it.each<[string, OverviewRequest, ReturnType<typeof overviewTarget>]>([
    ["the letter's gist, nothing else named", request(), { of: "letter" }],
    [
      "a section its title names",
      request({ asks: "topic", namedSection: "raad" }),
      { of: "section", sectionId: "raad" },
    ],
    [
      "the letter's own subject",
      request({ asks: "topic", subjectCoverage: 1, focus: scope({ bestKnown: 4 }) }),
      { of: "letter" },
    ],
    [
      "its subject in a field it never speaks of",
      request({ asks: "topic", subjectCoverage: 1, focus: scope({ unknownShare: 0.4 }) }),
      undefined,
    ],
    [
      "a topic of its own, not the letter's subject",
      request({ asks: "topic", subjectCoverage: 0.2, focus: scope({ bestKnown: 4 }) }),
      undefined,
    ],
    [
      "the gist plus why it is wanted",
      request({ subjectCoverage: 0, focus: scope({ unknownShare: 0.9, bestKnown: 0 }) }),
      { of: "letter" },
    ],
    [
      "the gist of one of the letter's topics, not its subject",
      request({ subjectCoverage: 0, focusNamesTopic: true, focus: scope({ bestKnown: 4 }) }),
      undefined,
    ],
    [
      "the gist on one of its topics, where an answer on the topic would be a refusal",
      request({
        subjectCoverage: 0,
        focusNamesTopic: true,
        focus: scope({ bestKnown: 4, unknownShare: 0.3 }),
        questionRefused: true,
      }),
      { of: "letter" },
    ],
    [
      "the gist on a topic outside the letter, which the question's refusal stands for",
      request({
        subjectCoverage: 0,
        focusNamesTopic: true,
        focus: scope({ bestKnown: 4, unknownShare: 0.7 }),
        questionRefused: true,
      }),
      undefined,
    ],
    [
      "the gist of it somewhere the letter does not place it",
      request({ focus: scope({ placedTopic: false }), subjectCoverage: 0 }),
      undefined,
    ],
  ])("%s", (_, asked, expected) => {
    expect(overviewTarget(asked)).toEqual(expected);
  });
});

describe("not stated", () => {
  const evidence = (overrides: Partial<AskedThingEvidence> = {}): AskedThingEvidence => ({
    typed: true,
    namedKind: true,
    leadHoldsKind: false,
    quotedHoldKind: false,
    stateActs: false,
    personalName: false,
    quotedNamesPerson: false,
    asksAhead: false,
    quotedLookAhead: false,
    ...overrides,
  });
  it.each<[string, AskedThingEvidence, Missing | undefined]>([
    ["a date asked, no quoted sentence holds one", evidence(), "kind"],
    ["the lead sentence holds it", evidence({ leadHoldsKind: true }), undefined],
    ["another quoted sentence holds it", evidence({ quotedHoldKind: true }), undefined],
    ["asked who, and a state did it", evidence({ stateActs: true }), undefined],
    ["an open question has no kind to lack", evidence({ typed: false }), undefined],
    ["a kind with no name to say it lacks", evidence({ namedKind: false }), undefined],
    [
      "a person's name asked, only a role quoted",
      evidence({ typed: false, personalName: true }),
      "kind",
    ],
    [
      "a person's name asked and quoted",
      evidence({ personalName: true, quotedNamesPerson: true, leadHoldsKind: true }),
      undefined,
    ],
    [
      "what lies ahead asked, only the past year quoted",
      evidence({ typed: false, asksAhead: true }),
      "outlook",
    ],
    [
      "what lies ahead asked and a quoted sentence looks ahead",
      evidence({ typed: false, asksAhead: true, quotedLookAhead: true }),
      undefined,
    ],
    [
      "what lies ahead asked, neither it nor the kind quoted: the outlook is what is missing",
      evidence({ asksAhead: true }),
      "outlook",
    ],
    [
      "a date of what lies ahead asked, a date still to come quoted",
      evidence({ asksAhead: true, quotedLookAhead: true, leadHoldsKind: true }),
      undefined,
    ],
  ])("%s", (_, asked, expected) => {
    expect(notStated(asked)).toBe(expected);
  });
});
