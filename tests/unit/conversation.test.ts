import { describe, expect, it } from "vitest";
import { followUpContext, resolvePosition } from "../../src/answer/conversation.js";
import type { ChatTurn } from "../../src/answer/types.js";
import { sentencesOf } from "../../src/retrieve/analyzer.js";

const conversationOf = (question: string, answer: string): ChatTurn[] => [
  { role: "user", content: question },
  { role: "assistant", content: answer },
];

describe("a reference by position to the previous answer", () => {
  const named = conversationOf(
    "Which states hosted the meetings?",
    "According to the letter: the first meeting was held in Portugal, the second in Sweden and the last one in Estonia.",
  );

  it.each([
    ["What happened in the second one?", "What happened in Sweden?"],
    ["And the last one?", "And Estonia?"],
    ["Who organised the first?", "Who organised Portugal?"],
  ])("%s → %s", (question, resolved) => {
    expect(resolvePosition(question, named, "en")).toBe(resolved);
  });

  it("counts the people named, not their offices beside them", () => {
    const signed = conversationOf(
      "Who chaired the panels?",
      "The panels were chaired by A.B. Jansen, the Minister of Foreign Affairs, and by C.D. Vries.",
    );
    expect(resolvePosition("and the second one?", signed, "en")).toBe("and C.D. Vries?");
    // A name by initials is a name wherever it stands, also first after a colon.
    const listed = conversationOf(
      "Who signed it?",
      "Two people signed it: A.B. Jansen and C.D. Vries.",
    );
    expect(resolvePosition("and the second one, what's their job?", listed, "en")).toBe(
      "and C.D. Vries, what's their job?",
    );
  });

  it("finds a thing named by its kind in the clause that names it", () => {
    const history = conversationOf(
      "wat deed de minister?",
      "De minister sprak in de Raad, opende een nieuw netwerk van steden, en richtte een werkgroep van juristen op.",
    );
    expect(resolvePosition("waar werkt die laatste werkgroep aan?", history, "nl")).toBe(
      "waar werkt en richtte een werkgroep van juristen op aan?",
    );
  });

  it.each([
    ["Which countries signed for the first time?"],
    ["What did the government do in the last year?"],
    ["Who chaired the committee?"],
  ])("leaves %s alone", (question) => {
    expect(resolvePosition(question, named, "en")).toBe(question);
  });

  it("needs a previous answer and something at that position", () => {
    expect(resolvePosition("And the second one?", [], "en")).toBe("And the second one?");
    const one = conversationOf("Where?", "According to the letter: in Portugal.");
    expect(resolvePosition("And the third one?", one, "en")).toBe("And the third one?");
  });

  it("reads a turn that acknowledges the answer and goes on as a follow-up", () => {
    const asked = conversationOf("Who chairs the committee?", "The Netherlands, since this year.");
    expect(followUpContext("ok and what does it work on these days?", asked, "en")).toBe(
      "Who chairs the committee?",
    );
    expect(
      followUpContext(
        "What did the Netherlands do in the Council of Europe on intersex persons and their equal rights?",
        asked,
        "en",
      ),
    ).toBeUndefined();
  });

  it("reads the resolved question as a follow-up of the previous one", () => {
    const resolved = resolvePosition("When did the second one do that?", named, "en");
    expect(followUpContext(resolved, named, "en")).toBe("Which states hosted the meetings?");
  });
});

describe("a message's sentences", () => {
  it("end after a question mark, and after a full stop only where a capital follows", () => {
    expect(sentencesOf("main pts of the letter? bullet style")).toEqual([
      "main pts of the letter?",
      "bullet style",
    ]);
    expect(sentencesOf("Welke lidstaten blokkeren art. 19 nog, en wanneer?")).toHaveLength(1);
    expect(sentencesOf("Ik wil het citeren. Wie tekende?")).toEqual([
      "Ik wil het citeren.",
      "Wie tekende?",
    ]);
  });

  it("end after a whole word's full stop where chat goes on in lower case, not after a short form", () => {
    expect(sentencesOf("i'm writing about europe. can you sum it up?")).toEqual([
      "i'm writing about europe.",
      "can you sum it up?",
    ]);
    expect(sentencesOf("zie bijv. de brief")).toHaveLength(1);
    expect(sentencesOf("Kamerstuk 30 420 nr. 388, o.a. de voetnoot")).toHaveLength(1);
    expect(sentencesOf("Incl. de voetnoten, of excl. de bijlage?")).toHaveLength(1);
  });
});
