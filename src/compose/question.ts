import { type Language, type Letter, otherLanguage } from "../letter/types.js";
import { COUNTED_CLASSES, NAME_REQUEST, OFFICE_HOLDER_ASKED, PEOPLE } from "../lexicon/concepts.js";
import { ASKS_FOR_OTHERS, BACK_REFERENCE } from "../lexicon/conversation.js";
import {
  CONDITION_LEAD,
  CONVERSATIONAL,
  INTERJECTION,
  OPENING_FILLER,
} from "../lexicon/fillers.js";
import {
  LETTER_AS_SOURCE,
  LETTER_DESCRIBED,
  LETTER_NOUN,
  LETTER_PHRASE,
  THAT_LETTER,
} from "../lexicon/letter.js";
import {
  ASKS_WHO,
  FACT_CUES,
  FACT_FRAME_WORDS,
  FACT_QUESTIONS,
  type LetterFact,
  PORTFOLIO,
  UNNAMED_OFFICES,
} from "../lexicon/letter-facts.js";
import {
  ABOUT_SOMETHING,
  ANSWER_FORM,
  ENDS_ON_THE_LETTER,
  LETTER_IS_ABOUT,
  OVERVIEW_REQUEST,
  PURPOSE,
  PURPOSE_CLAUSE,
  REQUEST_DETERMINER,
} from "../lexicon/overview.js";
import { anyOf, escapeRegExp, everywhere } from "../lexicon/phrases.js";
import { CONFIRMATION, PERSONAL_ADVICE } from "../lexicon/premise.js";
import {
  ABBREVIATION_WORDS,
  type AnswerKind,
  COUNTED,
  DEADLINE,
  HOW_OFTEN,
  JOINED_QUESTION,
  JOINED_WH_WORDS,
  KIND_QUESTIONS,
  MORE,
  SPLIT_PREPOSITION,
} from "../lexicon/question-kinds.js";
import {
  AHEAD,
  FUTURE_VERB,
  NL_PARTICIPLE,
  NL_PERFECT,
  NL_WEAK_PAST,
  PAST_VERB,
  SINCE_WHEN,
  WHEN_VERB,
} from "../lexicon/tense.js";
import {
  analyze,
  clausesOf,
  SENTENCE_END,
  sentenceAsks,
  sentencesOf,
  tokenize,
} from "../retrieve/analyzer.js";

export type { AnswerKind, LetterFact };
export { escapeRegExp };

export interface QuestionAnalysis {
  kind: AnswerKind;
  /** For `meta`: which of the letter's own facts. */
  fact?: LetterFact;
  /** A second thing asked for in the same question ("…, and when will it report again?"). */
  also?: AnswerKind;
  /** For `overview`: the whole letter unless a section is named (resolved later against its titles). */
  overview?: "letter" | "topic";
  /** For `overview`: the question without the words that ask for one ("which topics…", "summarise"). */
  focus?: string;
  /** For `date`: whether it asks when something happened, or when it happens or will. */
  tense?: Tense;
  /** For `quantity`: the stems of what is counted ("how many countries" → countri). */
  counted?: string[];
  /** A second part asks more about the same subject ("What is ADI SOGIESC and what is it working on?"). */
  more?: boolean;
  /** For `person`: the question wants a person's name, not a role ("what's the ambassador's name?"). */
  personalName?: boolean;
  /**
   * The question asserts something and asks to have it confirmed ("…in Malta, right?"): a place it
   * names is a premise to correct, not where it places its topic.
   */
  premise?: boolean;
  /** The question asks for personal advice ("do I need a visa?"), which the letter never gives. */
  advice?: boolean;
  /** The question asks about what lies ahead ("next year's forum"), not about the year reported on. */
  ahead?: boolean;
}

export type Tense = "past" | "present" | "future";

/**
 * The question without what opens it and asks nothing: an interjection ("wait, …", "thx. diff
 * topic: …"), then fillers and a preposition ("And by when…").
 */
export function withoutOpening(question: string, language: Language): string {
  return question.trim().replace(INTERJECTION[language], "").replace(OPENING_FILLER[language], "");
}

/**
 * What a question asks about, for judging its scope: without its opening and without what asks the
 * assistant ("could you recommend…" asks for an answer, not about recommendations). Words before
 * the question proper that `names` a topic stay ("anti-slapp richtlijn, welk nummer…?").
 */
