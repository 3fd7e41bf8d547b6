import type { Language } from "../letter/types.js";
import { anyOf, type Phrases } from "./phrases.js";

/** What may precede a question's wh-word: a conjunction, "tell me", then a preposition. */
const OPENING_WORDS: Record<
  Language,
  { fillers: readonly string[]; prepositions: readonly string[] }
> = {
  en: {
    fillers: [
      "and",
      "but",
      "so",
      "also",
      "okay",
      "ok",
      "please",
      "tell me",
      "can you tell me",
      "do you know",
      "i want to know",
      "i'd like to know",
    ],
    prepositions: [
      "by",
      "to",
      "from",
      "with",
      "for",
      "in",
      "on",
      "at",
      "since",
      "until",
      "about",
      "against",
      "towards",
    ],
  },
  nl: {
    fillers: [
      "en",
      "maar",
      "dus",
      "ook",
      "oké",
      "graag",
      "weet je",
      "kun je me vertellen",
      "kun je vertellen",
      "ik wil weten",
    ],
    prepositions: [
      "door",
      "aan",
      "van",
      "met",
      "voor",
      "bij",
      "in",
      "op",
      "sinds",
      "tot",
      "naar",
      "over",
      "tegen",
    ],
  },
};

const openingFiller = ({ fillers, prepositions }: (typeof OPENING_WORDS)[Language]) =>
  new RegExp(`^(?:(?:${anyOf(fillers)})[,\\s]+)*(?:(?:${anyOf(prepositions)})\\s+)?`, "i");

/** The wh-words that open a question proper. */
const WH_WORDS: Phrases = {
  en: ["what", "which", "who", "whom", "whose", "when", "where", "why", "how"],
  nl: ["wat", "welke", "welk", "wie", "wanneer", "waar", "waarom", "hoe", "hoeveel"],
};

/** The verbs that open a yes/no question, and after "when" make it ask for a time ("when did…"). */
const QUESTION_VERBS: Phrases = {
  en: [
    "did",
    "does",
    "do",
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "can",
    "could",
    "will",
    "would",
  ],
  nl: [
    "heeft",
    "hebben",
    "is",
    "zijn",
    "was",
    "waren",
    "kan",
    "kun",
    "kunt",
    "wordt",
    "werd",
    "zal",
    "zullen",
  ],
};

/** Words that open a question proper: its wh-word, a joining "and", or the verb of a yes/no question. */
const QUESTION_OPENERS: Phrases = {
  en: [...WH_WORDS.en, "and", ...QUESTION_VERBS.en],
  nl: [...WH_WORDS.nl, "en", ...QUESTION_VERBS.nl],
};

const interjection = (openers: readonly string[]) =>
  new RegExp(
    `^(?:(?:[^\\s,.:;!?]+\\s+){0,2}[^\\s,.:;!?]+\\s*[,.:;!]+\\s+|(?:[^\\s,.:;!?]+\\s+){3,7}[^\\s,.:;!?]+\\s*:\\s+)+(?=(?:${anyOf(openers)})\\b)`,
    "iu",
  );

/**
 * A few words closed by punctuation before the question proper ("wait, when did…", "thx. diff
 * topic: what…", "sorry, can you…"), or a longer lead-in closed by a colon ("Quick one for the
 * news desk: what…"): whatever the words, they ask nothing.
 */
export const INTERJECTION: Record<Language, RegExp> = {
  en: interjection(QUESTION_OPENERS.en),
  nl: interjection(QUESTION_OPENERS.nl),
};

/** Any run of fillers opening a question, to strip before its wh-word is read ("And by when…"). */
export const OPENING_FILLER: Record<Language, RegExp> = {
  en: openingFiller(OPENING_WORDS.en),
  nl: openingFiller(OPENING_WORDS.nl),
};

/**
 * What a question may open with that asks nothing: "can you tell me…", "could you provide…",
 * "weet je…", "even checken:". Whatever verb follows "could you", it asks the assistant to answer.
 */
export const CONVERSATIONAL: Record<Language, RegExp> = {
  en: /\b(?:(?:can|could|would|will) you (?:please |kindly )?\p{L}+(?: (?:me|us))?|do you know|i(?:'d| would) like to know|i want to know|quick question|tell me|please|just checking|i mean)\b/giu,
  nl: /\b(?:(?:kun|kan|kunt|wil) (?:je|jij|u) (?:me |mij )?(?:vertellen|zeggen)|weet (?:je|jij|u)|even checken|vraagje|graag|ik wil (?:graag )?weten|ik bedoel|bedoel ik)\b/gi,
};

const CONDITIONS: Phrases = {
  en: ["when", "whenever", "if", "once", "as soon as", "while", "in case", "now that"],
  nl: ["als", "wanneer", "indien", "zodra", "nu", "terwijl", "mocht", "mochten"],
};

const conditionLead = (language: Language) =>
  new RegExp(
    `^(?:${anyOf(CONDITIONS[language])})\\s+(?!(?:${anyOf(QUESTION_VERBS[language])})\\b)[^,;?]+[,;]\\s+(?=(?:${anyOf(WH_WORDS[language])})\\b)`,
    "iu",
  );

/**
 * A clause that sets a condition or a time before the question proper ("When member states break
 * EU law, what tool…", "Als een lidstaat de regels schendt, welk instrument…"): its "when" asks
 * for no time; the wh-word after it says what is asked.
 */
export const CONDITION_LEAD: Record<Language, RegExp> = {
  en: conditionLead("en"),
  nl: conditionLead("nl"),
};
