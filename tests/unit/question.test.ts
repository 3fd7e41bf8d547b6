import { describe, expect, it } from "vitest";
import { definedAbbreviations, directSpan } from "../../src/compose/extractive.js";
import {
  analyzeQuestion,
  askedAbout,
  countedStems,
  letterFactAsked,
  ownNumberPattern,
  questionTense,
  signatoryCues,
} from "../../src/compose/question.js";
import { countsAsked, hasKind, homeInAskedRole, spansOfKind } from "../../src/compose/spans.js";
import { loadLetter } from "../../src/letter/load.js";
import type { Language } from "../../src/letter/types.js";
import { analyze } from "../../src/retrieve/analyzer.js";

describe("question analysis", () => {
  const cases: Array<[string, "en" | "nl", string, string?]> = [
    ["When did the Netherlands host the IDAHOT+ Forum?", "en", "date"],
    ["In welk jaar verloopt de huidige gelijkheidsstrategie?", "nl", "date"],
    ["Wanneer ontvangt de Kamer de evaluatie?", "nl", "date"],
    ["How many countries signed the political declaration?", "en", "quantity"],
    ["How much money did the ministry give the umbrella organisations?", "en", "amount"],
    ["The evaluation was due last spring. When will the House receive it?", "en", "date"],
    ["evaluatie mensenrechtenbeleid - wanneer krijgt de Kamer die?", "nl", "date"],
    ["Hoeveel geld ging er naar de ambassades?", "nl", "amount"],
    ["exact amount the ministry gave? need the € figure", "en", "amount"],
    ["Wat was het totale bedrag voor de koepels?", "nl", "amount"],
    ["Hoeveel heeft de top de gastheer gekost?", "nl", "amount"],
    ["Wat heeft het organiseren van de top gekost?", "nl", "amount"],
    ["What did hosting the summit cost the Netherlands?", "en", "amount"],
    ["Which country does the letter name for its law against LGBTIQ+ persons?", "en", "country"],
    ["What budget does the strategy have?", "en", "amount"],
    ["Hoeveel lidstaten steunden de initiatiefbrief?", "nl", "quantity"],
    ["Which countries signed for the first time?", "en", "country"],
    ["Which Balkan nation passed discriminatory legislation?", "en", "country"],
    ["Waar richt Nederland zich op als voorzitter van het comité?", "nl", "open"],
    ["Welke organisaties kregen financiële steun?", "nl", "list"],
    ["Which European umbrella NGOs got support?", "en", "list"],
    ["Can you list the new signatories?", "en", "list"],
    ["Did they put anybody on that list?", "en", "yesno"],
    ["Welke Europese koepelorganisaties kregen steun?", "nl", "list"],
    ["What were the member states discussing?", "en", "open"],
    ["Which directive counters SLAPPs?", "en", "document"],
    ["Welke richtlijn gaat over geweld tegen vrouwen?", "nl", "document"],
    ["Who organised the meeting for LGBTIQ+ envoys?", "en", "person"],
    ["Hoe heet de nieuwe gelijkheidscommissaris?", "nl", "person"],
    ["What's her name, the ambassador?", "en", "person"],
    // "I mean" repairs the question; it asks for no meaning.
    ["Who chaired it, I mean?", "en", "person"],
    ["What does ADI SOGIESC mean?", "en", "expansion"],
    // A name asked of an abbreviation is what it stands for; of a thing, whatever the letter calls it.
    ["TGEU - the full name please?", "en", "expansion"],
    ["What are the two Commission strategies called?", "en", "open"],
    ["What does the so-called SRHR stand for, for the members who ask?", "en", "expansion"],
    ["Wie is voorzitter van het Comité van Partijen?", "nl", "person"],
    ["Where did the Netherlands sign the declaration on social rights?", "en", "place"],
    ["Waar werd het comité ADI SOGIESC opgericht?", "nl", "place"],
    ["Waar ondertekende Nederland de verklaring over sociale rechten?", "nl", "place"],
    ["Waar wordt in het comité aan gewerkt?", "nl", "open"],
    ["Naar wie werd de initiatiefbrief gestuurd?", "nl", "person"],
    ["Did the Netherlands support the anti-SLAPP directive?", "en", "yesno"],
    ["Is there a deadline for the evaluation?", "en", "date"],
    ["Welke lidstaten steunen het, en binnen welke termijn?", "nl", "country"],
    ["Heeft Nederland de verklaring van La Hulpe ondertekend?", "nl", "yesno"],
    ["Who signed this letter?", "en", "meta", "signatories"],
    ["Door wie is de brief ondertekend?", "nl", "meta", "signatories"],
    ["Wie heeft deze brief ondertekend?", "nl", "meta", "signatories"],
    ["Which Kamerstuk is this?", "en", "meta", "kamerstuk"],
    ["Wat is het kamerstuknummer van deze brief?", "nl", "meta", "kamerstuk"],
    ["In which parliamentary year was the letter sent?", "en", "meta", "year"],
    ["Aan wie is de brief gericht?", "nl", "meta", "addressee"],
    ["Summarise the letter", "en", "overview"],
    ["What's the big picture?", "en", "overview"],
    ["What are its key achievements?", "en", "overview"],
    ["Wat zijn de belangrijkste ontwikkelingen?", "nl", "overview"],
    // Importance of one thing asks about that thing.
    ["What's the key role of the Commission?", "en", "open"],
    ["What are the main points?", "en", "overview"],
    ["Waar gaat deze brief over?", "nl", "overview"],
    ["What is this letter to parliament about, and which topics does it cover?", "en", "overview"],
    ["Which subjects are in the letter?", "en", "overview"],
    ["Geef een samenvatting van de brief", "nl", "overview"],
    ["What's the letter about?", "en", "overview"],
    // Asked of no earlier letter, "that letter" is this one.
    ["waar gaat die brief nou over? in een paar zinnen graag", "nl", "overview"],
    ["What is the purpose of this letter?", "en", "overview"],
    ["Wat is de inhoud van de brief?", "nl", "overview"],
    ["Welke thema's komen aan bod?", "nl", "overview"],
    ["Vat het deel over Europese samenwerking samen", "nl", "overview"],
    ["Who is the letter from?", "en", "meta", "signatories"],
    ["Van welk ministerie komt de brief?", "nl", "meta", "signatories"],
    ["Who receives this letter?", "en", "meta", "addressee"],
    ["What is the dossier number?", "en", "meta", "kamerstuk"],
    ["Wanneer is de brief verstuurd?", "nl", "meta", "year"],
    ["What does the letter say about the Council of Europe?", "en", "overview"],
    ["Why is European action on equal treatment necessary?", "en", "reason"],
    ["Waarom zou het Nederlanders iets moeten schelen?", "nl", "reason"],
    ["What is the cabinet's position on Bulgaria's legislation?", "en", "stance"],
    ["Wat vindt het kabinet van de wetgeving in Bulgarije?", "nl", "stance"],
    ["En wat vindt het kabinet van de richtlijn?", "nl", "stance"],
    ["What did the cabinet ask the Commission to do when EU law is violated?", "en", "open"],
    // A city is finer than a place: the host country answers "where?", not "which city?".
    ["in which city was the forum held?", "en", "city"],
    ["waar in Nederland werd het gehouden?", "nl", "city"],
    ["Where was the forum held?", "en", "place"],
    // Whether there is a thing of a kind asks for it.
    ["is there a date when the EU will have joined the convention?", "en", "date"],
    ["Does the letter give a deadline for the evaluation?", "en", "date"],
    ["noemt de brief al een concrete termijn?", "nl", "date"],
    ["Is there a report on it?", "en", "yesno"],
  ];
  it.each(cases)("%s (%s) asks for a %s", (question, language, kind, fact) => {
    const analysis = analyzeQuestion(question, language);
    expect(analysis.kind).toBe(kind);
    if (fact) expect(analysis.fact).toBe(fact);
  });

  it.each([
    ["When did the Netherlands host the IDAHOT+ Forum?", "en", "past"],
    ["When was the committee established?", "en", "past"],
    ["When will the House receive the evaluation?", "en", "future"],
    ["So when exactly is the EU going to join?", "en", "future"],
    ["When does the cabinet report again?", "en", "present"],
    ["Wanneer organiseerde Nederland het forum?", "nl", "past"],
    ["Wanneer is de strategie aangenomen?", "nl", "past"],
    ["Wanneer werd het comité opgericht?", "nl", "past"],
    ["Wanneer krijgt de Kamer de evaluatie?", "nl", "present"],
    ["Wanneer zal het kabinet de Kamer informeren?", "nl", "future"],
    ["Wanneer precies zal de EU toetreden?", "nl", "future"],
    ["En wanneer is het forum?", "nl", "present"],
    // A start asked for lies in the past, whatever the verb's tense.
    ["Sinds wanneer is Nederland voorzitter?", "nl", "past"],
    ["OK, since when does it chair the committee?", "en", "past"],
    // Without a when-question, the clause that asks gives the tense; a deadline lies ahead.
    ["Is there a deadline for when the EU will ratify?", "en", "future"],
    ["Wat is de termijn voor de evaluatie?", "nl", "future"],
  ] as const)("%s (%s) asks about the %s", (question, language, tense) => {
    expect(questionTense(question, language)).toBe(tense);
  });

  it("tells a second part that asks more about the same subject", () => {
    expect(analyzeQuestion("What is ADI SOGIESC and what is it working on?", "en").more).toBe(true);
    expect(analyzeQuestion("Wat is ADI SOGIESC en wat doet het?", "nl").more).toBe(true);
    expect(analyzeQuestion("What is ADI SOGIESC?", "en").more).toBeUndefined();
  });

  it("keeps what an overview question asks about, without the words that ask for one", () => {
    const analysis = analyzeQuestion(
      "Met welke onderwerpen houdt het comité ADI SOGIESC zich bezig?",
      "nl",
    );
    expect(analysis.kind).toBe("overview");
    expect(analysis.focus).toContain("ADI SOGIESC");
    expect(analysis.focus).not.toContain("onderwerpen");
    expect(analyzeQuestion("Waar gaat de brief in grote lijnen over?", "nl").kind).toBe("overview");
  });

  it("tells an overview of the letter from one of a topic", () => {
    expect(analyzeQuestion("What is this letter about?", "en").overview).toBe("letter");
    expect(
      analyzeQuestion("Wat staat er in de brief over de Raad van Europa?", "nl").overview,
    ).toBe("topic");
  });
});