export function askedAbout(
  question: string,
  language: Language,
  names: (word: string) => boolean,
): string {
  const opening = INTERJECTION[language].exec(question.trim())?.[0] ?? "";
  const kept = tokenize(opening).some(names) ? question.trim() : withoutOpening(question, language);
  return kept
    .replace(OPENING_FILLER[language], "")
    .replace(CONVERSATIONAL[language], " ")
    .replace(everywhere(PURPOSE_CLAUSE[language]), " ");
}

/**
 * Whether a when-question asks about the past ("When did…", "Wanneer organiseerde…", "Wanneer is …
 * aangenomen?"), about now or later ("Wanneer krijgt de Kamer…"), or about later only ("When
 * will…", "Wanneer zal…"): in a letter that looks back on a year, they point at different dates.
 */
export function questionTense(question: string, language: Language): Tense | undefined {
  const text = withoutOpening(question, language);
  const verb = WHEN_VERB[language].exec(text)?.[1]?.toLowerCase();
  if (!verb) {
    // "Is there a deadline for when the EU will join?": the tense is that of the clause that asks;
    // a deadline without one lies ahead.
    if (text.split(/[^\p{L}']+/u).some((word) => FUTURE_VERB[language].test(word))) return "future";
    return DEADLINE[language].test(text) ? "future" : undefined;
  }
  if (PAST_VERB[language].test(verb) || SINCE_WHEN[language].test(question)) return "past";
  if (FUTURE_VERB[language].test(verb) || /\bgoing to\b/i.test(text)) return "future";
  if (language === "nl") {
    if (NL_WEAK_PAST.test(verb)) return "past";
    const last =
      text
        .replace(/[?!.\s]+$/, "")
        .split(/\s+/)
        .at(-1) ?? "";
    if (NL_PERFECT.test(verb) && NL_PARTICIPLE.test(last)) return "past";
  }
  return "present";
}

/**
 * What a how-many question counts: the words after "how many" ("How many countries signed…" →
 * countries, signed). A number of something else ("32 countries" for "how many people") does not
 * answer it.
 */
export function countedStems(question: string, language: Language): string[] {
  // "How often", "hoe vaak": how many times.
  if (HOW_OFTEN[language].test(question))
    return analyze(language === "nl" ? "keer" : "times", language);
  const [phrase, words] = COUNTED[language].exec(question) ?? [];
  if (!phrase || !words) return [];
  // An English count is of a plural noun: "how many got listed" counts what was said before.
  if (language === "en" && /^how many/i.test(phrase) && !words.split(/\s+/).some(countable)) {
    return [];
  }
  return analyze(words, language);
}

/** An English plural: "countries", "times", or one of the counted classes' irregular ones ("people"). */
function countable(word: string): boolean {
  return (
    /s$/i.test(word) ||
    Object.values(COUNTED_CLASSES.en).some((words) => words.includes(word.toLowerCase()))
  );
}

export const asksForOthers = (question: string, language: Language): boolean =>
  ASKS_FOR_OTHERS[language].test(question);

/** A request without what it is wanted for ("voor een kader", "so I can retrieve it"). */
export const withoutPurpose = (text: string, language: Language): string =>
  text
    .replace(everywhere(PURPOSE[language]), " ")
    .replace(everywhere(PURPOSE_CLAUSE[language]), " ");

/**
 * A request without what asks the assistant ("could you provide"), the letter it names, what it is
 * wanted for and in what form: what it is about.
 */
const withoutFraming = (text: string, language: Language): string =>
  withoutPurpose(
    text.replace(CONVERSATIONAL[language], " ").replace(everywhere(LETTER_PHRASE[language]), " "),
    language,
  ).replace(everywhere(ANSWER_FORM[language]), " ");

/** The frame of a question about the letter's facts, as stems: what is left is its topic. */
const FACT_FRAME: Record<Language, ReadonlySet<string>> = {
  en: new Set(analyze(FACT_FRAME_WORDS.en, "en")),
  nl: new Set(analyze(FACT_FRAME_WORDS.nl, "nl")),
};

/** The names and offices of the letter's signatories, from its signature block. */
export interface SignatoryCues {
  /** Their surnames and initials: a question that names them asks about them. */
  names: RegExp;
  /** Their offices, in both languages: "who is the State Secretary?" asks for a signatory. */
  offices: RegExp;
  /** Stems of their offices and their ministries' initials ("namens OCW"), per language. */
  officeStems: Record<Language, ReadonlySet<string>>;
}

/** A portfolio's initials: "Onderwijs, Cultuur en Wetenschap" → OCW, "Buitenlandse Zaken" → BZ. */
const initials = (office: string) =>
  (PORTFOLIO.exec(office)?.[1] ?? "").match(/\p{Lu}/gu)?.join("") ?? "";

export function signatoryCues(letter: Letter): SignatoryCues {
  const { signatories } = letter.metadata;
  const roles = letter.translation.letter?.roles ?? {};
  const names = signatories.flatMap((s) => {
    const surname = s.name.split(/\s+/).at(-1) ?? s.name;
    return [s.name, surname].map(escapeRegExp);
  });
  const offices = signatories.flatMap((s) => [s.role, roles[s.role] ?? s.role].map(escapeRegExp));
  const officeStems = (language: Language) =>
    new Set(
      signatories.flatMap((s) => {
        const office = language === "nl" ? s.role : (roles[s.role] ?? s.role);
        return analyze(`${office} ${initials(office)}`, language);
      }),
    );
  return {
    officeStems: { nl: officeStems("nl"), en: officeStems("en") },
    // Chat writes names in lower case ("signed by veldkamp and who else?").
    names: new RegExp(`(?<!\\p{L})(?:${names.join("|")})(?!\\p{L})`, "iu"),
    offices: new RegExp(`(?<!\\p{L})(?:${offices.join("|")}|${anyOf(UNNAMED_OFFICES)})`, "iu"),
  };
}

/**
 * The letter's number however a question writes it ("30 420, nr. 415", "kst-30420-415", "30420
 * no 415"): a question that gives it names the letter by it and does not ask for it.
 */
export function ownNumberPattern(letter: Letter): RegExp {
  const { dossier, number } = letter.metadata.kamerstuk;
  const digits = dossier.replace(/\D/g, "").split("").join("\\s?");
  return new RegExp(`(?<!\\d)${digits}\\D{1,12}${number}(?!\\d)`, "u");
}

/**
 * Which of the letter's own facts a question asks, however it is phrased: it names a signatory or
 * asks who holds a signatory's office, or it names the letter as a document and asks for one of its
 * facts with no topic of its own.
 */
export function letterFactAsked(
  question: string,
  language: Language,
  { signatories, followUp, afterTopic, isTopic, ownNumber, letterInContext }: AnalysisOptions = {},
): LetterFact | undefined {
  let topic: boolean | undefined;
  const topicless = () => {
    topic ??= hasTopic(question, language, signatories, isTopic);
    return !topic;
  };
  if (signatories && !afterTopic) {
    // "Was it Veldkamp himself who hosted the meeting?" asks about the meeting.
    if (signatories.names.test(question) && topicless()) return "signatories";
    // "Who is the State Secretary for Finance?" asks about another office than the letter's.
    if (signatories.offices.test(question) && ASKS_WHO[language].test(question) && topicless()) {
      return "signatories";
    }
  }
  // "Is there a number for that letter?" in a conversation asks about the letter just spoken of.
  const named =
    (LETTER_NOUN[language].test(question.replace(everywhere(LETTER_AS_SOURCE[language]), " ")) &&
      !(followUp && THAT_LETTER[language].test(question))) ||
    (followUp === true && letterInContext === true && BACK_REFERENCE[language].test(question));
  // In a follow-up, "Who signed?" asks about the earlier question's subject.
  if (!named && followUp) return undefined;
  const asked = FACT_CUES.find(({ cue, alone }) =>
    (named ? cue : alone)?.[language].test(question),
  );
  if (asked?.fact === "kamerstuk" && ownNumber?.test(question)) return undefined;
  return asked && topicless() ? asked.fact : undefined;
}

/**
 * Whether the question holds words beyond the letter, its facts and their frame: "Who sent the
 * joint letter on gender equality?" is about a letter the letter mentions, not about itself.
 */
function hasTopic(
  question: string,
  language: Language,
  signatories?: SignatoryCues,
  isTopic: (stem: string, language: Language, next?: string) => boolean = () => true,
): boolean {
  // The signatories' names are the letter's facts, not a topic of its own, and what describes the
  // letter only identifies it.
  const described = question.replace(everywhere(LETTER_DESCRIBED[language]), " ");
  const unnamed = signatories ? described.replace(everywhere(signatories.names), " ") : described;
  const rest = FACT_CUES.reduce(
    (text, { cue }) => text.replace(everywhere(cue[language]), " "),
    withoutFraming(unnamed.replace(/['’]s\b/g, ""), language).replace(
      everywhere(LETTER_NOUN[language]),
      " ",
    ),
  );
  const stems = analyze(rest, language);
  return stems.some(
    (stem, i) =>
      !FACT_FRAME[language].has(stem) &&
      !signatories?.officeStems[language].has(stem) &&
      isTopic(stem, language, stems[i + 1]),
  );
}

export interface AnalysisOptions {
  /**
   * Whether a stem names one of the letter's topics (a word specific to some of its passages),
   * rather than why or how the question is asked ("I want to quote it correctly"); without it
   * every word counts as a topic.
   */
  isTopic?: (stem: string, language: Language, next?: string) => boolean;
  /** The question follows up on an earlier one: "Who was it sent to?" asks about that one's subject. */
  followUp?: boolean;
  /**
   * The earlier question was about the letter itself ("what's this letter about?"): "it" in the
   * follow-up is the letter ("and when is it from?").
   */
  letterInContext?: boolean;
  /**
   * The question is a later sentence of a message whose earlier one names a topic: a signatory
   * named there ("Who hosted the meeting? Was it Veldkamp himself?") is asked about that topic.
   */
  afterTopic?: boolean;
  /** The letter's signatories, to tell a question about them. */
  signatories?: SignatoryCues;
  /** The letter's own number as a question may write it ("kst 30420 nr 415"). */
  ownNumber?: RegExp;
}

/** What a second question joined to the first asks for: "…, and when will it report again?". */
function joinedKind(question: string, language: Language): AnswerKind | undefined {
  const wh = JOINED_QUESTION[language].exec(question)?.[1]?.toLowerCase();
  return wh ? JOINED_WH_WORDS[language][wh] : undefined;
}

/**
 * The parts of a message that may ask for one of the letter's facts on their own: each sentence,
 * and each clause that names the letter ("Which ministers signed this letter, and in what
 * capacity? I need to address them in committee."). The rest says why the fact is wanted. A
 * sentence after one with a topic goes on about that topic ("…sent to the President? And to
 * whom else was it addressed?"), as a follow-up does.
 */
function factParts(
  text: string,
  language: Language,
  options: AnalysisOptions,
): Array<{ part: string; followUp: boolean; afterTopic: boolean }> {
  const sentences = sentencesOf(text);
  const followUp = options.followUp === true;
  // Whether a sentence before this one has a topic, each sentence but the last assessed once.
  let earlierTopic = false;
  const sentenceParts = sentences.map((sentence, i) => {
    const entry = {
      sentence,
      followUp: followUp || earlierTopic,
      afterTopic: earlierTopic,
    };
    if (i < sentences.length - 1) {
      earlierTopic ||= hasTopic(sentence, language, options.signatories, options.isTopic);
    }
    return entry;
  });
  return [
    ...(sentences.length > 1
      ? sentenceParts.map(({ sentence, ...flags }) => ({ part: sentence, ...flags }))
      : []),
    // A clause of a sentence that has more than one goes on about what the sentences and clauses
    // before it are about: "The letter cites the joint letter on equality in a footnote; what is
    // the Kamerstuk number of that document?" asks about the joint letter.
    ...sentenceParts.flatMap(({ sentence, ...flags }) => {
      let earlierClauseTopic = false;
      return clausesOf(sentence).flatMap((clause) => {
        const entry = {
          part: clause,
          followUp: flags.followUp || earlierClauseTopic,
          afterTopic: flags.afterTopic || earlierClauseTopic,
        };
        earlierClauseTopic ||= hasTopic(clause, language, options.signatories, options.isTopic);
        return clause !== sentence && LETTER_NOUN[language].test(clause) ? [entry] : [];
      });
    }),
  ];
}

/**
 * The letter's fact a sentence that asks names, else the one the whole message asks for, else the
 * one a part of it asks for on its own. A part that asks for a summary and describes the letter by
 * a fact ("a summary of this letter from the ministers") asks for the summary.
 */
function factAsked(
  text: string,
  language: Language,
  options: AnalysisOptions,
): LetterFact | undefined {
  const whole = { part: text, followUp: options.followUp === true, afterTopic: false };
  const parts = factParts(text, language, options);
  // A sentence that asks ("Who signed the letter? I have another name in my notes, out of date")
  // says which fact is wanted before the words of the others can.
  const asking = parts.filter(({ part }) => sentenceAsks(part));
  for (const { part, followUp, afterTopic } of [...asking, whole, ...parts]) {
    if (OVERVIEW_REQUEST[language].test(part)) continue;
    const partOptions = { ...options, followUp, afterTopic };
    const fact =
      letterFactAsked(part, language, partOptions) ??
      // In a follow-up, "it" and "this" are the earlier question's subject, not the letter.
      (followUp || hasTopic(part, language, options.signatories, options.isTopic)
        ? undefined
        : // A civil servant's English keeps the Dutch terms ("which vergaderjaar is this
          // from?"): a whole question for a fact is recognised in the words of either language.
          FACT_QUESTIONS.find(
            (pattern) =>
              pattern[language].test(part) || pattern[otherLanguage(language)].test(part),
          )?.fact);
    if (fact) return fact;
  }
  return undefined;
}

/**
 * The clause of a message that asks for an overview ("tl;dr of the letter pls" in "tl;dr of the
 * letter pls, meeting in 5 min"); the whole message when the request spans its clauses. Asked twice
 * ("give me the short version, what's it about?"), the clause that asks about the whole letter.
 */
function overviewClause(text: string, request: RegExp): string {
  const asking = clausesOf(text).filter((clause) => request.test(clause));
  return asking.find((clause) => ENDS_ON_THE_LETTER.test(clause)) ?? asking[0] ?? text;
}

/**
 * Whether an overview request is about a topic: a preposition followed by something besides the
 * request's own words ("what does the letter say about the sanctions?"), not by them ("waar gaat
 * de brief over, in het kort?").
 */
function asksAboutSomething(clause: string, request: RegExp, language: Language): boolean {
  const about = ABOUT_SOMETHING.exec(clause.replace(LETTER_IS_ABOUT[language], ""));
  if (!about) return false;
  const after = clause.slice(clause.indexOf(about[0]) + about[0].length - 1);
  return analyze(after.replace(everywhere(request), " "), language).length > 0;
}

/**
 * A clause without its request for an overview, and without the words that qualify the request
 * between an article and its noun ("a short news summary", "een beknopte samenvatting"): they say
 * what form is wanted, unless they name one of the letter's topics ("the SLAPP overview").
 */
function withoutRequest(
  clause: string,
  request: RegExp,
  language: Language,
  { isTopic }: AnalysisOptions,
): string {
  const qualified = new RegExp(
    `\\b(?:${REQUEST_DETERMINER[language]})\\s+((?:[\\p{L}'’-]+\\s+){1,2}?)(?=${request.source})`,
    "giu",
  );
  return clause
    .replace(qualified, (whole, qualifiers: string) =>
      isTopic && analyze(qualifiers, language).some((stem) => isTopic(stem, language))
        ? whole
        : " ",
    )
    .replace(everywhere(request), " ");
}

/** Whether a question asks for a name: the letter that "names" something is its source, not asked. */
const asksName = (text: string, language: Language) =>
  NAME_REQUEST[language].test(text.replace(everywhere(LETTER_AS_SOURCE[language]), " "));

/** Classifies a question by the kind of answer it expects, from its wording alone. */
export function analyzeQuestion(
  question: string,
  language: Language,
  options: AnalysisOptions = {},
): QuestionAnalysis {
  const analysis = classify(question, language, options);
  return {
    ...analysis,
    ...(CONFIRMATION[language].test(question) ? { premise: true } : {}),
    ...(PERSONAL_ADVICE[language].test(question) ? { advice: true } : {}),
    ...(AHEAD[language].test(question) ? { ahead: true } : {}),
  };
}

function classify(
  question: string,
  language: Language,
  options: AnalysisOptions,
): QuestionAnalysis {
  const text = question.trim();
  const fact = factAsked(text, language, options);
  if (fact) return { kind: "meta", fact };
  // A wh-word asks for its kind where it opens the question ("When did…", "Door wie…", "And
  // where…"), not inside it ("what did they ask when the law is violated?").
  // Context may come first and the question last ("The evaluation was due in 2024. When will the
  // House get it?", "rutte iii evaluatie - when does TK get it"): a sentence after statements
  // opens the question. After a question ("…in Malta, right? Where was it held?") the first one does.
  const segments = text.split(new RegExp(`${SENTENCE_END.source}|\\s+[-–—]\\s+`, "u"));
  const afterContext = segments.findIndex(sentenceAsks);
  const openings = segments
    .slice(0, afterContext < 0 ? segments.length : afterContext + 1)
    .map((sentence) => withoutOpening(sentence, language).replace(CONDITION_LEAD[language], ""));
  for (const pattern of KIND_QUESTIONS) {
    if (pattern.kind === "overview") {
      // Shorthand for a summary crosses languages ("tldr vd brief pls"): a request for one is
      // recognised in the words of either.
      const asking = withoutPurpose(text, language);
      const request = [pattern[language], pattern[otherLanguage(language)]].find(
        (p) => p.test(asking) || clausesOf(asking).some((clause) => p.test(clause)),
      );
      if (!request) continue;
      // "What does the letter say about X?" is an overview of a topic; "the main points" of the
      // letter. The clause that asks decides: the others say why or in what form it is wanted.
      const clause = overviewClause(asking, request);
      const topical = asksAboutSomething(clause, request, language);
      const wholeLetter = ENDS_ON_THE_LETTER.test(clause);
      const focus = withoutFraming(withoutRequest(clause, request, language, options), language);
      return {
        kind: "overview",
        overview: topical && !wholeLetter ? "topic" : "letter",
        focus,
      };
    }
    const asks = pattern.opening
      ? openings.some((opening) => pattern[language].test(opening))
      : pattern[language].test(text);
    if (!asks) continue;
    if (pattern.kind === "place" && language === "nl" && SPLIT_PREPOSITION.test(text)) continue;
    // "Who are the four individuals? Names please": a name asked of people is a person's name,
    // whatever kind the question's opening asks for.
    if (
      pattern.kind !== "expansion" &&
      ((asksName(text, language) && PEOPLE[language].test(text)) ||
        OFFICE_HOLDER_ASKED[language].test(text))
    ) {
      return { kind: "person", personalName: true };
    }
    const alsoKind = joinedKind(text, language);
    const tense = pattern.kind === "date" ? questionTense(text, language) : undefined;
    const counted = pattern.kind === "quantity" ? countedStems(text, language) : [];
    return {
      kind: pattern.kind,
      ...(alsoKind && alsoKind !== pattern.kind ? { also: alsoKind } : {}),
      ...(tense ? { tense } : {}),
      ...(counted.length > 0 ? { counted } : {}),
      ...(MORE[language].test(text) ? { more: true } : {}),
    };
  }
  // "Hoe heet die ambassadeur?", "What's the ambassador's name?": a person's name.
  // The name asked of something else: of an abbreviation, what it stands for ("IGLYO, what's the
  // full name?"); of a thing ("what are the strategies called?"), whatever the letter calls it.
  if (asksName(text, language)) {
    if (PEOPLE[language].test(text)) return { kind: "person", personalName: true };
    if (ABBREVIATION_WORDS.test(text)) return { kind: "expansion" };
  }
  const alsoKind = joinedKind(text, language);
  // A request about the letter as a whole that asks for no kind of thing and names no topic of
  // its own ("Give me a rundown of the letter", "Wat staat er allemaal in deze brief?") asks
  // what the letter holds, in whatever words.
  if (
    !alsoKind &&
    !options.followUp &&
    LETTER_PHRASE[language].test(text) &&
    !hasTopic(text, language, options.signatories, options.isTopic)
  ) {
    return {
      kind: "overview",
      overview: "letter",
      focus: withoutFraming(text, language),
    };
  }
  return {
    kind: "open",
    ...(alsoKind ? { also: alsoKind } : {}),
    ...(MORE[language].test(text) ? { more: true } : {}),
  };
}
