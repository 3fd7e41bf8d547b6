import { describe, expect, it } from "vitest";
import { insights, questionKey } from "../../src/feedback/insights.js";
import type { QuestionRecord, RatedAnswer } from "../../src/feedback/question-log.js";

let next = 0;
function record(
  fields: Partial<QuestionRecord> & Pick<QuestionRecord, "question">,
): QuestionRecord {
  next += 1;
  return {
    id: `00000000-0000-4000-8000-${String(next).padStart(12, "0")}`,
    askedAt: "2026-12-01T10:00:00.000Z",
    channel: "page",
    language: "en",
    outcome: "answer",
    sections: [],
    followUp: false,
    cacheHit: false,
    latencyMs: 20,
    ...fields,
  };
}

const period = { from: new Date("2026-12-01T00:00:00Z"), to: new Date("2026-12-04T00:00:00Z") };
const titles = (id: string) => ({ nl: `titel ${id}`, en: `title ${id}` });
const aggregate = (questions: QuestionRecord[], ratings: RatedAnswer[] = []) =>
  insights({
    ...period,
    questionLog: true,
    questions,
    ratings,
    sectionTitle: titles,
    scrub: (text) => text.replaceAll("secret@example.org", "[e-mail]"),
  });

describe("near-duplicate questions", () => {
  it("count together when they share their content words, whatever the order, case or question words", () => {
    const key = questionKey("What did NL do on SLAPPs?", "en");
    expect(questionKey("what did the Netherlands do about SLAPPs", "en")).toBe(key);
    expect(questionKey("SLAPPs: what did NL do?", "en")).toBe(key);
    expect(questionKey("What did NL do on gender equality?", "en")).not.toBe(key);
    expect(questionKey("Wat deed Nederland tegen SLAPPs?", "nl")).toBe(
      questionKey("Wat heeft Nederland gedaan tegen SLAPPs", "nl"),
    );
  });
});