describe("the letter's own facts", () => {
  const signatories = signatoryCues(loadLetter("corpus/kamerstuk-30420-415.txt"));
  const asked = (question: string, language: "en" | "nl", followUp = false) =>
    letterFactAsked(question, language, { signatories, followUp });

  it.each([
    ["Welke ministers zitten achter deze brief?", "nl", "signatories"],
    ["Namens welke ministeries is de brief verstuurd?", "nl", "signatories"],
    ["Wie heeft namens OCW getekend?", "nl", "signatories"],
    ["What is Paul's role?", "en", "signatories"],
    ["Wat is de naam van de minister van Buitenlandse Zaken?", "nl", "signatories"],
    ["Who is the State Secretary who signed?", "en", "signatories"],
    ["Kun je me vertellen wie deze brief heeft ondertekend?", "nl", "signatories"],
    // A name asked of an office by its verb.
    ["En de staatssecretaris, hoe heet die?", "nl", "signatories"],
    ["What is the State Secretary called?", "en", "signatories"],
    ["What number does this parliamentary paper have?", "en", "kamerstuk"],
    ["Onder welk dossier valt deze brief?", "nl", "kamerstuk"],
    ["Van wanneer is deze brief eigenlijk?", "nl", "year"],
    ["In which parliamentary year was this paper sent to the House?", "en", "year"],
    ["Naar wie is de brief gestuurd?", "nl", "addressee"],
    ["Is the letter addressed to the Senate?", "en", "addressee"],
    ["What's the official title of this document?", "en", "title"],
    ["What is the no. of this letter?", "en", "kamerstuk"],
  ] as const)("%s (%s) asks for the letter's %s", (question, language, fact) => {
    expect(asked(question, language)).toBe(fact);
  });

  it.each([
    ["When does the letter say the equality strategies expire?", "en"],
    ["Which minister committed to sending this letter every year?", "en"],
    ["Who sent the joint letter on gender equality?", "en"],
    ["Wat evalueerde het ministerie van Buitenlandse Zaken?", "nl"],
    ["Which countries signed for the first time?", "en"],
    ["Wat heeft het kabinet het afgelopen jaar gedaan volgens de brief?", "nl"],
    ["Who is the State Secretary for Finance?", "en"],
    ["Wie is de staatssecretaris van Financiën?", "nl"],
    // "no" without its full stop or a number is a negation, not "number".
    ["Explain this letter with no jargon", "en"],
  ] as const)("%s (%s) asks about the letter's content", (question, language) => {
    expect(asked(question, language)).toBeUndefined();
  });

  it("reads the letter's number in a question as naming the letter, not asking for its number", () => {
    const letter = loadLetter("corpus/kamerstuk-30420-415.txt");
    const withNumber = (question: string, language: Language) =>
      letterFactAsked(question, language, {
        signatories,
        ownNumber: ownNumberPattern(letter),
        isTopic: () => false,
      });
    expect(withNumber("Welk nummer heeft deze brief, 30420-415?", "nl")).toBeUndefined();
    expect(withNumber("Summarise parliamentary paper 30 420 no. 415 by number", "en")).toBe(
      undefined,
    );
    // Only the dossier given, the letter's own number is still asked.
    expect(withNumber("What is the number of the 30 420 letter?", "en")).toBe("kamerstuk");
  });

  it("reads the letter described by its subject as the letter, not as a topic", () => {
    expect(
      asked("What's the number of the annual letter on gender equality in the EU?", "en"),
    ).toBe("kamerstuk");
    expect(asked("Welk nummer heeft de brief over gendergelijkheid, SRGR en lhbtiq+?", "nl")).toBe(
      "kamerstuk",
    );
    expect(asked("Wie heeft die jaarbrief over gendergelijkheid ondertekend?", "nl")).toBe(
      "signatories",
    );
    // Another letter, described, is not this one.
    expect(
      asked("Wie heeft die brief over het emancipatiebeleid ondertekend?", "nl"),
    ).toBeUndefined();
    expect(
      asked("What's the number of the joint letter on gender equality?", "en"),
    ).toBeUndefined();
  });

  it("reads the Dutch 'sent to the House', its verb last, as asking for the addressee", () => {
    const untopical = { signatories, isTopic: () => false };
    expect(letterFactAsked("Ging deze brief naar de Tweede Kamer?", "nl", untopical)).toBe(
      "addressee",
    );
    expect(letterFactAsked("Is de brief aan de Eerste Kamer gestuurd?", "nl", untopical)).toBe(
      "addressee",
    );
  });

  it("reads the letter cited as the source of a number as the source, not as asked about", () => {
    const whole = (question: string, language: Language) =>
      analyzeQuestion(question, language, {
        signatories,
        isTopic: (stem) =>
          ["joint", "gender", "equal", "richtlijn", "geweld", "vrouw"].some((t) =>
            stem.startsWith(t),
          ),
      });
    expect(
      whole(
        "I need the joint letter on gender equality for a footnote. Which number does the letter cite for it?",
        "en",
      ).kind,
    ).not.toBe("meta");
    expect(
      whole(
        "Ik zoek de richtlijn over geweld tegen vrouwen. Welk nummer wordt daarvoor in de brief genoemd?",
        "nl",
      ).kind,
    ).not.toBe("meta");
  });

  it("reads a signatory's name as asking about them only when nothing else is asked about", () => {
    const topics = new Set(["forum", "speak"]);
    const withTopics = (question: string) =>
      letterFactAsked(question, "en", {
        signatories,
        isTopic: (stem) => topics.has(stem),
      });
    expect(withTopics("Who is Veldkamp?")).toBe("signatories");
    // Chat writes the name in lower case; the letter's own word is a topic word to the index.
    const lowerCase = letterFactAsked("signed by veldkamp and who else?", "en", {
      signatories,
      isTopic: (stem) => stem === "veldkamp",
    });
    expect(lowerCase).toBe("signatories");
    expect(withTopics("Did Paul speak at the forum?")).toBeUndefined();
    // A later sentence asks about the earlier one's topic, whoever it names.
    const whole = (question: string) =>
      analyzeQuestion(question, "en", { signatories, isTopic: (stem) => topics.has(stem) });
    expect(whole("Who spoke at the forum? Was it Veldkamp himself?").kind).not.toBe("meta");
    expect(whole("Who is Veldkamp? Is he a minister?")).toEqual({
      kind: "meta",
      fact: "signatories",
    });
  });

  it("reads a follow-up's pronoun as the earlier question's subject, not the letter", () => {
    expect(asked("Who signed it?", "en")).toBe("signatories");
    expect(asked("Who signed it?", "en", true)).toBeUndefined();
    // "That letter", in a conversation, is the one just spoken of; "this letter" is still this one.
    expect(asked("What's the reference number of that letter?", "en", true)).toBeUndefined();
    expect(asked("Welk nummer heeft die brief?", "nl", true)).toBeUndefined();
    expect(asked("Welk nummer heeft deze brief?", "nl", true)).toBe("kamerstuk");
    expect(
      analyzeQuestion("Who was it sent to?", "en", { signatories, followUp: true }).kind,
    ).not.toBe("meta");
  });
});

