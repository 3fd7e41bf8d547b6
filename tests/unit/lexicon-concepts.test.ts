import { describe, expect, it } from "vitest";
import type { Language } from "../../src/letter/types.js";
import { NAME_REQUEST, OFFICE_HOLDER_ASKED } from "../../src/lexicon/concepts.js";
import {
  ACKNOWLEDGEMENT,
  ASKS_FOR_OTHERS,
  BACK_REFERENCE,
  CONTINUATION,
} from "../../src/lexicon/conversation.js";
import {
  CONDITION_LEAD,
  CONVERSATIONAL,
  INTERJECTION,
  OPENING_FILLER,
} from "../../src/lexicon/fillers.js";
import { FOOTNOTE_NAMED, LETTER_NOUN, LETTER_PHRASE } from "../../src/lexicon/letter.js";
import {
  ASKS_WHO,
  FACT_CUES,
  FACT_QUESTIONS,
  type LetterFact,
} from "../../src/lexicon/letter-facts.js";
import {
  ABOUT_SOMETHING,
  ANSWER_FORM,
  ENDS_ON_THE_LETTER,
  LETTER_PART,
  OVERVIEW_REQUEST,
  PURPOSE,
  PURPOSE_CLAUSE,
} from "../../src/lexicon/overview.js";
import { phrasePattern } from "../../src/lexicon/phrases.js";
import { countryOfAdjective } from "../../src/lexicon/places.js";
import { CLAIMED_NUMBER, PERSONAL_ADVICE } from "../../src/lexicon/premise.js";
import {
  type AnswerKind,
  COUNTED,
  JOINED_QUESTION,
  JOINED_WH_WORDS,
  KIND_QUESTIONS,
  MORE,
  SPLIT_PREPOSITION,
  STATED,
  WHAT_IS_ABBREVIATION,
} from "../../src/lexicon/question-kinds.js";
import {
  AHEAD,
  NL_PARTICIPLE,
  NL_PERFECT,
  NL_WEAK_PAST,
  PAST_VERB,
  SPEAKS_AHEAD,
  WHEN_VERB,
} from "../../src/lexicon/tense.js";

type Table<T> = Record<Language, Array<[text: string, expected: T]>>;

/** Asserts what a concept makes of each example in its table, per language. */
function classifiesTable<T>(classify: (text: string, language: Language) => T, table: Table<T>) {
  for (const language of ["en", "nl"] as const) {
    const got = table[language].map(([text]) => classify(text, language));
    expect(got, language).toEqual(table[language].map(([, expected]) => expected));
  }
}

/** Asserts which examples a concept's pattern matches, per language. */
function matchesTable(concept: Record<Language, RegExp>, table: Table<boolean>) {
  classifiesTable((text, language) => {
    concept[language].lastIndex = 0;
    return concept[language].test(text);
  }, table);
}

/** The first question kind whose pattern matches, as the question analysis tries them. */
function firstKind(text: string, language: Language): AnswerKind | undefined {
  return KIND_QUESTIONS.find((pattern) => pattern[language].test(text))?.kind;
}

describe("compiling a concept's phrases", () => {
  it("matches whole words anywhere, at the opening, or as the whole text", () => {
    expect(phrasePattern(["red", "dark blue"]).test("a Dark Blue door")).toBe(true);
    expect(phrasePattern(["red"]).test("a reddish door")).toBe(false);
    expect(phrasePattern(["so"], "opening").test("so what")).toBe(true);
    expect(phrasePattern(["so"], "opening").test("and so")).toBe(false);
    expect(phrasePattern(["had"], "whole").test("had")).toBe(true);
    expect(phrasePattern(["had"], "whole").test("hadden")).toBe(false);
  });

  it("takes phrases literally, dots and all", () => {
    expect(phrasePattern(["no."]).test("no, thanks")).toBe(false);
    expect(phrasePattern(["a+b"]).test("is a+b here")).toBe(true);
  });
});