describe("the insights of a period", () => {
  it("counts by day (every day, empty ones too), channel, language and outcome", () => {
    const result = aggregate([
      record({ question: "a?", askedAt: "2026-12-01T09:00:00.000Z" }),
      record({ question: "b?", askedAt: "2026-12-01T23:00:00.000Z", channel: "slack" }),
      record({
        question: "c?",
        askedAt: "2026-12-03T00:00:00.000Z",
        language: "nl",
        outcome: "out_of_scope",
        channel: "mcp",
      }),
    ]);
    expect(result.byDay.map((d) => [d.day, d.total])).toEqual([
      ["2026-12-01", 2],
      ["2026-12-02", 0],
      ["2026-12-03", 1],
    ]);
    expect(result.byDay[2]?.outcomes.out_of_scope).toBe(1);
    expect(result.byChannel).toEqual([
      { channel: "page", count: 1 },
      { channel: "widget", count: 0 },
      { channel: "slack", count: 1 },
      { channel: "mcp", count: 1 },
      { channel: "api", count: 0 },
      { channel: "cli", count: 0 },
    ]);
    expect(result.byLanguage).toEqual([
      { language: "nl", count: 1 },
      { language: "en", count: 2 },
    ]);
    expect(result.byOutcome.find((o) => o.outcome === "answer")?.count).toBe(2);
    expect(result.totals).toMatchObject({ questions: 3, answered: 2, unanswered: 1 });
  });

  it("ranks the most asked questions with their other phrasings, and gives p50/p95 latency", () => {
    const result = aggregate([
      ...Array.from({ length: 3 }, () => record({ question: "What did NL do on SLAPPs?" })),
      record({ question: "what did the Netherlands do about SLAPPs", outcome: "overview" }),
      record({ question: "Who signed the letter?", outcome: "letter_fact" }),
    ]);
    expect(result.topQuestions[0]).toEqual({
      question: "What did NL do on SLAPPs?",
      count: 4,
      variants: ["what did the Netherlands do about SLAPPs"],
      outcomes: {
        answer: 3,
        overview: 1,
        letter_fact: 0,
        language_switch: 0,
        not_stated: 0,
        out_of_scope: 0,
      },
    });
    expect(result.topQuestions[1]?.question).toBe("Who signed the letter?");
    const timed = Array.from({ length: 20 }, (_, i) =>
      record({ question: `question ${i}`, latencyMs: 20 - i }),
    );
    // Nearest rank: the 10th and the 19th of 20.
    expect(aggregate(timed).latencyMs).toEqual({ p50: 10, p95: 19 });
    expect(aggregate([]).latencyMs).toBeNull();
  });

  it("groups the unanswered questions by the word they share most", () => {
    const result = aggregate([
      record({ question: "How much do train tickets cost?", outcome: "out_of_scope" }),
      record({ question: "Are there train strikes?", outcome: "out_of_scope" }),
      record({ question: "What about trains to Berlin?", outcome: "out_of_scope" }),
      record({ question: "How many LGBTIQ+ people live in NL?", outcome: "not_stated" }),
      record({ question: "Fishing quotas for 2024?", outcome: "out_of_scope" }),
      record({ question: "Which tax rises came in 2024?", outcome: "out_of_scope" }),
      record({ question: "What did NL do on SLAPPs?" }),
    ]);
    // A question that shares no word with another is a topic of its own; a year is no topic.
    expect(result.unanswered.map((t) => [t.topic, t.count])).toEqual([
      ["train", 3],
      ["Fishing quotas for 2024?", 1],
      ["How many LGBTIQ+ people live in NL?", 1],
      ["Which tax rises came in 2024?", 1],
    ]);
    expect(result.unanswered[2]?.questions).toEqual([
      { question: "How many LGBTIQ+ people live in NL?", count: 1, outcome: "not_stated" },
    ]);
  });

  it("counts sections by citations and reads thumbs down with their question's record", () => {
    const rated = record({
      question: "Which directive on SLAPPs?",
      sections: ["inzet-voor-de-bescherming-van-grondrechten"],
      channel: "widget",
    });
    const result = aggregate(
      [rated, record({ question: "x", sections: ["inzet-voor-de-bescherming-van-grondrechten"] })],
      [
        {
          createdAt: "2026-12-02T08:00:00.000Z",
          question: "Which directive on SLAPPs?",
          answer: "The anti-SLAPP directive.",
          rating: "down",
          comment: "mail secret@example.org",
          asked: rated,
        },
        {
          createdAt: "2026-12-02T09:00:00.000Z",
          question: "unlinked, from secret@example.org",
          answer: "A.",
          rating: "down",
        },
        { createdAt: "2026-12-02T10:00:00.000Z", question: "q", answer: "A.", rating: "up" },
      ],
    );
    expect(result.sections).toEqual([
      {
        id: "inzet-voor-de-bescherming-van-grondrechten",
        title: titles("inzet-voor-de-bescherming-van-grondrechten"),
        citations: 2,
        up: 0,
        down: 1,
      },
    ]);
    expect(result.totals).toMatchObject({ ratingsUp: 1, ratingsDown: 2 });
    // Newest first; what raters typed is scrubbed, the log's copy already was.
    expect(result.thumbsDown).toEqual([
      {
        createdAt: "2026-12-02T09:00:00.000Z",
        question: "unlinked, from [e-mail]",
        answer: "A.",
        sections: [],
      },
      {
        createdAt: "2026-12-02T08:00:00.000Z",
        question: "Which directive on SLAPPs?",
        answer: "The anti-SLAPP directive.",
        comment: "mail [e-mail]",
        channel: "widget",
        outcome: "answer",
        sections: [
          {
            id: "inzet-voor-de-bescherming-van-grondrechten",
            title: titles("inzet-voor-de-bescherming-van-grondrechten"),
          },
        ],
      },
    ]);
  });
});