describe("answer spans of a kind", () => {
  it("finds dates, verbatim", () => {
    const en =
      "In May 2024, the Netherlands, as host country, organised the eleventh annual European IDAHOT+ Forum.";
    expect(spansOfKind(en, "date", "en")[0]).toBe("In May 2024");
    expect(
      spansOfKind("Op 16 april tekende Nederland in La Hulpe de verklaring.", "date", "nl")[0],
    ).toBe("Op 16 april");
    expect(hasKind("Human rights are a priority for the government.", "date", "en")).toBe(false);
  });

  it("names the letter's own country only where the text gives it the role asked about", () => {
    const stems = (text: string, language: Language) => new Set(analyze(text, language));
    const hosted = "In mei organiseerde Nederland als gastland het jaarlijkse forum.";
    expect(homeInAskedRole(hosted, "nl", stems("welk land was de gastheer", "nl"))).toBe(
      "Nederland",
    );
    expect(
      homeInAskedRole(
        "The Netherlands, as host country, organised the forum.",
        "en",
        stems("which country hosted the forum", "en"),
      ),
    ).toBe("Netherlands");
    // The actor of the sentence has no role in what the question asks.
    expect(
      homeInAskedRole(
        "Nederland verwelkomde de richtlijn tegen SLAPPs.",
        "nl",
        stems("welke landen blokkeren de richtlijn", "nl"),
      ),
    ).toBeUndefined();
    // "Welk land": the question's own word for a country is no role.
    expect(
      homeInAskedRole("Nederland sprak als lidstaat.", "nl", stems("welk land", "nl")),
    ).toBeUndefined();
  });

  it("tells a sum of money from a count of things", () => {
    expect(spansOfKind("The ministry gave € 1,5 million to the network.", "amount", "en")).toEqual([
      "€ 1,5 million",
    ]);
    expect(hasKind("Het kabinet trok 200.000 euro uit voor de campagne.", "amount", "nl")).toBe(
      true,
    );
    expect(hasKind("Five new countries signed: Poland, Albania and Spain.", "amount", "en")).toBe(
      false,
    );
  });

  it("extends numbers to their noun phrase and skips years and directive numbers", () => {
    expect(
      spansOfKind("32 European countries signed a political declaration.", "quantity", "en"),
    ).toContain("32 European countries");
    expect(
      spansOfKind(
        "As part of these efforts, four individuals and two entities were added to the list.",
        "quantity",
        "en",
      ),
    ).toContain("four individuals and two entities");
    expect(hasKind("Richtlijn – EU – 2024/1069", "quantity", "nl")).toBe(false);
  });

  it("finds a document's title where a footnote is one, not in a sentence about documents", () => {
    expect(
      spansOfKind(
        "Gender Equality Strategy 2020–2025, LGBTIQ Equality Strategy 2020–2025",
        "document",
        "en",
      ),
    ).toEqual(["Gender Equality Strategy 2020–2025"]);
    expect(
      spansOfKind("Politieke verklaring bescherming van lhbtiq+ mensenrechten", "document", "nl"),
    ).toHaveLength(1);
    expect(
      spansOfKind(
        "The Netherlands mentioned the importance of the gender equality strategy.",
        "document",
        "en",
      ),
    ).toEqual([]);
  });

  it("finds lists of names and document numbers", () => {
    const sentence =
      "Compared with last year, five new countries signed: Poland, Albania, Spain, Montenegro and Ukraine.";
    expect(spansOfKind(sentence, "list", "en")[0]).toBe(
      "Poland, Albania, Spain, Montenegro and Ukraine",
    );
    expect(spansOfKind("Richtlijn – EU – 2024/1069", "document", "nl")).toContain("2024/1069");
  });

  it("finds Dutch country names that end in a letter outside ASCII", () => {
    const spans = spansOfKind("Nieuw waren België, Oekraïne en Albanië.", "country", "nl");
    expect(spans).toEqual(expect.arrayContaining(["België", "Oekraïne", "Albanië"]));
    expect(spansOfKind("De bijeenkomst was in België.", "place", "nl")).toContain("België");
    expect(hasKind("Oekraïne, Albanië en Spanje tekenden.", "list", "nl")).toBe(true);
  });

  it("opens with the answer, not with the name the question already gives", () => {
    const chair =
      "Daarnaast is sinds dit jaar de Nederlandse Permanent Vertegenwoordiger bij de Raad van Europa voorzitter van het Comité van Partijen van het Verdrag van Istanbul.";
    expect(
      directSpan(chair, "person", "nl", "Wie is voorzitter van het Comité van Partijen?"),
    ).toBe("Nederlandse Permanent Vertegenwoordiger bij de Raad van Europa");
    expect(
      directSpan(
        "32 Europese landen tekenden een politieke verklaring.",
        "quantity",
        "nl",
        "Hoeveel landen tekenden de verklaring?",
      ),
    ).toBe("32 Europese landen");
  });

  it("opens with both names joined by and, and not with what the conversation named", () => {
    const sent =
      "The initiative letter was sent on behalf of seventeen member states to the President of the European Commission and the former European Commissioner for Equality.";
    expect(directSpan(sent, "person", "en", "Who was it sent to?")).toBe(
      "President of the European Commission and the former European Commissioner for Equality",
    );
    const laws = "Dit jaar voerde Bulgarije wetgeving door, nadat Hongarije dat in 2021 deed.";
    expect(directSpan(laws, "country", "nl", "Welke landen nog meer?")).toBe("Bulgarije");
    expect(
      directSpan(laws, "country", "nl", "Welke landen nog meer?", { alreadySaid: "Bulgarije." }),
    ).toBe("Hongarije");
  });

  it("finds the abbreviations a text defines, with the words they stand for", () => {
    const found = definedAbbreviations(
      "gelijke rechten van lhbtiq+ personen in de Europese Unie (EU). Samen met de Raad van Europa (RvE) werkt de EU aan seksuele en reproductieve gezondheid en rechten (SRGR). Dit comité (ADI SOGIESC) is nieuw.",
    );
    expect(Object.fromEntries(found)).toEqual({
      EU: "Europese Unie",
      RvE: "Raad van Europa",
      SRGR: "seksuele en reproductieve gezondheid en rechten",
    });
  });

  it("ends a name at its last name word, and does not take the letter's own country for a place", () => {
    expect(
      spansOfKind(
        "The letter was sent to the President of the European Commission and the former Commissioner for Equality.",
        "person",
        "en",
      ),
    ).toContain("the President of the European Commission");
    expect(
      spansOfKind("Nederland ondertekende de verklaring in La Hulpe.", "place", "nl"),
    ).not.toContain("Nederland");
  });

  it("answers a how-many question with a number of what it counts", () => {
    const countries = countedStems("How many countries signed the declaration?", "en");
    expect(countsAsked("32 European countries", countries, "en")).toBe(true);
    const people = countedStems("How many people attended the forum?", "en");
    expect(countsAsked("32 European countries", people, "en")).toBe(false);
    expect(
      countsAsked("twee keer", countedStems("Hoeveel keer kwamen zij bijeen?", "nl"), "nl"),
    ).toBe(true);
    // "How many were added?" counts what the conversation was about: any number answers.
    expect(countedStems("How many were added to the list?", "en")).toEqual([]);
    expect(countedStems("and how many got added?", "en")).toEqual([]);
    // "How often" counts times: a date is no answer to it.
    const often = countedStems("Hoe vaak kwamen de ministers bijeen?", "nl");
    expect(countsAsked("twee keer", often, "nl")).toBe(true);
    expect(countsAsked("16 april", often, "nl")).toBe(false);
    expect(countedStems("How many LGBTIQ+ people live here?", "en")).not.toEqual([]);
  });

  it("counts the same kind of thing named in other words, where that is allowed", () => {
    const people = countedStems("How many people were added to the list?", "en");
    expect(countsAsked("four individuals", people, "en")).toBe(true);
    expect(countsAsked("four individuals", people, "en", { alike: false })).toBe(false);
    expect(countsAsked("32 European countries", people, "en")).toBe(false);
    const organisations = countedStems("Hoeveel organisaties staan op de lijst?", "nl");
    expect(countsAsked("twee entiteiten", organisations, "nl")).toBe(true);
    const states = countedStems("How many countries signed the letter?", "en");
    expect(countsAsked("seventeen member states", states, "en")).toBe(true);
  });

  it("opens a who-answer with the actor, not with a name the question already points at", () => {
    const met =
      "In 2024 kwamen Ministers van gelijkheid uit EU-lidstaten twee keer bijeen onder het Belgische voorzitterschap van de Raad van de EU.";
    expect(
      directSpan(
        met,
        "person",
        "nl",
        "Wie kwamen er in 2024 bijeen onder het Belgische voorzitterschap?",
      ),
    ).toBe("Ministers");
  });
});

