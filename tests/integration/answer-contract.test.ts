import { describe, expect, it } from "vitest";
import { CachedAnswerService, type CacheLookup } from "../../src/answer/cache.js";
import { citationProblems } from "../../src/answer/citation-check.js";
import type { Answer, AnswerEvent, AnswerService, AskInput } from "../../src/answer/types.js";
import type { Letter } from "../../src/letter/types.js";
import { createLogger } from "../../src/logger.js";
import { memorySharedState } from "../../src/state/shared.js";
import { loadRealServices } from "../support/real-services.js";

/** Questions of every kind the composer treats differently, in both languages. */
const QUESTIONS: AskInput[] = [
  { question: "When did the Netherlands host the IDAHOT+ Forum?" },
  { question: "Wanneer organiseerde Nederland het IDAHOT+ Forum?" },
  { question: "How many countries signed the political declaration at the IDAHOT+ Forum?" },
  { question: "Hoeveel Europese landen tekenden de politieke verklaring?" },
  { question: "Which countries signed the declaration for the first time?" },
  { question: "Welke landen hebben de verklaring dit jaar voor het eerst ondertekend?" },
  {
    question:
      "Where did the Netherlands sign the declaration on the European Pillar of Social Rights?",
  },
  { question: "Who organised a meeting for LGBTIQ+ envoys?" },
  { question: "How many individuals were added to the EU human rights sanctions list?" },
  { question: "When will the House receive the evaluation of the human rights policy?" },
  { question: "Which directive counters SLAPPs?" },
  { question: "Did the Netherlands support the anti-SLAPP directive?" },
  { question: "Heeft Nederland de verklaring van La Hulpe ondertekend?" },
  { question: "Who signed the letter?" },
  { question: "Door wie is de brief ondertekend?" },
  { question: "Summarise the letter" },
  { question: "Wat zijn de hoofdpunten van de brief?" },
  { question: "What does the letter say about the Council of Europe?" },
  { question: "What does the EU do about railways in the Netherlands?" },
];

async function collect(service: AnswerService, input: AskInput) {
  const events: AnswerEvent[] = [];
  for await (const event of service.stream(input)) events.push(event);
  const done = events.at(-1);
  if (done?.type !== "done") throw new Error("the stream did not end with done");
  const deltas = events.flatMap((e) => (e.type === "delta" ? [e.text] : []));
  return { events, deltas, answer: done.answer };
}

/** The sentences a citation quotes, in the answer's language: the Dutch original or its English rendering. */
function quotedSentences(letter: Letter, answer: Answer, n: number): string[] {
  const citation = answer.citations.find((c) => c.n === n);
  if (!citation) return [];
  const paragraph = letter.paragraphs.find((p) => p.id === citation.passageId);
  if (!paragraph) return [citation.quote];
  return paragraph.sentences.flatMap((s, i) =>
    citation.quote.includes(s.text)
      ? [
          answer.language === "en"
            ? (letter.translation.paragraphs[paragraph.id]?.[i]?.en ?? s.text)
            : s.text,
        ]
      : [],
  );
}

