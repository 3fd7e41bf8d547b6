import { describe, expect, it } from "vitest";
import { citationProblems } from "../../src/answer/citation-check.js";
import { loadRealServices } from "../support/real-services.js";

const SLAPP_PASSAGE = "inzet-voor-de-bescherming-van-grondrechten-2";

describe("answers from the real letter", () => {
  it("answers the SLAPP question in English with the passage and footnote 9", async () => {
    const { answers, letter } = await loadRealServices();
    const answer = await answers.ask({ question: "what did NL do on SLAPPs?" });
    expect(answer).toMatchObject({ grounded: true, language: "en", mode: "extractive" });
    expect(answer.citations[0]).toMatchObject({ n: 1, passageId: SLAPP_PASSAGE, page: 3 });
    expect(answer.citations[0]?.footnotes).toContainEqual({
      number: 9,
      text: "Directive – EU – 2024/1069",
    });
    expect(answer.citations[0]?.quote).toContain("anti-SLAPPs-richtlijn");
    expect(answer.answer).toMatch(
      /^According to the letter: .*anti-SLAPP directive.*\(footnote\u00a09[:)].*\[1\]/,
    );
    expect(citationProblems(answer, letter)).toEqual([]);
  });

  it("answers the same question in Dutch, quoting the original", async () => {
    const { answers } = await loadRealServices();
    const answer = await answers.ask({ question: "Wat deed Nederland tegen SLAPPs?" });
    expect(answer).toMatchObject({ grounded: true, language: "nl" });
    expect(answer.citations[0]?.passageId).toBe(SLAPP_PASSAGE);
    expect(answer.answer).toMatch(/^Volgens de brief: .*\(voetnoot\u00a09[:)].*\[1\]/);
  });

  it("refuses an off-topic question helpfully, in its language", async () => {
    const { answers } = await loadRealServices();
    const english = await answers.ask({ question: "What is the capital of France?" });
    expect(english).toMatchObject({ grounded: false, citations: [], language: "en" });
    expect(english.answer).toMatch(/does not cover/);
    expect(english.answer).toContain("Council of Europe");
    expect(english.followUps?.length).toBeGreaterThan(0);
    const dutch = await answers.ask({ question: "Wat zegt de brief over stikstof?" });
    expect(dutch).toMatchObject({ grounded: false, language: "nl" });
    expect(dutch.answer).toMatch(/staat niet in de brief/);
  });

  it("finds footnote 9 and its paragraph from the directive's number", async () => {
    const { answers } = await loadRealServices();
    const evidence = await answers.retrieve({ question: "directive 2024/1069" });
    expect(evidence.retrieval.passages[0]).toMatchObject({
      passageId: SLAPP_PASSAGE,
      footnoteHits: [9],
    });
  });

  it("resolves an elliptical follow-up against the conversation", async () => {
    const { answers } = await loadRealServices();
    const history = [
      {
        role: "user" as const,
        content: "Did the Netherlands push for new EU equality strategies?",
      },
      {
        role: "assistant" as const,
        content: "Yes, it argued for renewed equality strategies. [1]",
      },
    ];
    const alone = await answers.retrieve({ question: "And in the Council of Europe?" });
    const followUp = await answers.retrieve({ question: "And in the Council of Europe?", history });
    expect(followUp.queryText).toContain("equality strategies");
    expect(alone.queryText).toBe("And in the Council of Europe?");
    // The Council of Europe's new gender equality strategy, next to the EU strategies asked before.
    expect(followUp.retrieval.passages.slice(0, 2).map((p) => p.passageId)).toContain(
      "inzet-binnen-de-raad-van-europa-1",
    );
  });

  it("reads 'it' as the letter in a conversation about the letter", async () => {
    const { answers } = await loadRealServices();
    for (const [question, followUp] of [
      ["What is this letter about?", "and which year is it from?"],
      ["Waar gaat deze brief over?", "en uit welk jaar is hij?"],
    ] as const) {
      const first = await answers.ask({ question });
      expect(first.outcome).toBe("overview");
      const history = [
        { role: "user" as const, content: question },
        { role: "assistant" as const, content: first.answer },
      ];
      const year = await answers.ask({ question: followUp, history });
      expect(year).toMatchObject({ outcome: "letter_fact", direct: { text: "2024–2025" } });
    }
  });

  it("streams citations first, then text, then the same answer", async () => {
    const { answers } = await loadRealServices();
    const events = [];
    for await (const event of answers.stream({ question: "Which sanctions did the EU adopt?" })) {
      events.push(event);
    }
    expect(events[0]?.type).toBe("citations");
    expect(events.at(-1)?.type).toBe("done");
    const done = events.at(-1);
    // The deltas are the answer exactly: nothing to add between them.
    const text = events.flatMap((e) => (e.type === "delta" ? [e.text] : [])).join("");
    if (done?.type !== "done") throw new Error("no done event");
    expect(text).toBe(done.answer.answer);
    expect(done.answer.citations.map((c) => c.passageId)).toContain("europese-samenwerking-5");
  });

  it("tells an overview of the letter, of one section and of a thing in it apart", async () => {
    const { answers, letter } = await loadRealServices();
    const sectionOf = (passageId: string) =>
      letter.paragraphs.find((p) => p.id === passageId)?.sectionId;
    const sections = (answer: { citations: { passageId: string }[] }) =>
      new Set(answer.citations.map((c) => sectionOf(c.passageId)));

    // On the letter's own subject, as its title states it: the whole letter.
    const subject = await answers.ask({
      question:
        "tl;dr: what did the Dutch government do on gender equality and LGBTIQ+ rights in the EU this past year?",
    });
    expect(sections(subject).size).toBeGreaterThanOrEqual(3);

    // Most of a section title's words: that section only.
    const section = await answers.ask({
      question: "What does the letter say about protecting fundamental rights in the EU?",
    });
    expect([...sections(section)]).toEqual(["inzet-voor-de-bescherming-van-grondrechten"]);

    // The topics of something the letter mentions: the sentence about it, not an overview.
    const thing = await answers.ask({
      question: "Met welke onderwerpen houdt het nieuwe comité ADI SOGIESC zich bezig?",
    });
    expect(thing.citations).toHaveLength(1);
    expect(thing.citations[0]?.quote).toContain("seksuele geaardheid, genderidentiteit");

    // The letter's subject in a field it never speaks of: no overview of the letter. (It was
    // refused while a hand-made list of other fields named sports; without it, it is answered
    // with the letter's LGBTIQ+ passages.)
    const elsewhere = await answers.ask({
      question: "What does the letter say about LGBTIQ+ rights in sports?",
    });
    expect(elsewhere.outcome).not.toBe("overview");
  });

  it("quotes the sentence a stance refers back to with it", async () => {
    const { answers } = await loadRealServices();
    const answer = await answers.ask({ question: "Wat zegt de brief over Bulgarije?" });
    const quote = answer.citations[0]?.quote ?? "";
    expect(quote).toContain("dergelijke wetgeving");
    expect(quote).toContain("Dit jaar voerde Bulgarije discriminerende wetgeving door");
  });

  it("finds a Dutch compound's parts in the letter and answers with the thing asked", async () => {
    const { answers } = await loadRealServices();
    const answer = await answers.ask({
      question: "Wie kreeg er geld van het onderwijsministerie?",
    });
    expect(answer.grounded).toBe(true);
    expect(answer.direct?.text).toBe("koepelorganisaties");
    expect(answer.citations[0]?.quote).toContain("Ministerie van Onderwijs, Cultuur en Wetenschap");
  });

  it("answers a question about the future with a date still to come, or says there is none", async () => {
    const { answers } = await loadRealServices();
    const report = await answers.ask({
      question: "When will the government inform the House again?",
    });
    expect(report.answer).toContain("2025");
    const joining = await answers.ask({
      question: "When exactly will the EU accede to the Istanbul Convention?",
    });
    expect(joining).toMatchObject({ grounded: false, reason: "not_stated" });
    // In the present tense too: "since this year" tells since when the Netherlands chairs the
    // committee, not when the EU joins; asked since when, it is the answer.
    const joins = await answers.ask({
      question: "Wanneer treedt de EU toe tot het Verdrag van Istanbul?",
    });
    expect(joins).toMatchObject({ grounded: false, reason: "not_stated" });
    const chair = await answers.ask({
      question: "Sinds wanneer is Nederland voorzitter van het Comité van Partijen?",
    });
    expect(chair.direct?.text).toBe("sinds dit jaar");
  });

  it("refuses as not stated what the letter mentions but does not give, pointing to where", async () => {
    const { answers, letter } = await loadRealServices();
    const answer = await answers.ask({
      question: "What is the name of the Dutch Human Rights Ambassador who hosted the envoys?",
    });
    expect(answer).toMatchObject({
      grounded: false,
      outcome: "not_stated",
      reason: "not_stated",
      citations: [],
    });
    expect(answer.answer).toMatch(/^The letter does not give a name for this\. It mentions/);
    expect(answer.related?.[0]?.quote).toContain("Mensenrechtenambassadeur");
    for (const related of answer.related ?? []) {
      const passage = letter.paragraphs.find((p) => p.id === related.passageId);
      expect(passage?.sentences.map((s) => s.text).join(" ")).toContain(related.quote);
    }
  });

  it("refuses an everyday request that borrows the letter's words as out of scope", async () => {
    const { answers } = await loadRealServices();
    for (const question of [
      "Can you recommend a good laptop for my daughter?",
      "Kun je een goed restaurant in de buurt aanbevelen?",
    ]) {
      const answer = await answers.ask({ question });
      expect(answer, question).toMatchObject({ grounded: false, reason: "out_of_scope" });
    }
  });

  it("gives the previous answer in the other language when asked for it", async () => {
    const { answers } = await loadRealServices();
    const question = "Which directive on violence against women did the government welcome?";
    const first = await answers.ask({ question });
    const history = [
      { role: "user" as const, content: question },
      { role: "assistant" as const, content: first.answer },
    ];
    const again = await answers.ask({ question: "en in het Nederlands?", history });
    expect(again).toMatchObject({ grounded: true, language: "nl", outcome: "language_switch" });
    expect(again.citations[0]?.passageId).toBe(first.citations[0]?.passageId);
    // A second sentence says why; its everyday words ("read", "note") name no topic of the letter.
    const explained = await answers.ask({
      question:
        "Kun je dat in het Nederlands geven? Mijn collega leest geen Engels, het is voor een notitie.",
      history,
    });
    expect(explained).toMatchObject({ language: "nl", outcome: "language_switch" });
    // A clause after a comma says why, even when it names a place the letter knows.
    const forBrussels = await answers.ask({
      question: "kun je dat in het nederlands geven, het is voor een memo naar brussel",
      history,
    });
    expect(forBrussels).toMatchObject({ language: "nl", outcome: "language_switch" });
    // "Kunt" is an everyday Dutch word, though no English one: it names no topic of the letter.
    const polite = await answers.ask({
      question: "Kunt u dat ook in het Nederlands zeggen?",
      history,
    });
    expect(polite).toMatchObject({ language: "nl", outcome: "language_switch" });
  });

  it("gives what the previous answer quoted in the other language, whoever wrote it", async () => {
    const { answers } = await loadRealServices();
    const history = [
      { role: "user" as const, content: "wat houdt dat sanctiepakket eigenlijk in?" },
      {
        role: "assistant" as const,
        content:
          'Volgens de brief "bestaat het uit een tegoedenbevriezing, een verbod op financiering van en samenwerking met EU-partners".',
      },
    ];
    const english = await answers.ask({ question: "and in English please?", history });
    expect(english).toMatchObject({ language: "en", outcome: "language_switch" });
    expect(english.answer).toMatch(/^According to the letter: .*consists of an asset freeze/);
    // "Dutch" before a noun names the country's government, not a language to answer in.
    const government = await answers.ask({
      question: "and what is the dutch govt doing about these sanctions?",
      history,
    });
    expect(government.outcome).not.toBe("language_switch");
    expect(government.language).toBe("en");
  });

  it("answers who with a group of people the letter names, not with an institution beside it", async () => {
    const { answers } = await loadRealServices();
    const protectedFirst = await answers.ask({
      question: "Whom does the anti-SLAPP directive explicitly protect, as the first to do so?",
    });
    expect(protectedFirst.direct?.text).toBe("women human rights defenders");
  });

  it("names the documents a footnote titles, asked which they are", async () => {
    const { answers } = await loadRealServices();
    const question = "Waarom wilde Nederland vernieuwde gelijkheidsstrategieën?";
    const first = await answers.ask({ question });
    const which = await answers.ask({
      question: "welke strategieën zijn dat precies?",
      history: [
        { role: "user", content: question },
        { role: "assistant", content: first.answer },
      ],
    });
    expect(which.grounded).toBe(true);
    expect(which.answer).toContain("Strategie voor gendergelijkheid 2020–2025");
  });

  it("gives a city only where the letter names one, never the host country", async () => {
    const { answers } = await loadRealServices();
    const forum = await answers.ask({
      question: "In welke stad vond het IDAHOT+ Forum van mei 2024 plaats?",
    });
    expect(forum).toMatchObject({ grounded: false, reason: "not_stated" });
    const declaration = await answers.ask({
      question:
        "In which city did the Netherlands sign the declaration on the future of the European Pillar of Social Rights?",
    });
    expect(declaration.direct?.text).toBe("La Hulpe");
  });

  it("finds the passage that corrects a premise's wrong figures by its words", async () => {
    const { answers } = await loadRealServices();
    const answer = await answers.ask({
      question:
        "De nieuwe gendergelijkheidsstrategie van de Raad van Europa geldt van 2020 tot 2025, klopt dat?",
    });
    expect(answer.citations[0]?.passageId).toBe("inzet-binnen-de-raad-van-europa-1");
    expect(answer.answer).toContain("2024–2029");
  });

  it("answers from a footnote named by its number, quoting the sentence that cites it", async () => {
    const { answers } = await loadRealServices();
    const slapp = await answers.ask({ question: "what does footnote 9 say?" });
    expect(slapp).toMatchObject({ grounded: true, language: "en" });
    expect(slapp.citations[0]?.passageId).toBe(SLAPP_PASSAGE);
    expect(slapp.answer).toContain("(footnote\u00a09: Directive – EU – 2024/1069)");
    const strategies = await answers.ask({ question: "wat staat er in voetnoot 4?" });
    expect(strategies.answer).toMatch(
      /\(voetnoot\u00a04: Strategie voor gendergelijkheid 2020–2025/,
    );
    // A footnote the letter does not have names nothing in it.
    const missing = await answers.ask({ question: "what does footnote 99 say?" });
    expect(missing.grounded).toBe(false);
  });

  it("says what an abbreviation stands for from the sentence or footnote that spells it out", async () => {
    const { answers } = await loadRealServices();
    const srhr = await answers.ask({ question: "SRHR is short for what?" });
    expect(srhr.direct?.text).toBe("sexual and reproductive health and rights");
    const iglyo = await answers.ask({ question: "Wat is de afkorting IGLYO voluit?" });
    expect(iglyo.citations[0]?.footnotes.map((f) => f.number)).toContain(10);
    // The letters of the question are not the abbreviation: the word the letter spells out is.
    const letters = await answers.ask({ question: "Waar staan de letters van lhbtiq+ voor?" });
    expect(letters.citations[0]?.footnotes.map((f) => f.number)).toContain(1);
    // However it is framed, a term the letter spells out is within its scope.
    const framed = await answers.ask({
      question:
        "Voor de leesbaarheid van mijn memo aan de afdelingsleiding en de woordvoering: waar staat TGEU voor?",
    });
    expect(framed.citations[0]?.footnotes.map((f) => f.number)).toContain(10);
    // Asked what a word with capitals is, the question asks what it stands for; of two such
    // words, the rarer is the one asked about.
    const council = await answers.ask({ question: "Wat is de RvE? Niet de EU toch?" });
    expect(council.direct?.text).toBe("Raad van Europa");
    // In brackets after a name, an abbreviation is introduced though its letters are not the
    // name's initials.
    const committee = await answers.ask({ question: "What is ADI SOGIESC? Something of the EU?" });
    expect(committee.citations[0]?.passageId).toBe("inzet-binnen-de-raad-van-europa-3");
  });

  it("corrects a misspelt word to the letter's before searching", async () => {
    const { answers } = await loadRealServices();
    const evidence = await answers.retrieve({ question: "which sanctoins did the EU adopt?" });
    expect(evidence.question).toBe("which sanctions did the EU adopt?");
    expect(evidence.retrieval.passages[0]?.passageId).toBe("europese-samenwerking-5");
  });
});
