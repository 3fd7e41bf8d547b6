import type { Language } from "../letter/types.js";
import { THE_LETTER } from "./letter.js";
import { type Phrases, phrasePatterns } from "./phrases.js";

/** A fact about the letter itself rather than its content. */
export type LetterFact = "signatories" | "title" | "kamerstuk" | "year" | "addressee";

export interface FactPattern {
  fact: LetterFact;
  en: RegExp;
  nl: RegExp;
}

/**
 * Whole questions that ask for one of the letter's facts, tried in order before any other kind:
 * "who signed the letter" is about its signature block, not about countries signing a declaration.
 */
export const FACT_QUESTIONS: FactPattern[] = [
  {
    fact: "signatories",
    en: new RegExp(
      `\\b(?:who (?:has |have )?(?:signed|wrote|sent|authored|is behind|are behind)\\b.*\\b(?:letter|it|document)|signator(?:y|ies)|signed by|which ministers? (?:signed|sent|wrote)|who are the (?:authors|senders)|(?:authors?|senders?) of ${THE_LETTER.en}|who (?:is|was) (?:${THE_LETTER.en}|this|it) (?:from|by)|who wrote (?:this|it)\\b|which (?:ministry|ministries|ministers?) (?:signed|sent|wrote)|from whom)`,
      "i",
    ),
    nl: new RegExp(
      `\\b(?:door wie\\b.*\\b(?:ondertekend|getekend|geschreven|verstuurd|gestuurd)|wie (?:heeft|hebben)? ?(?:${THE_LETTER.nl} )?(?:ondertekend|getekend|geschreven|verstuurd|gestuurd|tekende|schreef|stuurde)|ondertekena(?:ar|ars)|ondertekend door|onder ${THE_LETTER.nl}|afzenders?|auteurs?|welke bewindsperso(?:on|nen)|van wie (?:is|komt) ${THE_LETTER.nl}|van welk(?:e)? (?:ministerie|minister|bewindspersoon) (?:is|komt))`,
      "i",
    ),
  },
  {
    fact: "addressee",
    en: new RegExp(
      `\\b(?:addressed to|addressee|to whom|who (?:is|was) (?:it|the letter|this letter) (?:sent|addressed|written) to|who (?:receives|received|gets|got) (?:${THE_LETTER.en}|this|it)|recipients? of ${THE_LETTER.en})\\b|\\b(?:who|what) (?:is|are) the (?:recipients?|addressees?)\\W*$`,
      "i",
    ),
    nl: new RegExp(
      `\\b(?:aan wie|gericht aan|geadresseerde?|wie (?:ontv(?:angt|ing)|krijgt|kreeg) ${THE_LETTER.nl}|ontvanger van ${THE_LETTER.nl})\\b|\\bwie (?:is|zijn) de (?:ontvangers?|geadresseerden?)\\W*$`,
      "i",
    ),
  },
  {
    fact: "year",
    en: new RegExp(
      `\\b(?:parliamentary (?:year|session)|session year|which session|(?:date|year) of ${THE_LETTER.en}|when (?:was|is) ${THE_LETTER.en} (?:sent|written|published|dated|issued))\\b`,
      "i",
    ),
    nl: new RegExp(
      `\\b(?:vergaderjaar|zittingsjaar|parlementaire jaar|(?:datum|jaar) van ${THE_LETTER.nl}|wanneer (?:is|werd) ${THE_LETTER.nl} (?:verstuurd|gestuurd|geschreven|gepubliceerd|verzonden))\\b`,
      "i",
    ),
  },
  {
    fact: "kamerstuk",
    en: new RegExp(
      `^(?!.*\\b(?:directive|regulation|joint letter|questions|declaration|strategy)\\b).*\\b(?:(?:kamerstuk|parliamentary paper|dossier|document|reference) (?:number|no\\.?|nr\\.?).*\\b(?:letter|this)\\b|which (?:kamerstuk|parliamentary paper|dossier) is (?:this|it|the letter)|number of ${THE_LETTER.en}|what (?:kamerstuk|parliamentary paper) is|${THE_LETTER.en}'s (?:number|reference)|(?:is|was) ${THE_LETTER.en} (?:published|filed) (?:as|under)|dossier number)`,
      "i",
    ),
    nl: new RegExp(
      `^(?!.*\\b(?:richtlijn|verordening|gezamenlijke brief|kamervragen|verklaring|strategie)).*(?:welk(?:e)? (?:kamerstuk|dossier|kamerstuknummer) is (?:dit|het|${THE_LETTER.nl})|kamerstuknummer|(?:nummer|dossiernummer) van ${THE_LETTER.nl}|wat is het (?:kamerstuk|nummer) van ${THE_LETTER.nl}|onder welk (?:kamerstuk|nummer)|dossiernummer)`,
      "i",
    ),
  },
  {
    fact: "title",
    en: new RegExp(
      `\\b(?:title of ${THE_LETTER.en}|what is ${THE_LETTER.en} called|${THE_LETTER.en}'s title|what title)\\b`,
      "i",
    ),
    nl: new RegExp(`\\b(?:titel|hoe heet ${THE_LETTER.nl}|onderwerp van ${THE_LETTER.nl})\\b`, "i"),
  },
];