describe("the answer contract", () => {
  it("streams deltas that concatenate to the answer exactly, fresh and cached", async () => {
    const { answers } = await loadRealServices();
    const lookups: CacheLookup[] = [];
    const cached = new CachedAnswerService(answers, {
      store: memorySharedState({ logger: createLogger("silent") }).keyv<Answer>("answers"),
      version: "answer-contract",
      ttlMs: 60_000,
      onLookup: (result) => lookups.push(result),
    });
    for (const input of QUESTIONS) {
      const fresh = await collect(answers, input);
      expect(fresh.events[0]?.type).toBe("citations");
      expect(fresh.deltas.join("")).toBe(fresh.answer.answer);
      // The first pass fills the cache, the second is served from it.
      await collect(cached, input);
      const again = await collect(cached, input);
      expect(lookups.slice(-2)).toEqual(["miss", "hit"]);
      expect(again.deltas.join("")).toBe(again.answer.answer);
      expect(again.answer.answer).toBe(fresh.answer.answer);
    }
  });

  it("opens typed answers with a span verbatim from the cited sentence, in the answer's language", async () => {
    const { answers, letter } = await loadRealServices();
    let directs = 0;
    for (const input of QUESTIONS) {
      const answer = await answers.ask(input);
      expect(citationProblems(answer, letter)).toEqual([]);
      if (!answer.direct) continue;
      directs += 1;
      expect(answer.answer.startsWith(`${answer.direct.text} [${answer.direct.citation}]`)).toBe(
        true,
      );
      const sentences = quotedSentences(letter, answer, answer.direct.citation);
      expect(sentences.some((s) => s.includes(answer.direct?.text ?? "\u0000"))).toBe(true);
    }
    expect(directs).toBeGreaterThanOrEqual(6);
  });

  it("states the asked-for thing: dates, numbers, places, lists", async () => {
    const { answers } = await loadRealServices();
    const expectations: Array<[string, string]> = [
      ["When did the Netherlands host the IDAHOT+ Forum?", "In May 2024"],
      ["Wanneer organiseerde Nederland het IDAHOT+ Forum?", "In mei 2024"],
      [
        "How many countries signed the political declaration at the IDAHOT+ Forum?",
        "32 European countries",
      ],
      [
        "Where did the Netherlands sign the declaration on the European Pillar of Social Rights?",
        "La Hulpe",
      ],
      [
        "Which countries signed the declaration for the first time?",
        "Poland, Albania, Spain, Montenegro and Ukraine",
      ],
      ["When will the House receive the evaluation of the human rights policy?", "Q1 2025"],
      ["Which directive counters SLAPPs?", "2024/1069"],
    ];
    for (const [question, fact] of expectations) {
      const answer = await answers.ask({ question });
      expect(answer.grounded, question).toBe(true);
      expect(answer.answer, question).toContain(fact);
    }
  });

  it("lists on a citation only the footnotes its quoted sentences reference", async () => {
    const { answers, letter } = await loadRealServices();
    for (const input of [
      ...QUESTIONS,
      { question: "How often did the EU equality ministers meet in 2024?" },
    ]) {
      const answer = await answers.ask(input);
      for (const citation of answer.citations) {
        const paragraph = letter.paragraphs.find((p) => p.id === citation.passageId);
        const referenced = new Set(
          (paragraph?.sentences ?? [])
            .filter((s) => citation.quote.includes(s.text))
            .flatMap((s) => s.footnoteRefs.map((r) => r.number)),
        );
        for (const footnote of citation.footnotes)
          expect(referenced.has(footnote.number)).toBe(true);
      }
    }
  });

  it("puts footnote references before the full stop, unbreakable, in both languages", async () => {
    const { answers } = await loadRealServices();
    const english = await answers.ask({
      question: "What is the EU sanctions list addition of July 2024 part of?",
      lang: "en",
    });
    const dutch = await answers.ask({
      question: "Wat zegt de brief over het vergaderen van de gelijkheidsministers?",
      lang: "nl",
    });
    for (const answer of [english, dutch]) {
      expect(answer.answer).not.toMatch(/\.\s*\((?:footnote|voetnoot)/);
    }
    const slapp = await answers.ask({ question: "Wat deed Nederland tegen SLAPPs?" });
    expect(slapp.answer).toMatch(/\u00a0\(voetnoot\u00a09(?::[^)]*)?\)\. \[1\]/);
    const slappEn = await answers.ask({ question: "what did NL do on SLAPPs?" });
    expect(slappEn.answer).toMatch(/\u00a0\(footnote\u00a09(?::[^)]*)?\)\. \[1\]/);
  });

  it("answers the letter's own facts from its heading and signature block", async () => {
    const { answers, letter } = await loadRealServices();
    const signed = await answers.ask({ question: "Who signed the letter?" });
    expect(signed.answer).toContain("C.C.J. Veldkamp");
    expect(signed.answer).toContain("M.L.J. Paul");
    expect(signed.answer).toContain("Minister of Foreign Affairs");
    expect(signed.citations[0]).toMatchObject({
      passageId: "letter-signatures",
      section: "Signatures",
    });
    const getekend = await answers.ask({ question: "Wie heeft deze brief ondertekend?" });
    expect(getekend.answer).toContain("Staatssecretaris van Onderwijs, Cultuur en Wetenschap");
    const number = await answers.ask({ question: "Wat is het kamerstuknummer van deze brief?" });
    expect(number.answer).toContain("30 420, nr. 415");
    // The letter described by its own title is still the letter.
    const described = await answers.ask({
      question:
        "Onder welk nummer is de brief over gendergelijkheid en lhbtiq+ personen verschenen?",
    });
    expect(described).toMatchObject({ outcome: "letter_fact" });
    // "co-" is a prefix, no topic of the letter's content.
    const cosigned = await answers.ask({
      question: "Which minister co-signed this letter? We are writing back to them.",
    });
    expect(cosigned).toMatchObject({ outcome: "letter_fact" });
    // "member" is the letter's word only in "member states"; members of the cabinet are others.
    const members = await answers.ask({
      question: "Which members of the government signed this letter?",
    });
    expect(members).toMatchObject({ outcome: "letter_fact" });
    expect(members.answer).toContain("C.C.J. Veldkamp");
    expect(described.answer).toContain("30 420, nr. 415");
    const year = await answers.ask({
      question: "In which parliamentary year was the letter sent?",
    });
    expect(year.direct?.text).toBe("2024–2025");
    const addressee = await answers.ask({ question: "Aan wie is de brief gericht?" });
    expect(addressee.answer).toContain("Voorzitter van de Tweede Kamer");
    for (const answer of [signed, getekend, number, year, addressee]) {
      expect(answer.grounded).toBe(true);
      expect(citationProblems(answer, letter)).toEqual([]);
    }
  });

  it("gives an overview, one key sentence per section, in either language and phrasing", async () => {
    const { answers, letter } = await loadRealServices();
    for (const question of [
      "Summarise the letter",
      "What are the main points of this letter?",
      "What is this letter about?",
      "Waar gaat deze brief over?",
      "Geef een samenvatting van de brief",
      // No summary word: the letter as a whole, with no kind of thing asked and no topic named.
      "Give me a rundown of the letter",
      "Wat staat er allemaal in deze brief?",
    ]) {
      const answer = await answers.ask({ question });
      expect(answer.grounded, question).toBe(true);
      const sections = new Set(
        answer.citations.map((c) => letter.paragraphs.find((p) => p.id === c.passageId)?.sectionId),
      );
      expect(sections.size, question).toBeGreaterThanOrEqual(3);
      expect(citationProblems(answer, letter)).toEqual([]);
    }
    const council = await answers.ask({
      question: "What does the letter say about the Council of Europe?",
    });
    expect(council.grounded).toBe(true);
    for (const citation of council.citations) {
      expect(citation.passageId).toMatch(/^inzet-binnen-de-raad-van-europa-/);
    }
  });

  it("refuses questions whose focus the letter never mentions, though generic words match", async () => {
    const { answers } = await loadRealServices();
    for (const question of [
      "What does the EU do about railways in the Netherlands?",
      "Wat doet het kabinet aan vaccinaties in Europa?",
      "How many asylum seekers did the Netherlands take in last year?",
      "When will the Dutch state pension age go up?",
    ]) {
      const answer = await answers.ask({ question });
      expect(answer.grounded, question).toBe(false);
    }
    const onTopic = await answers.ask({
      question: "What did the Netherlands do at the IDAHOT+ Forum in 2024?",
    });
    expect(onTopic.grounded).toBe(true);
  });

  it("answers yes/no questions with the quoted evidence, never a bare yes or no", async () => {
    const { answers } = await loadRealServices();
    for (const question of [
      "Did the Netherlands support the anti-SLAPP directive?",
      "Heeft Nederland de verklaring van La Hulpe ondertekend?",
    ]) {
      const answer = await answers.ask({ question });
      expect(answer.grounded).toBe(true);
      expect(answer.answer).not.toMatch(/^(?:yes|no|ja|nee)\b/i);
      expect(answer.answer).toMatch(/\[1\]/);
    }
  });

  it("refuses as not stated an amount the letter lacks, pointing to where it says what it does", async () => {
    const { answers } = await loadRealServices();
    const answer = await answers.ask({
      question: "How much money did the ministry give to the European NGOs?",
    });
    expect(answer).toMatchObject({ grounded: false, reason: "not_stated", citations: [] });
    expect(answer.answer).toMatch(/^The letter does not give an amount for this\./);
    expect(answer.related?.[0]?.quote).toContain("financiële steun");
  });
});