describe("a message read clause by clause", () => {
  const signatories = signatoryCues(loadLetter("corpus/kamerstuk-30420-415.txt"));
  // Every word counts as a topic here, so only the clause structure can keep a reason from
  // hiding the request.
  const analysed = (question: string, language: "en" | "nl") =>
    analyzeQuestion(question, language, { signatories });

  it.each([
    [
      "Welk Kamerstuknummer heeft deze brief, want ik verwijs ernaar in een motie?",
      "nl",
      "kamerstuk",
    ],
    [
      "Which ministers sent this letter? Our committee clerk wants to invite them.",
      "en",
      "signatories",
    ],
  ] as const)("%s (%s): one part asks for the letter's %s", (question, language, fact) => {
    expect(analysed(question, language)).toMatchObject({ kind: "meta", fact });
  });

  it.each([
    ["Geef me de hoofdpunten van de brief, ik heb zo een overleg met de wethouder.", "nl"],
    ["Summarise this letter in three lines: my manager reads it on the train.", "en"],
    ["waar gaat de brief over in het kort?", "nl"],
    ["tl;dr van de kamerbrief graag, ik moet zo naar een overleg", "nl"],
    // Asked twice, the clause about the whole letter decides: "on the page" names no topic.
    ["I found this letter on the page. can you give me the short version, what's it about?", "en"],
  ] as const)(
    "%s (%s) asks for the letter's overview, whatever the rest says",
    (question, language) => {
      expect(analysed(question, language)).toMatchObject({ kind: "overview", overview: "letter" });
    },
  );

  it("keeps a topic that the asking clause names", () => {
    const asked = analysed("Summarise what the letter says about the sanctions, please.", "en");
    expect(asked).toMatchObject({ kind: "overview", overview: "topic" });
    expect(asked.focus).toMatch(/sanctions/);
  });
});