/** Words that ask for the letter's addressee, with the letter named or ("who is the recipient?") without. */
const ADDRESSEE_WORDS: Phrases = {
  en: [
    "addressed",
    "addressee",
    "recipients",
    "recipient",
    "receives",
    "receive",
    "received",
    "to whom",
    "for whom",
    "sent to",
    "written to",
    "directed to",
    "intended for",
  ],
  nl: [
    "gericht",
    "richt",
    "richten",
    "richtte",
    "richtten",
    "geadresseerde",
    "geadresseerd",
    "ontvangers",
    "ontvanger",
    "ontvangt",
    "ontving",
    "aan wie",
    "naar wie",
    "voor wie",
    "bestemd",
    "bedoeld",
    // "sent to", as Dutch says it, the verb after its object: "naar de Tweede Kamer gestuurd".
    "gestuurd naar",
    "verstuurd naar",
    "gestuurd aan",
    "verstuurd aan",
    "naar de tweede kamer",
    "naar de eerste kamer",
    "aan de tweede kamer",
    "aan de eerste kamer",
  ],
};
const ADDRESSEE_ALONE: Phrases = {
  en: ["addressee", "recipients", "recipient"],
  nl: ["geadresseerde", "ontvangers", "ontvanger"],
};

/**
 * What each of the letter's own facts is asked by, tried in this order: a year or a number named
 * outright decides ("in which parliamentary year was it sent to the House?"), and "who receives
 * the letter" asks for its addressee before "who" can ask for its signatories. `alone` cues ask
 * for the fact without the letter being named ("Wie heeft getekend?", "Who is the recipient?").
 */
export const FACT_CUES: Array<{
  fact: LetterFact;
  cue: Record<Language, RegExp>;
  alone?: Record<Language, RegExp>;
}> = [
  {
    fact: "year",
    cue: {
      // "this year", "het afgelopen jaar" say when something in the letter happened.
      en: /\b(?:(?:parliamentary )?(?<!\b(?:this|past|last|next|every) )(?:year|session)|date|dated|when|what time)\b/i,
      nl: /\b(?:vergaderjaar|zittingsjaar|(?<!\b(?:dit|afgelopen|vorig|volgend|elk|ieder) )jaar|datum|gedateerd|dateert|wanneer)\b/i,
    },
  },
  {
    fact: "kamerstuk",
    cue: {
      // "no." with its full stop or a number: "no jargon" is a negation.
      en: /\b(?:number|no\.|no(?= ?\d)|nr\.?|dossier|reference|file)(?!\p{L})|\b(?:which|what) (?:kamerstuk|parliamentary paper)\b/iu,
      nl: /\b(?:nummer|nr\.?|dossier|dossiernummer|kamerstuknummer|kenmerk)\b|\bwelk(?:e)? (?:kamerstuk|stuk)\b/i,
    },
  },
  {
    fact: "title",
    cue: phrasePatterns({
      en: ["title", "called", "named", "subject"],
      nl: ["titel", "heet", "genoemd", "onderwerp"],
    }),
  },
  {
    fact: "addressee",
    cue: phrasePatterns(ADDRESSEE_WORDS),
    alone: phrasePatterns(ADDRESSEE_ALONE),
  },
  {
    fact: "signatories",
    cue: {
      // "who" asks when it opens the question, not inside a clause ("…love whoever you want");
      // signing is asked by the verb's forms, not by "significant" or "betekent" (means).
      en: /\b(?:sign(?:s|ed|ing|ers?|ator(?:y|ies))?|senders?|sent|authors?|authored|wrote|written|writers?|from|behind|ministers?|ministr(?:y|ies)|departments?|state secretar(?:y|ies)|on behalf of)\b|(?:^|[.?!,;:]\s*)(?:(?:and|so|ok|but)\s+)?who\b/i,
      nl: /\b(?:\w*(?<!be)teken\w*|afzenders?|auteurs?|schrijvers?|geschreven|schreef|gestuurd|verstuurd|stuurde|van wie|namens|achter|ministers?|ministeries?|bewindspersonen|bewindspersoon|staatssecretaris(?:sen)?)\b|(?:^|[.?!,;:]\s*)(?:(?:en|dus|ok|maar)\s+)?(?:door\s+)?wie\b/i,
    },
    alone: {
      en: /\b(?:signed|signatory|signatories|senders?|authors?)\b/i,
      nl: /\b(?:\w*(?<!be)tekend\w*|\w*(?<!be)tekende\w*|ondertekenaars?|afzenders?|auteurs?)\b/i,
    },
  },
];

/**
 * Words a question about the letter's own facts may hold besides the letter and the fact asked for:
 * the rest of the question is its topic, and a question with a topic is about the letter's content
 * ("when does the letter say the strategies expire?").
 */
export const FACT_FRAME_WORDS: Record<Language, string> = {
  en: "is was are were been sent send written published issued belong belongs fall falls filed come comes exactly precisely actually again two both involved under parliament house representatives senate tweede kamer official officially number name role roles office offices position positions job",
  nl: "is was zijn waren verstuurd verzonden gestuurd geschreven gepubliceerd verschenen valt vallen hoort horen komt kwam precies exact eigenlijk nou dan nogmaals alsjeblieft twee beide betrokken onder kamer tweede officieel officiële eerste naam nummer functie functies rol rollen ambt zitten zit",
};

/**
 * A question asking for a person or a name: "who…", "which minister…", "what is the name of…",
 * "hoe heet de staatssecretaris?".
 */
export const ASKS_WHO = phrasePatterns({
  en: [
    "who",
    "whom",
    "whose",
    "which",
    "name",
    "names",
    "named",
    "called",
    "role",
    "roles",
    "office",
    "position",
  ],
  nl: ["wie", "welke", "welk", "naam", "namen", "heet", "heten", "functie", "functies", "rol"],
});

/**
 * Offices a question may name without saying which portfolio: "who is the State Secretary?" asks
 * for a signatory when the letter's signatories hold one.
 */
export const UNNAMED_OFFICES: readonly string[] = ["staatssecretaris", "state secretary"];

/** What follows an office's preposition is its portfolio: "Minister van Buitenlandse Zaken". */
export const PORTFOLIO = /\b(?:van|voor|of|for)\s+(.*)$/i;