describe("the letter as an object", () => {
  it("names the letter as a document, not by a pronoun", () => {
    matchesTable(LETTER_NOUN, {
      en: [
        ["Is this paper public?", true],
        ["the kamerstuk", true],
        ["Is it public?", false],
        ["a lettering style", false],
      ],
      nl: [
        ["Is dit stuk openbaar?", true],
        ["de kamerbrief", true],
        ["Is het openbaar?", false],
        ["een briefkaart", false],
      ],
    });
  });

  it("names a footnote by its number, in either language", () => {
    const numbers = (text: string) => [...text.matchAll(FOOTNOTE_NAMED)].map((m) => m[1]);
    expect(numbers("footnote 2, the toezegging - what date?")).toEqual(["2"]);
    expect(numbers("wat staat er in voetnoot 4 en noot nr. 10?")).toEqual(["4", "10"]);
    expect(numbers("fn. 9 pls")).toEqual(["9"]);
    expect(numbers("what is in the footnotes about 32 countries?")).toEqual([]);
    expect(numbers("a note on 2024")).toEqual([]);
  });

  it("reads the letter with its addressee as one phrase", () => {
    expect(LETTER_PHRASE.en.exec("Quote the letter to the house please")?.[0]).toBe(
      "the letter to the house",
    );
    expect(LETTER_PHRASE.nl.exec("Citeer de brief aan de Tweede Kamer")?.[0]).toBe(
      "de brief aan de Tweede Kamer",
    );
  });
});

describe("the letter's own facts", () => {
  const factOf = (text: string, language: Language): LetterFact | undefined =>
    FACT_QUESTIONS.find((pattern) => pattern[language].test(text))?.fact;
  const table: Table<LetterFact | undefined> = {
    en: [
      ["Which ministers wrote this?", "signatories"],
      ["To whom does this go?", "addressee"],
      ["What is the date of this document?", "year"],
      ["What is the number of the letter?", "kamerstuk"],
      ["What title does it have?", "title"],
      ["Which ministers attended the summit?", undefined],
    ],
    nl: [
      ["Wie heeft dit stuk ondertekend?", undefined],
      ["Wie heeft de brief geschreven?", "signatories"],
      ["Wie ontvangt het stuk?", "addressee"],
      ["In welk vergaderjaar viel dit?", "year"],
      ["Onder welk nummer staat dit?", "kamerstuk"],
      ["Hoe heet het document?", "title"],
      ["Welke ministers gingen naar de top?", undefined],
    ],
  };

  it("are asked by whole questions, each for one fact", () => {
    classifiesTable(factOf, table);
  });

  it("have cues, and some cues ask for the fact without the letter named", () => {
    const cueFor = (fact: LetterFact) => FACT_CUES.find((cue) => cue.fact === fact);
    matchesTable(cueFor("addressee")?.cue ?? { en: /$^/, nl: /$^/ }, {
      en: [
        ["who was it intended for", true],
        ["a received wisdom", true],
        ["who wrote it", false],
      ],
      nl: [
        ["voor wie is het bestemd", true],
        ["wie ontvingen het", false],
        ["wie schreef het", false],
      ],
    });
    // "this year" says when something in the letter happened; "which year" asks for one.
    matchesTable(cueFor("year")?.cue ?? { en: /$^/, nl: /$^/ }, {
      en: [
        ["which year is it from", true],
        ["what did they do this year", false],
      ],
      nl: [
        ["uit welk jaar is hij", true],
        ["wat deden ze elk jaar", false],
      ],
    });
    matchesTable(cueFor("addressee")?.alone ?? { en: /$^/, nl: /$^/ }, {
      en: [
        ["any other recipient?", true],
        ["who received it", false],
      ],
      nl: [
        ["wie is de ontvanger?", true],
        ["wie ontvangt het", false],
      ],
    });
    matchesTable(cueFor("title")?.cue ?? { en: /$^/, nl: /$^/ }, {
      en: [
        ["what is it called", true],
        ["its subject", true],
        ["subjective", false],
      ],
      nl: [
        ["hoe heet het", true],
        ["het onderwerp", true],
        ["heten", false],
      ],
    });
    matchesTable(cueFor("year")?.cue ?? { en: /$^/, nl: /$^/ }, {
      en: [
        ["which session", true],
        ["what happened this year", false],
      ],
      nl: [
        ["welk vergaderjaar", true],
        ["wat gebeurde er dit jaar", false],
      ],
    });
    matchesTable(cueFor("signatories")?.cue ?? { en: /$^/, nl: /$^/ }, {
      en: [
        ["and who is it from?", true],
        ["hi, who wrote it", true],
        ["what about loving whoever you want", false],
        ["a say in who they marry", false],
        ["a significant step", false],
        ["did they co-sign it", true],
      ],
      nl: [
        ["en door wie?", true],
        ["wie heeft het geschreven", true],
        ["verliefd worden op wie je wilt", false],
        ["wat betekent het?", false],
        ["wie heeft hem ondertekend?", true],
      ],
    });
  });

  it("ask who holds an office or a name", () => {
    matchesTable(ASKS_WHO, {
      en: [
        ["whose office is it", true],
        ["what is her role", true],
        ["what is the plan", false],
      ],
      nl: [
        ["welk ministerie", true],
        ["wat is haar functie", true],
        ["wat is het plan", false],
      ],
    });
  });
});

