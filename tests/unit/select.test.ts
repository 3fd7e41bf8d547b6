import { describe, expect, it } from "vitest";
import { lacksPrecision, sentenceCandidates } from "../../src/compose/extractive.js";
import { overviewSpans, sectionSpans } from "../../src/compose/overview.js";
import { analyzeQuestion } from "../../src/compose/question.js";
import {
  chooseSentences,
  continues,
  holdsAskedThing,
  type SentenceCandidate,
  scoreCandidates,
  selectionTerms,
} from "../../src/compose/select.js";
import type { Language } from "../../src/letter/types.js";
import { DEFAULT_PROFILE } from "../../src/profile.js";
import { analyze } from "../../src/retrieve/analyzer.js";
import { Glossary } from "../../src/retrieve/glossary.js";
import { letterVocabulary, specificity } from "../../src/retrieve/scope.js";
import { bagOfWordsVector, cosine, syntheticLetter } from "../support/synthetic-letter.js";

const letter = syntheticLetter([
  {
    id: "forum",
    title: "Forum",
    titleEn: "Forum",
    paragraphs: [
      [
        [
          "Nederland organiseerde het jaarlijkse forum over gelijke rechten.",
          "The Netherlands organised the annual forum on equal rights.",
        ],
        [
          "Tijdens het forum ondertekenden landen een politieke verklaring.",
          "During the forum, countries signed a political declaration.",
        ],
        [
          "Nieuw waren Polen, Albanië, Spanje, Montenegro en Oekraïne.",
          "New were Poland, Albania, Spain, Montenegro and Ukraine.",
        ],
      ],
    ],
  },
  {
    id: "raad",
    title: "Raad van Europa",
    titleEn: "Council of Europe",
    paragraphs: [
      [
        [
          "Bij de Raad van Europa werd een comité van deskundigen opgericht.",
          "A committee of experts was established at the Council of Europe.",
        ],
        [
          "Dit comité werkt aan een aanbeveling over intersekse personen.",
          "This committee is drafting a recommendation on intersex persons.",
        ],
      ],
      [
        [
          "In mei 2024 werd de strategie voor gendergelijkheid aangenomen.",
          "In May 2024 the gender equality strategy was adopted.",
        ],
        [
          "De strategie benadrukt de rol van mannen en jongens.",
          "The strategy emphasises the role of men and boys.",
        ],
      ],
    ],
  },
]);
const vocabulary = letterVocabulary(letter, { nl: new Set(), en: new Set() });
const idf = (stem: string, language: Language) => specificity(vocabulary, stem, language);

/** A candidate sentence outside the synthetic letter, with a given closeness to the question. */
function sentence(
  passageId: string,
  index: number,
  nl: string,
  en: string,
  similarity = 0.5,
): SentenceCandidate {
  return {
    passageId,
    index,
    text: { nl, en },
    stems: { nl: new Set(analyze(nl, "nl")), en: new Set(analyze(en, "en")) },
    footnoteText: { nl: "", en: "" },
    footnotes: [],
    similarity,
    passageScore: 0.5,
  };
}

/** Selection input for a question, with bag-of-words similarity standing in for the encoder. */
function selectionFor(question: string, language: Language) {
  const q = bagOfWordsVector(question);
  const candidates = sentenceCandidates(
    letter,
    (passageId, index) => {
      const pair = letter.translation.paragraphs[passageId]?.[index];
      return pair
        ? Math.max(cosine(q, bagOfWordsVector(pair.en)), cosine(q, bagOfWordsVector(pair.nl)))
        : 0;
    },
    () => 0,
  );
  return {
    kind: analyzeQuestion(question, language).kind,
    language,
    questionTerms: analyze(question, language),
    contextTerms: [],
    queryTerms: { nl: analyze(question, "nl"), en: analyze(question, "en") },
    idf,
    footnoteHits: [],
    candidates,
  };
}