describe("a premise to confirm", () => {
  it.each([
    ["The forum took place in Lisbon, right?", "en", true],
    ["Is it true that Spain hosted the meeting?", "en", true],
    ["Het forum was in Lissabon, toch?", "nl", true],
    ["Klopt het dat Spanje gastland was?", "nl", true],
    // A closing tag that proposes the answer asks to have it confirmed.
    ["Who chaired the meeting, was it the Belgian minister?", "en", true],
    ["Welke stad was gastheer, of was het Gent?", "nl", true],
    ["Was it Belgium that held the presidency?", "en", false],
    ["What does the letter say about the right to equal treatment?", "en", false],
    ["Wat doet het kabinet toch allemaal in de Raad?", "nl", false],
  ] as const)("%s (%s) → %s", (question, language, premise) => {
    expect(analyzeQuestion(question, language).premise === true).toBe(premise);
  });
});

describe("what a question asks about", () => {
  it("drops what asks the assistant, whatever its verb", () => {
    expect(askedAbout("Could you recommend a hotel?", "en", () => false)).not.toMatch(/recommend/);
    expect(askedAbout("Can you provide the main points?", "en", () => false)).not.toMatch(
      /provide/,
    );
  });

  it("drops an interjection, unless it names a topic", () => {
    expect(askedAbout("wacht even, welk nummer?", "nl", () => false)).not.toMatch(/wacht/);
    const topical = askedAbout("sanctiepakket, welk nummer?", "nl", (w) => w === "sanctiepakket");
    expect(topical).toMatch(/sanctiepakket/);
  });

  it("drops what the asker will do with the answer, not what a preposition names", () => {
    const motion = "welk nummer heeft de richtlijn, zodat mijn Kamerlid een motie kan indienen?";
    expect(askedAbout(motion, "nl", () => false)).not.toMatch(/motie/);
    const year = "In welk jaar nam Nederland het initiatief voor het derde sanctiepakket?";
    expect(askedAbout(year, "nl", () => false)).toMatch(/sanctiepakket/);
  });
});