describe("question kinds and their wh-words", () => {
  const table: Table<AnswerKind | undefined> = {
    en: [
      ["What does UNHCR stand for?", "expansion"],
      ["sorry, but what does SRHR mean?", "expansion"],
      ["What does it mean for activists?", undefined],
      ["Give me the gist", "overview"],
      ["When does the term end?", "date"],
      ["Which convention applies?", "document"],
      ["How often did they meet?", "quantity"],
      ["Which neighbouring countries joined?", "country"],
      ["Name the partners", "list"],
      ["Whose idea was the pact?", "person"],
      ["Where is the secretariat?", "place"],
      ["How does the cabinet feel about the pact?", "stance"],
      ["How come the talks stalled?", "reason"],
      ["Could the plan be delayed?", "yesno"],
      ["Did the ministry manage to get the pact adopted?", "outcome"],
      ["Did Belgium get its way on the budget?", "outcome"],
      ["Explain the pact to a child", undefined],
    ],
    nl: [
      ["Wat betekent UNHCR?", "expansion"],
      ["Geef de hoofdlijnen", "overview"],
      ["Welke dag begint het?", "date"],
      ["Welk verdrag geldt?", "document"],
      ["Hoe vaak kwamen zij bijeen?", "quantity"],
      ["Welke Europese landen deden mee?", "country"],
      ["Noem de partners", "list"],
      ["Wie bedacht het pact?", "person"],
      ["Waar zit het secretariaat?", "place"],
      ["Hoe kijkt het kabinet naar het pact?", "stance"],
      ["Hoezo liep het vast?", "reason"],
      ["Zal het plan vertraging oplopen?", "yesno"],
      ["Is het België gelukt het pact erdoor te krijgen?", "outcome"],
      ["Heeft de minister tevergeefs gepleit?", "outcome"],
      ["Leg het pact uit aan een kind", undefined],
    ],
  };

  it("are told by their wording, the first match deciding", () => {
    classifiesTable(firstKind, table);
  });

  it("take their wh-word at the question's opening only", () => {
    expect(firstKind("They met where the river bends", "en")).toBeUndefined();
    expect(firstKind("Ze vroegen waarom niet", "nl")).toBeUndefined();
    expect(firstKind("Waarover ging het gesprek?", "nl")).not.toBe("place");
  });

  it("read a second question joined to the first, with the kind it asks for", () => {
    const joined = (text: string, language: Language) => {
      const wh = JOINED_QUESTION[language].exec(text)?.[1]?.toLowerCase();
      return wh ? JOINED_WH_WORDS[language][wh] : undefined;
    };
    expect(joined("What was agreed, and when?", "en")).toBe("date");
    expect(joined("Who paid and how many came?", "en")).toBe("quantity");
    expect(joined("Standing where?", "en")).toBeUndefined();
    expect(joined("Wat is er besloten en waar?", "nl")).toBe("place");
    expect(joined("Wie betaalde, en wie niet?", "nl")).toBe("person");
    expect(joined("Hoeveel kwamen er?", "nl")).toBeUndefined();
  });

  it("tell a second part that points back at the first's subject", () => {
    matchesTable(MORE, {
      en: [
        ["What is the forum, and what does it do?", true],
        ["What is the forum and what is new?", false],
      ],
      nl: [
        ["Wat is het forum en wat doet het?", true],
        ["Wat is het forum en wat is nieuw?", false],
      ],
    });
  });

  it("tell a Dutch 'waar' with a stranded preposition from one that asks for a place", () => {
    expect(SPLIT_PREPOSITION.test("Waar kijkt de raad naar?")).toBe(true);
    expect(SPLIT_PREPOSITION.test("Waar werkt de raad aan, als voorzitter?")).toBe(true);
    expect(SPLIT_PREPOSITION.test("Waar vond de top plaats?")).toBe(false);
  });

  it("count what follows 'how many', unless a verb does", () => {
    expect(COUNTED.en.exec("How many member states agreed?")?.[1]).toBe("member states");
    expect(COUNTED.en.exec("How many were invited?")).toBeNull();
    expect(COUNTED.nl.exec("Hoeveel lidstaten stemden in?")?.[1]).toBe("lidstaten stemden");
    expect(COUNTED.nl.exec("Hoeveel waren er uitgenodigd?")).toBeNull();
  });
});