describe("choosing the sentence that answers", () => {
  /** The first sentence of a passage of its own, in both languages. */
  const dated = (passageId: string, nl: string, en: string) => sentence(passageId, 0, nl, en);

  it("takes the neighbouring sentence that holds the list asked for", () => {
    const spans = chooseSentences(
      selectionFor("Which countries signed the political declaration?", "en"),
    );
    expect(spans[0]).toMatchObject({ passageId: "forum-1", first: 1, last: 2, lead: 2 });
  });

  it("quotes a sentence holding the list on its own when it stands beyond the context's reach", () => {
    const input = selectionFor("Which countries signed the political declaration?", "en");
    const weights = { ...DEFAULT_PROFILE.selection, contextReach: 0 };
    const spans = chooseSentences({ ...input, weights });
    expect(spans[0]).toMatchObject({ passageId: "forum-1", first: 2, last: 2, lead: 2 });
  });

  it("passes over what was already said when a follow-up asks for others", () => {
    const input = selectionFor(
      "What financial support did the ministry provide, anything else?",
      "en",
    );
    const first = chooseSentences(input)[0];
    expect(first).toBeDefined();
    const said = new Set([`${first?.passageId}:${first?.lead}`]);
    const next = chooseSentences({ ...input, said })[0];
    expect(`${next?.passageId}:${next?.lead}`).not.toBe(`${first?.passageId}:${first?.lead}`);
  });

  it("quotes the antecedent of a sentence that points back", () => {
    const spans = chooseSentences(
      selectionFor("Wat doet het comité aan een aanbeveling over intersekse personen?", "nl"),
    );
    expect(spans[0]).toMatchObject({ passageId: "raad-1", first: 0, last: 1, lead: 1 });
  });

  it("reads a sentence that takes up the previous one's subject after an adjective as its continuation", () => {
    const candidates = selectionFor("strategy", "en").candidates;
    const [adopted, emphasises] = candidates.filter((c) => c.passageId === "raad-2");
    if (!adopted || !emphasises) throw new Error("synthetic letter changed");
    expect(continues(adopted, emphasises)).toBe(true);
    const other = {
      ...emphasises,
      text: { nl: "De nieuwe regering begint.", en: "The new government starts." },
    };
    expect(continues(adopted, other)).toBe(false);
  });

  it("does not read a word all through the letter, or a span of time, as taking up the sentence before", () => {
    const candidates = selectionFor("strategy", "en").candidates;
    const [adopted, emphasises] = candidates.filter((c) => c.passageId === "raad-2");
    if (!adopted || !emphasises) throw new Error("synthetic letter changed");
    const previous = {
      ...adopted,
      text: { nl: "Het kabinet steunde de nieuwe strategie.", en: "The government supported it." },
    };
    const next = (nl: string, en: string) => ({ ...emphasises, text: { nl, en } });
    // "kabinet" is a stop word of the letter's analysis: it needs no antecedent.
    expect(
      continues(
        previous,
        next("Het kabinet zal de Kamer informeren.", "The government will inform the House."),
      ),
    ).toBe(false);
    expect(
      continues(
        previous,
        next("Dit jaar voerde Bulgarije wetgeving door.", "This year Bulgaria passed a law."),
      ),
    ).toBe(false);
    expect(
      continues(
        previous,
        next("In de verklaring staat meer.", "This year's declaration says more."),
      ),
    ).toBe(true);
    expect(continues(previous, next("Dit comité begon.", "The committee began."))).toBe(true);
  });

  it("credits a sentence for naming a concept of the question by all the words of one of its terms", () => {
    const glossary = new Glossary([
      { en: ["violence against women"], nl: ["geweld tegen vrouwen"] },
      { en: ["directive"], nl: ["richtlijn"] },
    ]);
    const question = "Which directive on violence against women did the Netherlands welcome?";
    const part = sentence(
      "g-1",
      0,
      "Nederland verwelkomde de richtlijn die vrouwelijke verdedigers beschermt.",
      "The Netherlands welcomed the directive that protects women defenders.",
    );
    const whole = sentence(
      "g-2",
      0,
      "Nederland verwelkomde de richtlijn over geweld tegen vrouwen.",
      "The Netherlands welcomed the directive on violence against women.",
    );
    const selection = { ...selectionFor(question, "en"), candidates: [part, whole] };
    const margin = (concepts: ReturnType<Glossary["concepts"]>) => {
      const [p, w] = scoreCandidates({ ...selection, concepts });
      return (w?.relevance ?? 0) - (p?.relevance ?? 0);
    };
    expect(glossary.concepts(question)).toHaveLength(2);
    // Both name the directive; only one names the violence against women, which widens its lead.
    expect(margin(glossary.concepts(question))).toBeCloseTo(
      margin([]) + DEFAULT_PROFILE.selection.conceptWeight / 2,
    );
  });

  it("prefers a calendar date to 'this year' within a passage, asked when", () => {
    const selection = {
      ...selectionFor("When was the forum held?", "en"),
      candidates: [
        sentence(
          "f-1",
          0,
          "In mei 2024 organiseerde Nederland het forum.",
          "In May 2024 the Netherlands held the forum.",
          0.4,
        ),
        sentence(
          "f-1",
          1,
          "De verklaring van dit jaar over het forum is nieuw.",
          "This year the forum was held with a new declaration.",
          0.6,
        ),
      ],
    };
    expect(chooseSentences(selection)[0]?.lead).toBe(0);
    // With no calendar date beside it, "this year" answers.
    const alone = { ...selection, candidates: selection.candidates.slice(1) };
    expect(chooseSentences(alone)[0]?.lead).toBe(1);
  });

  it("prefers a date after the letter's year for a when-question about now or later", () => {
    const selection = {
      ...selectionFor("When does the House discuss the evaluation?", "en"),
      tense: "present" as const,
      letterYear: 2024,
      candidates: [
        dated(
          "a-1",
          "De Kamer besprak de evaluatie in 2024.",
          "The House discussed the evaluation in 2024.",
        ),
        dated(
          "b-1",
          "De Kamer bespreekt de evaluatie in Q1–2025.",
          "The House discusses the evaluation in Q1 2025.",
        ),
      ],
    };
    expect(chooseSentences(selection)[0]?.passageId).toBe("b-1");
    expect(chooseSentences({ ...selection, tense: "past" })[0]?.passageId).toBe("a-1");
  });

  it("takes the date of the sentence the previous answer quoted, which a follow-up points at", () => {
    const selection = {
      ...selectionFor("On which date did this take place?", "en"),
      contextTerms: analyze("sanctions list", "en"),
      candidates: [
        sentence(
          "a-1",
          0,
          "In 2024 steunde Nederland de sanctielijst.",
          "In 2024 NL backed the sanctions list.",
          0.55,
        ),
        sentence(
          "b-1",
          0,
          "In juli 2024 kwamen vier personen op de sanctielijst.",
          "In July 2024 four persons were put on the sanctions list.",
          0.5,
        ),
      ],
    };
    expect(chooseSentences(selection)[0]?.passageId).toBe("a-1");
    const quotedBefore = new Set(["b-1:0"]);
    expect(chooseSentences({ ...selection, quotedBefore })[0]?.passageId).toBe("b-1");
  });

  it("takes no date told as part of what was done for a date still ahead", () => {
    const selection = {
      ...selectionFor("By when will the Commission publish the new strategies?", "en"),
      tense: "future" as const,
      letterYear: 2024,
    };
    const argued = dated(
      "a-1",
      "Nederland pleitte voor nieuwe strategieën, aangezien de huidige in 2025 aflopen.",
      "The Netherlands argued for new strategies, since the current ones expire in 2025.",
    );
    const ahead = dated(
      "b-1",
      "De Commissie zal de nieuwe strategieën in 2025 publiceren.",
      "The Commission will publish the new strategies in 2025.",
    );
    expect(holdsAskedThing(argued, selection)).toBe(false);
    expect(holdsAskedThing(ahead, selection)).toBe(true);
    // Asked what happened, the same sentence dates it.
    expect(holdsAskedThing(argued, { ...selection, tense: "past" as const })).toBe(true);
  });

  it("quotes a reason with the sentence that argues it on, asked why", () => {
    const premise = sentence(
      "r-1",
      0,
      "Nederland is deel van het vrije verkeer van personen.",
      "The Netherlands is part of the free movement of persons.",
      0.8,
    );
    const conclusion = sentence(
      "r-1",
      1,
      "Verslechtering van rechten in de Unie raakt ook Nederland.",
      "A deterioration of rights in the Union also affects the Netherlands.",
      0.7,
    );
    const question = "Why do rights in the Union matter for the free movement of persons?";
    const input = { ...selectionFor(question, "en"), candidates: [premise, conclusion] };
    expect(input.kind).toBe("reason");
    expect(chooseSentences(input)[0]).toMatchObject({ first: 0, last: 1 });
    expect(chooseSentences({ ...input, kind: "open" })[0]).toMatchObject({ first: 0, last: 0 });
  });

  it("prefers the sentence that states the cabinet's view, asked its position", () => {
    const law = sentence(
      "v-1",
      0,
      "Dit jaar voerde Bulgarije discriminerende wetgeving door.",
      "This year Bulgaria passed discriminatory legislation.",
      0.7,
    );
    const view = sentence(
      "v-1",
      1,
      "Het kabinet is van mening dat dergelijke wetgeving niet past bij de kernwaarden van de EU.",
      "The government is of the view that such legislation is incompatible with the EU's core values.",
      0.5,
    );
    const input = {
      ...selectionFor("Wat vindt het kabinet van de wetgeving in Bulgarije?", "nl"),
      candidates: [law, view],
    };
    expect(input.kind).toBe("stance");
    expect(chooseSentences(input)[0]?.lead).toBe(1);
    expect(chooseSentences({ ...input, kind: "open" })[0]?.lead).toBe(0);
  });

  it("leaves prepositions out of the words that tell sentences apart", () => {
    expect(selectionTerms("En binnen de Raad van Europa?", "nl")).toEqual(
      analyze("Raad Europa", "nl"),
    );
  });

  it("quotes the sentence that carries the subject on, for a follow-up", () => {
    const input = selectionFor("What does it do?", "en");
    const committee = {
      ...input,
      contextTerms: analyze(
        "What committee of experts was established at the Council of Europe?",
        "en",
      ),
    };
    expect(chooseSentences(committee)[0]).toMatchObject({ passageId: "raad-1", first: 0, last: 1 });
  });

  it("tells when a question asks for a more precise date than the sentence gives", () => {
    const later = sentence(
      "p-1",
      0,
      "Het kabinet informeert de Kamer in 2025.",
      "The government informs the House in 2025.",
    );
    const signed = sentence(
      "p-1",
      1,
      "Op 16 april tekende Nederland.",
      "On 16 April the Netherlands signed.",
    );
    expect(lacksPrecision("When exactly will the House be informed?", later, "en")).toBe(true);
    expect(lacksPrecision("When will the House be informed?", later, "en")).toBe(false);
    expect(lacksPrecision("Op welke datum tekende Nederland?", signed, "nl")).toBe(false);
  });

  it('reads a sentence about "such" a thing as holding the words of the sentence that names it', () => {
    const law = sentence(
      "s-1",
      0,
      "Dit jaar voerde Bulgarije discriminerende wetgeving door.",
      "This year Bulgaria passed discriminatory legislation.",
      0.5,
    );
    const view = sentence(
      "s-1",
      1,
      "Het kabinet is van mening dat dergelijke wetgeving niet past.",
      "The government is of the view that such legislation is not acceptable.",
      0.5,
    );
    const input = {
      ...selectionFor(
        "What does the cabinet think of Bulgaria's discriminatory legislation?",
        "en",
      ),
      kind: "open" as const,
      candidates: [law, view],
    };
    const [first, second] = scoreCandidates(input);
    expect(second?.relevance).toBeGreaterThanOrEqual(first?.relevance ?? Number.POSITIVE_INFINITY);
  });

  it("quotes the sentence that goes on with the chosen one's list", () => {
    const focus = sentence(
      "voorzitter-1",
      0,
      "Als voorzitter richt Nederland zich onder andere op soepele toetreding van de Unie.",
      "As chair, the Netherlands focuses among other things on smooth accession of the Union.",
      0.8,
    );
    const more = sentence(
      "voorzitter-1",
      1,
      "Maar ook op uitwisseling en zichtbaarheid in het Koninkrijk.",
      "But also on exchange and visibility in the Kingdom.",
      0.1,
    );
    const input = {
      ...selectionFor("Waar richt Nederland zich op als voorzitter?", "nl"),
      candidates: [focus, more],
    };
    expect(chooseSentences(input)[0]).toMatchObject({
      passageId: "voorzitter-1",
      first: 0,
      last: 1,
    });
  });

  it("weighs a sentence about the letter itself by its footnotes alone", () => {
    const announcement = {
      ...sentence(
        "intro-1",
        0,
        "In deze brief leest u wat het kabinet deed voor gelijke rechten van lhbtiq+ personen.",
        "In this letter you can read what the government did for equal rights of LGBTIQ+ persons.",
        0.9,
      ),
      footnoteText: {
        nl: "Lhbtiq+ is een afkorting voor lesbische, homoseksuele en biseksuele personen",
        en: "LGBTIQ+ is an abbreviation for lesbian, gay and bisexual persons",
      },
      footnotes: [1],
    };
    const support = sentence(
      "steun-1",
      0,
      "Nederland gaf financiële steun aan lhbtiq+ organisaties in Europa.",
      "The Netherlands gave financial support to LGBTIQ+ organisations in Europe.",
      0.5,
    );
    const lead = (question: string) => {
      const input = { ...selectionFor(question, "en"), candidates: [announcement, support] };
      return chooseSentences(input)[0]?.passageId;
    };
    expect(lead("Did the government give money to LGBTIQ+ groups?")).toBe("steun-1");
    expect(lead("What is LGBTIQ+ an abbreviation for?")).toBe("intro-1");
  });

  it("prefers the sentence with a date for a when-question", () => {
    const spans = chooseSentences(
      selectionFor("When was the gender equality strategy adopted?", "en"),
    );
    expect(spans[0]).toMatchObject({ passageId: "raad-2", lead: 0 });
  });

  it("gives one key sentence per section for an overview, and a section's key sentences", () => {
    const candidates = selectionFor("summary", "en").candidates;
    const sections = letter.sections.map((s) => ({
      sectionId: s.id,
      sentences: candidates.filter((c) => s.paragraphIds.includes(c.passageId)),
    }));
    const spans = overviewSpans({ sections, idf });
    expect(spans.map((s) => s.passageId.split("-")[0])).toEqual(["forum", "raad"]);
    const raad = sections[1]?.sentences ?? [];
    expect(sectionSpans(raad, { sections, idf }, 2)).toHaveLength(2);
  });
});