describe("the letter's own country as a place", () => {
  it("is where something took place when the text makes it the host country", () => {
    const hosted = "In mei 2024 organiseerde Nederland als gastland het elfde Forum.";
    expect(spansOfKind(hosted, "place", "nl")).toContain("Nederland als gastland");
    const host = "In May 2024, the Netherlands, as host country, organised the Forum.";
    expect(spansOfKind(host, "place", "en")).toContain("Netherlands, as host country");
  });

  it("is no place where it acts", () => {
    expect(spansOfKind("Nederland verwelkomde als eerste de richtlijn.", "place", "nl")).toEqual(
      [],
    );
  });
});

describe("the letter's facts within longer messages", () => {
  it("reads a later sentence as going on about the earlier one's topic", () => {
    const isTopic = (stem: string) => stem.length > 6;
    const joint = "The initiative letter went to the Commission President. Who signed it?";
    expect(analyzeQuestion(joint, "en", { isTopic }).kind).not.toBe("meta");
    expect(analyzeQuestion("Who signed it?", "en", { isTopic }).kind).toBe("meta");
    expect(
      analyzeQuestion("Great, thanks. Who signed it?", "en", { isTopic: () => false }),
    ).toEqual({ kind: "meta", fact: "signatories" });
  });

  it("reads the fact asked by the sentence that asks, before the words of one that tells", () => {
    const isTopic = () => false;
    const outdated = "Who signed the letter? The name in my notes seems out of date.";
    expect(analyzeQuestion(outdated, "en", { isTopic })).toEqual({
      kind: "meta",
      fact: "signatories",
    });
    const cited =
      "wie heeft deze brief ondertekend? ik moet het nummer in mijn bronnenlijst zetten";
    expect(analyzeQuestion(cited, "nl", { isTopic })).toEqual({
      kind: "meta",
      fact: "signatories",
    });
  });

  it("reads 'it' in a follow-up as the letter when the conversation is about the letter", () => {
    const options = { followUp: true, isTopic: () => false };
    const year = "and what year is it from?";
    expect(analyzeQuestion(year, "en", { ...options, letterInContext: true })).toEqual({
      kind: "meta",
      fact: "year",
    });
    expect(analyzeQuestion(year, "en", options).kind).not.toBe("meta");
    const signed = "en wie heeft hem getekend?";
    expect(analyzeQuestion(signed, "nl", { ...options, letterInContext: true })).toEqual({
      kind: "meta",
      fact: "signatories",
    });
  });

  it("reads a when-clause that sets a condition as no question for a date", () => {
    const tool = "When member states break EU law, what tool did the government ask for?";
    expect(analyzeQuestion(tool, "en").kind).not.toBe("date");
    expect(analyzeQuestion("When did the EU join the convention?", "en").kind).toBe("date");
  });

  it("reads the letter named as the source as asking what it says", () => {
    const isTopic = () => false;
    expect(analyzeQuestion("Welke datum noemt de brief?", "nl", { isTopic }).kind).toBe("date");
    expect(analyzeQuestion("Welke datum heeft de brief?", "nl", { isTopic }).kind).toBe("meta");
  });

  it("reads a request's form and purpose as framing, not as what it asks about", () => {
    const { focus } = analyzeQuestion("Summarise the letter in three or four bullets", "en");
    expect(focus).not.toMatch(/bullets/);
    expect(analyzeQuestion("vat de brief samen in vijf punten", "nl").focus).not.toMatch(/punten/);
  });

  it("reads a whole question for a fact in the Dutch terms an English one keeps", () => {
    const isTopic = () => false;
    expect(analyzeQuestion("which vergaderjaar is this from?", "en", { isTopic })).toEqual({
      kind: "meta",
      fact: "year",
    });
    expect(analyzeQuestion("what's the kamerstuknummer?", "en", { isTopic })).toEqual({
      kind: "meta",
      fact: "kamerstuk",
    });
  });

  it("reads a later clause as going on about an earlier clause's topic", () => {
    const isTopic = (stem: string) => stem.length > 6;
    const cited =
      "The letter cites the joint letter on continuation and strengthening; what is the Kamerstuk number of that document?";
    expect(analyzeQuestion(cited, "en", { isTopic }).kind).not.toBe("meta");
    const own = "I am writing a note; what is the Kamerstuk number of this letter?";
    expect(analyzeQuestion(own, "en", { isTopic })).toEqual({ kind: "meta", fact: "kamerstuk" });
  });

  it("reads a clause of purpose as framing, never as the request", () => {
    const register =
      "Wanneer wordt de Kamer geïnformeerd, zodat wij dat kunnen opnemen in het overzicht van toezeggingen?";
    expect(analyzeQuestion(register, "nl").kind).toBe("date");
    const notes = "Give me the main points of the letter that I can work into the speaking notes";
    expect(analyzeQuestion(notes, "en")).toMatchObject({ kind: "overview", overview: "letter" });
  });

  it("reads what qualifies a request, and what a purpose prepares, as framing", () => {
    const isTopic = (stem: string) => ["slapp", "sanction"].includes(stem);
    const brief = "Give me a quick press summary of this letter, please";
    expect(analyzeQuestion(brief, "en", { isTopic }).focus).not.toMatch(/quick|press/);
    const topical = "Give me the SLAPP summary";
    expect(analyzeQuestion(topical, "en", { isTopic }).focus).toMatch(/SLAPP/);
    const debate =
      "Ten behoeve van de voorbereiding van het commissiedebat graag een korte samenvatting van de brief";
    expect(analyzeQuestion(debate, "nl", { isTopic }).focus).not.toMatch(/commissiedebat|korte/);
    const boiled = "Can you boil the letter down for me?";
    expect(analyzeQuestion(boiled, "en", { isTopic }).kind).toBe("overview");
  });

  it("reads a summary of the letter described by a fact as a summary", () => {
    const summary = "Graag een samenvatting van deze brief van de bewindspersonen";
    expect(analyzeQuestion(summary, "nl").kind).toBe("overview");
  });
});