describe("the tense of a when-question", () => {
  it("takes the verb after the when-phrase", () => {
    expect(WHEN_VERB.en.exec("By when must it be done?")?.[1]).toBe("must");
    expect(WHEN_VERB.nl.exec("Per wanneer geldt het?")?.[1]).toBe("geldt");
    expect(WHEN_VERB.en.exec("Whenever you like")).toBeNull();
  });

  it("knows past verbs and Dutch perfects", () => {
    matchesTable(PAST_VERB, {
      en: [
        ["were", true],
        ["did", true],
        ["will", false],
        ["hadn't", false],
      ],
      nl: [
        ["hielden", true],
        ["gaf", true],
        ["geeft", false],
        ["houden", false],
      ],
    });
    expect(["tekende", "stuurden", "opende"].map((verb) => NL_WEAK_PAST.test(verb))).toEqual([
      true,
      true,
      true,
    ]);
    expect(["komt", "de", "ode"].map((verb) => NL_WEAK_PAST.test(verb))).toEqual([
      false,
      false,
      false,
    ]);
    expect(["heeft", "hebben", "heb"].map((verb) => NL_PERFECT.test(verb))).toEqual([
      true,
      true,
      false,
    ]);
    expect(
      ["getekend", "vastgesteld", "verstuurd", "tekenen"].map((word) => NL_PARTICIPLE.test(word)),
    ).toEqual([true, true, true, false]);
  });

  it("tells a question about what lies ahead from one about the year reported on", () => {
    matchesTable(AHEAD, {
      en: [
        ["Who hosts next year's summit?", true],
        ["what is planned for the coming years", true],
        ["when is the next edition?", true],
        ["What was the next step?", false],
        ["the declaration on the future of the pillar", false],
        ["What happened next?", false],
      ],
      nl: [
        ["Waar is volgend jaar de top?", true],
        ["wat staat er in de komende jaren gepland", true],
        ["wanneer is de volgende editie?", true],
        ["verklaring over de toekomst van de pijler", false],
        ["Wat was de volgende stap?", false],
      ],
    });
    matchesTable(SPEAKS_AHEAD, {
      en: [
        ["The government will again inform the House.", true],
        ["The Netherlands organised the forum.", false],
      ],
      nl: [
        ["Het kabinet zal die boodschap blijven uitspreken.", true],
        ["Nederland organiseerde het forum.", false],
      ],
    });
  });
});

describe("overview requests", () => {
  it("ask for a summary or for what the letter says", () => {
    matchesTable(OVERVIEW_REQUEST, {
      en: [
        ["tl;dr please", true],
        ["What are the key takeaways?", true],
        ["Can I get a quick recap?", true],
        ["what's the bottom line", true],
        ["sum it up for me", true],
        ["what does the part about the Council of Europe say?", true],
        ["Who chairs the forum?", false],
        ["What did the Netherlands sign up to?", false],
      ],
      nl: [
        ["Geef de kernpunten", true],
        ["Vat het stuk samen", true],
        ["de brief in een notendop graag", true],
        ["waar komt de brief op neer?", true],
        ["wat is de rode draad", true],
        ["Wie zit het forum voor?", false],
        ["Waar komt dat comité samen?", false],
      ],
    });
  });

  it("tell a topic asked about from the letter as a whole", () => {
    expect(ABOUT_SOMETHING.test("what does it say about asylum")).toBe(true);
    expect(ABOUT_SOMETHING.test("wat staat er over?")).toBe(false);
    expect(ENDS_ON_THE_LETTER.test("What is this document about?")).toBe(true);
    expect(ENDS_ON_THE_LETTER.test("Waar gaat het over?")).toBe(true);
    expect(ENDS_ON_THE_LETTER.test("What does it say on asylum?")).toBe(false);
  });
});