describe("the letter's scope", () => {
  it("weighs words by specificity and refuses a focus the letter never uses", async () => {
    const { assessScope } = await import("../../src/retrieve/scope.js");
    const { decideScope } = await import("../../src/decide/scope.js");
    // "forum" is in three units of the synthetic letter, "intersekse" in one, "spoorwegen" in none.
    const [forum = "", intersex = "", railway = ""] = analyze("forum intersekse spoorwegen", "nl");
    expect(idf(forum, "nl")).toBeLessThan(idf(intersex, "nl"));
    expect(idf(intersex, "nl")).toBeLessThan(idf(railway, "nl"));
    const railways = assessScope("Wat doet Nederland aan spoorwegen?", "nl", vocabulary);
    expect(railways.absent).toEqual(["spoorwegen"]);
    expect(decideScope(true, railways)).toBe("refuse");
    const onTopic = assessScope("Wat doet het comité voor intersekse personen?", "nl", vocabulary);
    expect(onTopic.absent).toEqual([]);
    expect(decideScope(true, onTopic)).toBe("answer");
    expect(decideScope(false, onTopic)).toBe("refuse");
  });
});

describe("a country asked by the office it held", () => {
  it("is named by its adjective before that office's noun, whole or compounded", () => {
    const presidency = sentence(
      "eu-1",
      0,
      "Zij kwamen bijeen onder het Belgische voorzitterschap van de Raad van de EU.",
      "They met under the Belgian Presidency of the Council of the EU.",
    );
    const asked = (question: string) => ({
      ...selectionFor(question, "nl"),
      kind: "country" as const,
      questionTerms: analyze(question, "nl"),
    });
    expect(holdsAskedThing(presidency, asked("welk land was voorzitter van de Raad?"))).toBe(true);
    expect(holdsAskedThing(presidency, asked("welk land ontving de ministers?"))).toBe(false);
  });
});