describe("a person's name asked for", () => {
  it.each([
    ["wie waren die vier personen?", "nl"],
    ["Who were those two officials?", "en"],
    ["wie is nu de eurocommissaris voor gelijkheid?", "nl"],
  ] as const)("%s asks for names", (question, language) => {
    expect(analyzeQuestion(question, language).personalName).toBe(true);
  });

  it("is not asked by who did something", () => {
    expect(analyzeQuestion("Wie organiseerde de bijeenkomst?", "nl").personalName).toBeUndefined();
  });
});

describe("Dutch function words", () => {
  it("drops pronominal adverbs, which name no topic", () => {
    expect(analyze("waaronder daarmee hierover ervan", "nl")).toEqual([]);
  });
});

describe("personal advice", () => {
  it.each([
    ["ik moet mijn paspoort verlengen, waar kan dat?", "nl"],
    ["I need to renew my passport, where?", "en"],
  ] as const)("%s asks for it", (question, language) => {
    expect(analyzeQuestion(question, language).advice).toBe(true);
  });

  it("is asked by any how-to of one's own but finding, reading or citing", () => {
    expect(analyzeQuestion("hoe maak ik een afspraak bij het consulaat?", "nl").advice).toBe(true);
    expect(analyzeQuestion("How do I register my partnership abroad?", "en").advice).toBe(true);
    expect(analyzeQuestion("hoe kan ik deze brief het beste citeren?", "nl").advice).toBe(
      undefined,
    );
    expect(analyzeQuestion("How do I find the directive's number?", "en").advice).toBe(undefined);
  });

  it("is not asked by an assistant preparing their member", () => {
    expect(analyzeQuestion("ik moet mijn Kamerlid briefen over de brief", "nl").advice).toBe(
      undefined,
    );
  });
});