describe("a premise's figures", () => {
  it("are numbers and dates written in figures, not words that hold digits", () => {
    const figures = (text: string) => text.match(CLAIMED_NUMBER) ?? [];
    expect(figures("loopt van 2020 tot 2025, klopt dat?")).toEqual(["2020", "2025"]);
    expect(figures("30 landen en richtlijn 2024/1069, toch?")).toEqual(["30", "2024/1069"]);
    expect(figures("the Art. 19 directive, in Q1-2025, right?")).toEqual(["19", "2025"]);
  });
});

describe("personal advice", () => {
  it("asks what the asker may, must or can get or do", () => {
    matchesTable(PERSONAL_ADVICE, {
      en: [
        ["Do I need a permit to visit the forum?", true],
        ["how can I renew my ID card abroad", true],
        ["Did the Netherlands get support for its proposal?", false],
        ["Can I quote the letter on the sanctions?", false],
      ],
      nl: [
        ["Kom ik als ngo in aanmerking voor subsidie?", true],
        ["hoe vraag ik een visum aan", true],
        ["ik ga naar Brussel, heb ik een paspoort nodig?", true],
        ["heb ik een visum nodig voor Straatsburg", true],
        ["Heeft Nederland recht op een zetel?", false],
        ["Kan ik de brief ook in het Engels lezen?", false],
        // Verb-first after a fronted clause states a need; it asks no advice.
        ["Voor de nota heb ik het nummer van de richtlijn nodig. Welk nummer is het?", false],
      ],
    });
  });
});

describe("an outcome reported", () => {
  it("is how it went, not the goal or the effort", () => {
    matchesTable(STATED.outcome, {
      en: [
        ["Belgium argued – successfully – for a new budget line.", true],
        ["The proposal failed in the Council.", true],
        ["Belgium argued for a new budget line.", false],
        ["The ministers looked back on the term.", false],
      ],
      nl: [
        ["België pleitte met succes voor een nieuwe begrotingspost.", true],
        ["Het voorstel sneuvelde; het pleidooi was tevergeefs.", true],
        ["België pleitte voor een nieuwe begrotingspost.", false],
      ],
    });
  });
});

describe("abbreviations asked about", () => {
  it("ask what a word with two capitals is, and nothing more", () => {
    matchesTable(WHAT_IS_ABBREVIATION, {
      en: [
        ["What is the CoE?", true],
        ["ok. what's SRHR", true],
        ["What is the EU doing about it?", false],
        ["What is the forum?", false],
      ],
      nl: [
        ["Wat is de RvE?", true],
        ["wat betekent TGEU eigenlijk?", false],
        ["Wat is het IDAHOT+ Forum?", false],
      ],
    });
  });
});

describe("what a request is wanted for, and the part it asks for", () => {
  it("finds a purpose, never a topic", () => {
    const strip = (text: string, language: Language) =>
      text.replace(new RegExp(PURPOSE[language].source, "giu"), "[P]");
    expect(strip("key points for our team meeting, please", "en")).toBe("key points [P], please");
    expect(strip("what did they do for LGBTIQ+ persons?", "en")).toBe(
      "what did they do for LGBTIQ+ persons?",
    );
    expect(strip("graag ten behoeve van de nota voor het overleg een overzicht", "nl")).toBe(
      "graag [P] [P] een overzicht",
    );
    expect(strip("wat deed het kabinet voor vrouwenrechten?", "nl")).toBe(
      "wat deed het kabinet voor vrouwenrechten?",
    );
  });

  it("finds the form an answer is wanted in, however many bullets, but only counted points", () => {
    matchesTable(ANSWER_FORM, {
      en: [
        ["the main points in a handful of bullets", true],
        ["summarise it in like 5 bullet points", true],
        ["give it in three points", true],
        ["in other words, what did they do?", false],
        ["what is in the main points?", false],
      ],
      nl: [
        ["de hoofdpunten in max vijf bullets", true],
        ["vat het samen in twee zinnen", true],
        ["in andere woorden: wat deed het kabinet?", false],
      ],
    });
  });

  it("finds a clause of purpose, which runs to the sentence's end", () => {
    const strip = (text: string, language: Language) =>
      text.replace(new RegExp(PURPOSE_CLAUSE[language].source, "giu"), "[P]");
    expect(strip("what is the number, so I can retrieve it from the database?", "en")).toBe(
      "what is the number, [P]?",
    );
    expect(strip("the main points that I can work into my notes", "en")).toBe(
      "the main points [P]",
    );
    expect(strip("so what did the Netherlands do?", "en")).toBe("so what did the Netherlands do?");
    expect(strip("welk nummer, zodat mijn Kamerlid een motie kan indienen?", "nl")).toBe(
      "welk nummer, [P]?",
    );
    expect(strip("wat deed Nederland dat het kabinet positief vindt?", "nl")).toBe(
      "wat deed Nederland dat het kabinet positief vindt?",
    );
  });

  it("tells a part of the letter asked for", () => {
    matchesTable(LETTER_PART, {
      en: [
        ["summarise the section on the forum", true],
        ["what did the Council of Europe do?", false],
      ],
      nl: [
        ["wat staat er in het deel over de evaluatie?", true],
        ["vat het stuk samen", false],
      ],
    });
  });
});

describe("fillers and openings", () => {
  it("strip what precedes a wh-word", () => {
    const strip = (text: string, language: Language) => text.replace(OPENING_FILLER[language], "");
    expect(strip("Okay, so, by when is it due?", "en")).toBe("when is it due?");
    expect(strip("Do you know whom they met?", "en")).toBe("whom they met?");
    expect(strip("Sorry, when?", "en")).toBe("Sorry, when?");
    expect(strip("Oké, maar sinds wanneer geldt dit?", "nl")).toBe("wanneer geldt dit?");
    expect(strip("Kun je me vertellen wie er sprak?", "nl")).toBe("wie er sprak?");
    expect(strip("Enfin, wie sprak er?", "nl")).toBe("Enfin, wie sprak er?");
  });

  it("strip an interjection before the question proper, whatever its words", () => {
    const strip = (text: string, language: Language) => text.replace(INTERJECTION[language], "");
    expect(strip("wait, when did that happen?", "en")).toBe("when did that happen?");
    expect(strip("thx. other topic: who signed it?", "en")).toBe("who signed it?");
    expect(strip("Bulgaria and Hungary passed laws, right?", "en")).toBe(
      "Bulgaria and Hungary passed laws, right?",
    );
    expect(strip("huh, wie was dat dan?", "nl")).toBe("wie was dat dan?");
    expect(strip("In 2021, wie deed dat?", "nl")).toBe("wie deed dat?");
    // A longer lead-in, closed by a colon.
    expect(strip("One for the briefing note I am writing: who signed it?", "en")).toBe(
      "who signed it?",
    );
    expect(strip("Even voor het verslag van vanmiddag: wie deed dat?", "nl")).toBe("wie deed dat?");
    // A long clause closed by a comma is part of the question.
    expect(strip("The letter says Bulgaria passed such a law this year, right?", "en")).toBe(
      "The letter says Bulgaria passed such a law this year, right?",
    );
  });

  // A condition set before the question proper is stripped; "When did…" asks for a time whatever
  // follows its comma, and with no question after the comma the condition is the question's own.
  it.each([
    [
      "When member states break EU law, what tool did they ask for?",
      "en",
      "what tool did they ask for?",
    ],
    ["If Hungary breaks the rules, who acts?", "en", "who acts?"],
    ["When did the EU join, which year?", "en", "When did the EU join, which year?"],
    ["When the law passed, was it criticised?", "en", "When the law passed, was it criticised?"],
    ["Als een lidstaat de regels schendt, welk instrument dan?", "nl", "welk instrument dan?"],
    [
      "Wanneer is het verdrag geratificeerd, welk jaar?",
      "nl",
      "Wanneer is het verdrag geratificeerd, welk jaar?",
    ],
  ] as const)("tell the condition in %s (%s)", (text, language, asked) => {
    expect(text.replace(CONDITION_LEAD[language], "")).toBe(asked);
  });

  it("tell an acknowledgement that opens the next turn", () => {
    matchesTable(ACKNOWLEDGEMENT, {
      en: [
        ["ok and why?", true],
        ["thanks, and who else?", true],
        ["okra", false],
      ],
      nl: [
        ["oké, en wanneer?", true],
        ["top en waar?", true],
        ["topics", false],
      ],
    });
  });

  it("tell conversational words that ask nothing", () => {
    matchesTable(CONVERSATIONAL, {
      en: [
        ["Could you please remind me who it was?", true],
        ["Quick question: who?", true],
        ["Who is it?", false],
      ],
      nl: [
        ["Kunt u mij zeggen wie het was?", true],
        ["Vraagje: wie?", true],
        ["Wie is het?", false],
      ],
    });
  });
});

describe("back-references and continuations", () => {
  it("tell a question that continues the conversation", () => {
    matchesTable(CONTINUATION, {
      en: [
        ["Same for Belgium?", true],
        ["Then who?", true],
        ["Andorra?", false],
        ["Belgium too?", false],
      ],
      nl: [
        ["Idem voor België?", true],
        ["Verder nog iets?", true],
        ["Engeland?", false],
        ["België ook?", false],
      ],
    });
  });

  it("tell words that point back", () => {
    matchesTable(BACK_REFERENCE, {
      en: [
        ["Why did they?", true],
        ["Where is that?", true],
        ["Why Malta?", false],
        ["Where is Thessaloniki?", false],
      ],
      nl: [
        ["Waarom deden ze dat?", true],
        ["Wat vond hij daarvan?", true],
        ["Waarom Malta?", false],
        ["Waar is Dieren?", false],
      ],
    });
  });

  it("tell a question for more of what was named", () => {
    matchesTable(ASKS_FOR_OTHERS, {
      en: [
        ["Any more?", true],
        ["Besides Malta?", true],
        ["Which ones?", false],
        ["Another day", false],
      ],
      nl: [
        ["Welke ook nog?", true],
        ["Naast Malta?", true],
        ["Welke?", false],
        ["Nogmaals?", false],
      ],
    });
  });

  it("tell a request for a person's name", () => {
    matchesTable(NAME_REQUEST, {
      en: [
        ["What is she called?", true],
        ["Named after whom?", true],
        ["Who is she?", false],
        ["A nameless group", false],
      ],
      nl: [
        ["Hoe heten ze?", true],
        ["Wat is de naam?", true],
        ["Wie is zij?", false],
        ["Naamloos", false],
      ],
    });
  });

  it("tell a question for who holds an office, which asks for a person", () => {
    matchesTable(OFFICE_HOLDER_ASKED, {
      en: [
        ["Who is the Equality Commissioner?", true],
        ["who's the Dutch human rights ambassador", true],
        ["who is currently the ambassador?", true],
        ["Who is the target of the sanctions?", false],
        ["Who chairs the committee?", false],
        ["Who became the new Commissioner for Equality?", true],
        ["who was eventually appointed ambassador", true],
        ["Who became chair of the committee?", false],
      ],
      nl: [
        ["wie is de nederlandse mensenrechtenambassadeur?", true],
        ["Wie werd uiteindelijk de nieuwe Eurocommissaris?", true],
        ["wie is benoemd tot vertegenwoordiger", true],
        ["Wie was de Eurocommissaris voor Gelijkheid", true],
        ["wie is nu de ambassadeur", true],
        ["Wie is de voorzitter van het comité?", false],
        ["Wie zijn de ontvangers?", false],
      ],
    });
  });
});

describe("places", () => {
  it("derive a country from its adjective, and nothing from other words", () => {
    classifiesTable(countryOfAdjective, {
      nl: [
        ["Bulgaarse", "Bulgarije"],
        ["Belgische", "België"],
        ["Oekraïense", "Oekraïne"],
        ["Bulgarije", undefined],
        ["Europese", undefined],
        ["Poolse", undefined],
      ],
      en: [
        ["Hungarian", "Hungary"],
        ["Maltese", "Malta"],
        ["Australian", "Australia"],
        ["Romans", undefined],
        ["individuals", undefined],
        ["Belgium", undefined],
      ],
    });
  });
});
