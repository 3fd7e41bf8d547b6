import type { Language, Letter } from "../letter/types.js";
import { NAME_REQUEST } from "../lexicon/concepts.js";
import { ASKS_FOR_OTHERS } from "../lexicon/conversation.js";
import { escapeRegExp } from "../lexicon/phrases.js";
import { analyze } from "../retrieve/analyzer.js";

export { escapeRegExp };

/** What a question asks for: the kind of thing its answer must contain. */
export type AnswerKind =
  | "person"
  | "country"
  | "date"
  | "quantity"
  | "place"
  | "list"
  | "document"
  | "yesno"
  | "reason"
  | "stance"
  | "overview"
  | "meta"
  | "expansion"
  | "open";

/** A fact about the letter itself rather than its content. */
export type LetterFact = "signatories" | "title" | "kamerstuk" | "year" | "addressee";

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
}

export type Tense = "past" | "present";

interface Pattern {
  kind: AnswerKind;
  /** Matched at the question's opening only (its wh-word). */
  opening?: boolean;
  fact?: LetterFact;
  en: RegExp;
  nl: RegExp;
}

/** What may precede a question's wh-word: a conjunction, a preposition, "tell me". */
const OPENING_FILLER: Record<Language, RegExp> = {
  en: /^(?:(?:and|but|so|also|ok(?:ay)?|please|tell me|can you tell me|do you know|i want to know|i'd like to know)[,\s]+)*(?:(?:by|to|from|with|for|in|on|at|since|until|about|against|towards)\s+)?/i,
  nl: /^(?:(?:en|maar|dus|ook|oké|graag|weet je|kun je (?:me )?vertellen|ik wil weten)[,\s]+)*(?:(?:door|aan|van|met|voor|bij|in|op|sinds|tot|naar|over|tegen)\s+)?/i,
};

/** A second question joined to the first: "…, and when will it report again?". */
const ALSO: Record<Language, RegExp> = {
  en: /\b(?:and|,) (when|where|who|how many)\b/i,
  nl: /\b(?:en|,) (wanneer|waar|wie|hoeveel)\b/i,
};
const ALSO_KIND: Record<string, AnswerKind> = {
  when: "date",
  wanneer: "date",
  where: "place",
  waar: "place",
  who: "person",
  wie: "person",
  "how many": "quantity",
  hoeveel: "quantity",
};

/**
 * "Waar richt Nederland zich op (als voorzitter)?", "Waar wordt aan gewerkt?": "waar" with a
 * stranded preposition (closing the question, or before "als", a comma or a last verb) asks what,
 * not where. "…de verklaring over sociale rechten?" keeps its preposition with its phrase.
 */
const SPLIT_PREPOSITION =
  /\b(?:op|aan|over|mee|naar|toe|uit|om|in|van|voor|bij)(?:\W*$|\s+als\b|\s*,|\s+\p{L}+(?:en|d|t)\W*$)/iu;

const LETTER = {
  en: "(?:the|this) (?:letter|document|kamerstuk|paper)(?: (?:to|for) (?:the )?(?:parliament|house|tweede kamer))?",
  nl: "(?:de|deze|het) (?:brief|kamerbrief|kamerstuk|document|stuk)(?: (?:aan|voor) de (?:tweede )?kamer)?",
};

const LETTER_PHRASE: Record<Language, RegExp> = {
  en: new RegExp(LETTER.en, "i"),
  nl: new RegExp(LETTER.nl, "i"),
};

/**
 * Tried in order; the first that matches decides. The letter's own facts come first: "who signed
 * the letter" is about its signature block, not about countries signing a declaration.
 */
const PATTERNS: Pattern[] = [
  {
    kind: "meta",
    fact: "signatories",
    en: new RegExp(
      `\\b(?:who (?:has |have )?(?:signed|wrote|sent|authored|is behind|are behind)\\b.*\\b(?:letter|it|document)|signator(?:y|ies)|signed by|which ministers? (?:signed|sent|wrote)|who are the (?:authors|senders)|(?:authors?|senders?) of ${LETTER.en}|who (?:is|was) (?:${LETTER.en}|this|it) (?:from|by)|who wrote (?:this|it)\\b|which (?:ministry|ministries|ministers?) (?:signed|sent|wrote)|from whom)`,
      "i",
    ),
    nl: new RegExp(
      `\\b(?:door wie\\b.*\\b(?:ondertekend|getekend|geschreven|verstuurd|gestuurd)|wie (?:heeft|hebben)? ?(?:${LETTER.nl} )?(?:ondertekend|getekend|geschreven|verstuurd|gestuurd|tekende|schreef|stuurde)|ondertekena(?:ar|ars)|ondertekend door|onder ${LETTER.nl}|afzenders?|auteurs?|welke bewindsperso(?:on|nen)|van wie (?:is|komt) ${LETTER.nl}|van welk(?:e)? (?:ministerie|minister|bewindspersoon) (?:is|komt))`,
      "i",
    ),
  },
  {
    kind: "meta",
    fact: "addressee",
    en: new RegExp(
      `\\b(?:addressed to|addressee|to whom|who (?:is|was) (?:it|the letter|this letter) (?:sent|addressed|written) to|who (?:receives|received|gets|got) (?:${LETTER.en}|this|it)|recipients? of ${LETTER.en})\\b|\\b(?:who|what) (?:is|are) the (?:recipients?|addressees?)\\W*$`,
      "i",
    ),
    nl: new RegExp(
      `\\b(?:aan wie|gericht aan|geadresseerde?|wie (?:ontv(?:angt|ing)|krijgt|kreeg) ${LETTER.nl}|ontvanger van ${LETTER.nl})\\b|\\bwie (?:is|zijn) de (?:ontvangers?|geadresseerden?)\\W*$`,
      "i",
    ),
  },
  {
    kind: "meta",
    fact: "year",
    en: new RegExp(
      `\\b(?:parliamentary (?:year|session)|session year|which session|(?:date|year) of ${LETTER.en}|when (?:was|is) ${LETTER.en} (?:sent|written|published|dated|issued))\\b`,
      "i",
    ),
    nl: new RegExp(
      `\\b(?:vergaderjaar|zittingsjaar|parlementaire jaar|(?:datum|jaar) van ${LETTER.nl}|wanneer (?:is|werd) ${LETTER.nl} (?:verstuurd|gestuurd|geschreven|gepubliceerd|verzonden))\\b`,
      "i",
    ),
  },
  {
    kind: "meta",
    fact: "kamerstuk",
    en: new RegExp(
      `^(?!.*\\b(?:directive|regulation|joint letter|questions|declaration|strategy)\\b).*\\b(?:(?:kamerstuk|parliamentary paper|dossier|document|reference) (?:number|no\\.?|nr\\.?).*\\b(?:letter|this)\\b|which (?:kamerstuk|parliamentary paper|dossier) is (?:this|it|the letter)|number of ${LETTER.en}|what (?:kamerstuk|parliamentary paper) is|${LETTER.en}'s (?:number|reference)|(?:is|was) ${LETTER.en} (?:published|filed) (?:as|under)|dossier number)`,
      "i",
    ),
    nl: new RegExp(
      `^(?!.*\\b(?:richtlijn|verordening|gezamenlijke brief|kamervragen|verklaring|strategie)).*(?:welk(?:e)? (?:kamerstuk|dossier|kamerstuknummer) is (?:dit|het|${LETTER.nl})|kamerstuknummer|(?:nummer|dossiernummer) van ${LETTER.nl}|wat is het (?:kamerstuk|nummer) van ${LETTER.nl}|onder welk (?:kamerstuk|nummer)|dossiernummer)`,
      "i",
    ),
  },
  {
    kind: "meta",
    fact: "title",
    en: new RegExp(
      `\\b(?:title of ${LETTER.en}|what is ${LETTER.en} called|${LETTER.en}'s title|what title)\\b`,
      "i",
    ),
    nl: new RegExp(`\\b(?:titel|hoe heet ${LETTER.nl}|onderwerp van ${LETTER.nl})\\b`, "i"),
  },
  {
    // What an abbreviation stands for: "what does SRHR stand for?", "waar staat IGLYO voor?".
    kind: "expansion",
    en: /\b(?:stands? for|abbreviation|acronym|short for|spelled out|in full)\b/i,
    nl: /\b(?:(?:waar|wat) sta(?:at|an)\b.*\bvoor\b|afkorting|acroniem|voluit|betekent|betekenen)/i,
  },
  {
    kind: "overview",
    en: new RegExp(
      `\\b(?:summar(?:y|ise|ize|ising|izing)|main (?:points?|messages?|topics?|themes?|takeaways?)|key (?:points?|messages?|takeaways?|topics?)|highlights|gist|overview|in (?:short|brief|a nutshell)|tl;?dr|what(?: is|'s|’s) (?:${LETTER.en}|it) (?:about|on)|what (?:does|do) ${LETTER.en} (?:cover|discuss|deal with|address)|(?:what|which) (?:topics|subjects|themes|issues) (?:does|do|are|is)\\b|what (?:does|do) it (?:cover|discuss|deal with|address)|(?:say|says|said|report|reports) about\\b|what(?:'s| is) in ${LETTER.en}|what (?:does|do) ${LETTER.en} (?:contain|say|report)\\W*$|what(?: is|'s|’s) ${LETTER.en} (?:mainly|mostly|chiefly|really|basically) about|(?:purpose|aim|gist|message|content|contents) of ${LETTER.en}|most important (?:points?|things?|messages?|topics?)|(?:explain|describe|brief me on|walk me through) ${LETTER.en}|tell me (?:more )?about|section (?:on|about)\\b|what (?:does|do) (?:the )?(?:government|cabinet|ministers?) (?:report|say|write|tell) in ${LETTER.en})`,
      "i",
    ),
    nl: new RegExp(
      `\\b(?:samenvatting|samenvatten|vat\\b.*\\bsamen|hoofdpunten|hoofdlijnen|kernpunten|belangrijkste (?:punten|boodschap|onderwerpen|zaken)|in het kort|kern van|strekking|overzicht|waar gaat (?:${LETTER.nl}|het)(?: \\S+){0,4} over\\W*$|waarover gaat|welke onderwerpen|wat (?:staat|zegt|vermeldt|meldt)\\b.*\\bover\\b|wat (?:behandelt|bespreekt) ${LETTER.nl}|wat staat er in ${LETTER.nl}\\W*$|(?:inhoud|doel|boodschap) van ${LETTER.nl}|wat (?:meldt|vertelt|rapporteert|schrijft) (?:het kabinet|de regering|de minister) in ${LETTER.nl}|welke (?:thema'?s|onderwerpen|kwesties) (?:komen|worden|staan)|vertel (?:me )?(?:iets |meer )?over|(?:het|de) (?:deel|stuk|hoofdstuk|kopje|onderdeel|paragraaf) over)`,
      "i",
    ),
  },
  {
    kind: "date",
    opening: true,
    en: /^(?:when|what (?:year|month|date|day)|which (?:year|month|date|day)|by when|since when|how long ago|what year|what date)\b/i,
    nl: /^(?:wanneer|welk(?:e)? (?:jaar|maand|datum|dag)|sinds wanneer|per wanneer)\b/i,
  },
  {
    kind: "document",
    en: /\b(?:which|what) (?:directive|regulation|declaration|strategy|strategies|document|convention|report|parliamentary (?:paper|questions?))s?(?: number)?\b|\b(?:directive|regulation|document|reference|official) (?:number|no\.?)\b|\bnumber of the (?:\w+ )?(?:directive|regulation)\b/i,
    nl: /\b(?:welk(?:e)? (?:richtlijn|verordening|verklaring|strategie|strategieën|document|verdrag|rapport|kamerstuk|kamervragen)(?:en)?|(?:nummer|kenmerk) van de (?:[\w-]*richtlijn|verordening)|richtlijnnummer)\b/i,
  },
  {
    kind: "quantity",
    en: /\b(?:how (?:many|much|often)|number of|what number|how many times|what (?:amount|share|percentage|budget|sum))\b/i,
    nl: /\b(?:hoeveel|hoe vaak|aantal|hoe groot|welk(?:e)? (?:bedrag|budget|som))\b/i,
  },
  {
    kind: "country",
    en: /\b(?:which|what) (?:\w+ )?(?:country|countries|nations?|member states?)\b/i,
    nl: /\b(?:welk(?:e)?) (?:\w+ )?(?:land|landen|lidstaat|lidstaten|naties?)\b/i,
  },
  {
    kind: "list",
    en: /\b(?:which|what|name the|list the) (?:\w+ )?(?:countries|member states|states|organi[sz]ations|ngos|institutions|sanctions|measures|penalties|punishments|bodies|groups|persons|people|topics|instruments|areas|partners)\b|\blist\b/i,
    nl: /\b(?:welke|noem de) (?:\w+ )?(?:landen|lidstaten|staten|organisaties|ngo'?s|instellingen|sancties|maatregelen|straffen|organen|groepen|personen|onderwerpen|instrumenten|terreinen|partners)\b/i,
  },
  {
    kind: "person",
    opening: true,
    en: /^(?:who|whom|whose|which (?:\p{L}+ )?(?:minister|ministry|ministries|official|body|organi[sz]ation|institution|ambassador|commissioner|presidency|committee|person|diplomat|envoy|representative|politician|civil servant))\b/iu,
    nl: /^(?:wie|welk(?:e)? (?:\p{L}+ )?(?:minister|ministerie|ministeries|functionaris|orgaan|organisatie|instelling|ambassadeur|commissaris|voorzitterschap|comité|persoon|diplomaat|gezant|vertegenwoordiger|politicus|ambtenaar|bewindspersoon))\b/iu,
  },
  {
    kind: "place",
    opening: true,
    en: /^(?:where|which (?:\w+ )?(?:city|place|town)|what (?:\w+ )?(?:city|place))\b/i,
    nl: /^(?:waar(?!om|over|voor|mee|bij|door|in|op|aan|van|naar)|welke (?:stad|plaats))\b/i,
  },
  {
    kind: "stance",
    opening: true,
    en: /^(?:what|how)\b.*\b(?:position|stance|view|views|opinion|think|thinks|feel|feels|assessment|verdict|make of)\b/i,
    nl: /^(?:wat|hoe)\b.*\b(?:standpunt|mening|vindt|vond|vinden|denkt|dacht|oordeel|positie|houding|kijkt|aankijkt)\b/i,
  },
  {
    kind: "reason",
    opening: true,
    en: /^(?:why|for what reason|how come)\b/i,
    nl: /^(?:waarom|om welke reden|hoezo)\b/i,
  },
  {
    kind: "yesno",
    en: /^(?:is|are|was|were|does|do|did|has|have|had|can|could|will|would|should)\b/i,
    nl: /^(?:is|zijn|was|waren|heeft|hebben|had|hadden|doet|doen|deed|deden|kan|kunnen|wil|wilde|zal|zullen|wordt|worden|werd|werden|steunt|steunde|staat|gaat)\b/i,
  },
];

/** The finite verb right after a when-phrase: "When did…", "Wanneer organiseerde…", "Wanneer krijgen…". */
const WHEN_VERB: Record<Language, RegExp> = {
  en: /^(?:when|what (?:year|month|date|day)|which (?:year|month|date|day)|by when|since when)\s+(\S+)/i,
  nl: /^(?:wanneer|welk(?:e)? (?:jaar|maand|datum|dag)|sinds wanneer|per wanneer)\s+(\S+)/i,
};
const PAST_AUXILIARY: Record<Language, RegExp> = {
  en: /^(?:did|was|were|had|has|have)$/i,
  nl: /^(?:was|waren|werd|werden|had|hadden|deed|deden|kwam|kwamen|gaf|gaven|sprak|spraken|nam|namen|ging|gingen|vond|vonden|zag|zagen|liet|lieten|kreeg|kregen|ontving|ontvingen|hield|hielden)$/i,
};
/** Dutch perfect: "Wanneer is de strategie aangenomen?", "Wanneer heeft Nederland getekend?". */
const NL_PERFECT = /^(?:is|zijn|heeft|hebben)$/i;
const NL_PARTICIPLE =
  /(?:^ge|^(?:aan|op|in|uit|af|mee|toe|vast|door)ge|^(?:be|ver|ont|onder|her)\p{L}+[dt]$)\p{L}*$/iu;

/**
 * Whether a when-question asks about the past ("When did…", "Wanneer organiseerde…", "Wanneer is …
 * aangenomen?") or about now or later ("When will…", "Wanneer krijgt de Kamer…"): in a letter
 * that looks back on a year, the two point at different dates.
 */
export function questionTense(question: string, language: Language): Tense | undefined {
  const text = question.trim().replace(OPENING_FILLER[language], "");
  const verb = WHEN_VERB[language].exec(text)?.[1]?.toLowerCase();
  if (!verb) return undefined;
  if (PAST_AUXILIARY[language].test(verb)) return "past";
  if (language === "nl") {
    // Weak verbs form their past in -de(n) or -te(n): "organiseerde", "tekenden".
    if (/\p{L}{3,}(?:de|te|den|ten)$/u.test(verb)) return "past";
    const last =
      text
        .replace(/[?!.\s]+$/, "")
        .split(/\s+/)
        .at(-1) ?? "";
    if (NL_PERFECT.test(verb) && NL_PARTICIPLE.test(last)) return "past";
  }
  return "present";
}

/** The words after "how many", unless a verb follows it ("How many were added?" counts what was said before). */
const COUNTED: Record<Language, RegExp> = {
  en: /\bhow (?:many|much)\s+(?!(?:were|was|are|is|have|has|had|did|do|does|will|would|can|could)\b)([^\s?,]+(?:\s+[^\s?,]+)?)/i,
  nl: /\bhoeveel\s+(?!(?:zijn|waren|werden|worden|wordt|werd|hebben|heeft|had|hadden|is|was|kwamen|komen|zullen|zal|kunnen|kan)\b)([^\s?,]+(?:\s+[^\s?,]+)?)/i,
};

/**
 * What a how-many question counts: the words after "how many" ("How many countries signed…" →
 * countries, signed). A number of something else ("32 countries" for "how many people") does not
 * answer it.
 */
export function countedStems(question: string, language: Language): string[] {
  const words = COUNTED[language].exec(question)?.[1];
  return words ? analyze(words, language) : [];
}

/** A second question about the first one's subject, pointing back at it. */
const MORE: Record<Language, RegExp> = {
  en: /(?:\band|,) (?:what|how|why) (?:is|are|was|were|does|do|did|has|have|will) (?:it|they|this|that|he|she)\b/i,
  nl: /(?:\ben|,) (?:wat|hoe|waarom|waaraan|waarmee) (?:doet|deed|doen|is|zijn|was|heeft|hebben|gaat|wil|werkt) (?:het|hij|zij|ze|dit|dat)\b/i,
};

export const asksForOthers = (question: string, language: Language): boolean =>
  ASKS_FOR_OTHERS[language].test(question);

/** The letter named as a document ("deze brief", "the parliamentary paper"), not by a pronoun. */
const LETTER_NOUN: Record<Language, RegExp> = {
  en: /\b(?:(?:the|this) )?(?:letter|document|kamerstuk|parliamentary paper|paper)\b/i,
  nl: /\b(?:(?:de|deze|het|dit) )?(?:brief|kamerbrief|kamerstuk|document|stuk)\b/i,
};

/**
 * What each of the letter's own facts is asked by, tried in this order: a year or a number named
 * outright decides ("in which parliamentary year was it sent to the House?"), and "who receives
 * the letter" asks for its addressee before "who" can ask for its signatories. `alone` cues ask
 * for the fact without the letter being named ("Wie heeft getekend?", "Who is the recipient?").
 */
const FACT_CUES: Array<{
  fact: LetterFact;
  cue: Record<Language, RegExp>;
  alone?: Record<Language, RegExp>;
}> = [
  {
    fact: "year",
    cue: {
      // "this year", "het afgelopen jaar" say when something in the letter happened.
      en: /\b(?:(?:parliamentary )?(?<!(?:this|past|last|next|every) )(?:year|session)|date|dated|when|what time)\b/i,
      nl: /\b(?:vergaderjaar|zittingsjaar|(?<!(?:dit|afgelopen|vorig|volgend|elk|ieder) )jaar|datum|gedateerd|dateert|wanneer)\b/i,
    },
  },
  {
    fact: "kamerstuk",
    cue: {
      en: /\b(?:number|no\.?|nr\.?|dossier|reference|file)\b|\b(?:which|what) (?:kamerstuk|parliamentary paper)\b/i,
      nl: /\b(?:nummer|nr\.?|dossier|dossiernummer|kamerstuknummer|kenmerk)\b|\bwelk(?:e)? (?:kamerstuk|stuk)\b/i,
    },
  },
  {
    fact: "title",
    cue: {
      en: /\b(?:title|called|named|subject)\b/i,
      nl: /\b(?:titel|heet|genoemd|onderwerp)\b/i,
    },
  },
  {
    fact: "addressee",
    cue: {
      en: /\b(?:addressed|addressee|recipients?|receives?|received|to whom|for whom|sent to|written to|directed to|intended for)\b/i,
      nl: /\b(?:gericht|richt|richten|richtte|richtten|geadresseerde?|ontvangers?|ontvangt|ontving|aan wie|naar wie|voor wie|bestemd|bedoeld)\b/i,
    },
    alone: {
      en: /\b(?:addressee|recipients?)\b/i,
      nl: /\b(?:geadresseerde|ontvangers?)\b/i,
    },
  },
  {
    fact: "signatories",
    cue: {
      en: /\b(?:sign\w*|senders?|sent|authors?|authored|wrote|written|writers?|from|behind|ministers?|ministr(?:y|ies)|departments?|state secretar(?:y|ies)|on behalf of|who)\b/i,
      nl: /\b(?:\w*teken\w*|afzenders?|auteurs?|schrijvers?|geschreven|schreef|gestuurd|verstuurd|stuurde|van wie|namens|achter|ministers?|ministeries?|bewindspersonen|bewindspersoon|staatssecretaris(?:sen)?|wie)\b/i,
    },
    alone: {
      en: /\b(?:signed|signatory|signatories|senders?|authors?)\b/i,
      nl: /\b(?:\w*tekend\w*|\w*tekende\w*|ondertekenaars?|afzenders?|auteurs?)\b/i,
    },
  },
];

/** What a question may open with that asks nothing: "can you tell me…", "weet je…", "even checken:". */
const CONVERSATIONAL: Record<Language, RegExp> = {
  en: /\b(?:(?:can|could|would) you (?:please )?(?:tell|say|show|remind)(?: me)?|do you know|i(?:'d| would) like to know|i want to know|quick question|tell me|please|just checking)\b/gi,
  nl: /\b(?:(?:kun|kan|kunt|wil) (?:je|jij|u) (?:me |mij )?(?:vertellen|zeggen)|weet (?:je|jij|u)|even checken|vraagje|graag|ik wil (?:graag )?weten)\b/gi,
};

const globalCopies = new WeakMap<RegExp, RegExp>();
/** The pattern with the global flag, to remove every match; compiled once per pattern. */
function everywhere(pattern: RegExp): RegExp {
  let global = globalCopies.get(pattern);
  if (!global) {
    global = new RegExp(pattern.source, `${pattern.flags}g`);
    globalCopies.set(pattern, global);
  }
  return global;
}

/**
 * Words a question about the letter's own facts may hold besides the letter and the fact asked for:
 * the rest of the question is its topic, and a question with a topic is about the letter's content
 * ("when does the letter say the strategies expire?").
 */
const FACT_FRAME: Record<Language, ReadonlySet<string>> = {
  en: new Set(
    analyze(
      "is was are were been sent send written published issued belong belongs fall falls filed come comes exactly precisely actually again two both involved under parliament house representatives senate tweede kamer official officially number name role roles office offices position positions job",
      "en",
    ),
  ),
  nl: new Set(
    analyze(
      "is was zijn waren verstuurd verzonden gestuurd geschreven gepubliceerd verschenen valt vallen hoort horen komt kwam precies exact eigenlijk nou dan nogmaals alsjeblieft twee beide betrokken onder kamer tweede officieel officiële eerste naam nummer functie functies rol rollen ambt zitten zit",
      "nl",
    ),
  ),
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
  (/\b(?:van|voor|of|for)\s+(.*)$/i.exec(office)?.[1] ?? "").match(/\p{Lu}/gu)?.join("") ?? "";

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
    names: new RegExp(`(?<!\\p{L})(?:${names.join("|")})(?!\\p{L})`, "u"),
    offices: new RegExp(
      `(?<!\\p{L})(?:${offices.join("|")}|staatssecretaris|state secretary)`,
      "iu",
    ),
  };
}

/** A question asking for a person or a name: "who…", "which minister…", "what is the name of…". */
const ASKS_WHO: Record<Language, RegExp> = {
  en: /\b(?:who|whom|whose|which|name|names|role|roles|office|position)\b/i,
  nl: /\b(?:wie|welke|welk|naam|namen|functie|functies|rol)\b/i,
};

/**
 * Which of the letter's own facts a question asks, however it is phrased: it names a signatory or
 * asks who holds a signatory's office, or it names the letter as a document and asks for one of its
 * facts with no topic of its own.
 */
export function letterFactAsked(
  question: string,
  language: Language,
  { signatories, followUp, isTopic }: AnalysisOptions = {},
): LetterFact | undefined {
  let topic: boolean | undefined;
  const topicless = () => {
    topic ??= hasTopic(question, language, signatories, isTopic);
    return !topic;
  };
  if (signatories) {
    if (signatories.names.test(question)) return "signatories";
    // "Who is the State Secretary for Finance?" asks about another office than the letter's.
    if (signatories.offices.test(question) && ASKS_WHO[language].test(question) && topicless()) {
      return "signatories";
    }
  }
  const named = LETTER_NOUN[language].test(question);
  // In a follow-up, "Who signed?" asks about the earlier question's subject.
  if (!named && followUp) return undefined;
  const asked = FACT_CUES.find(({ cue, alone }) =>
    (named ? cue : alone)?.[language].test(question),
  );
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
  isTopic: (stem: string, language: Language) => boolean = () => true,
): boolean {
  const rest = FACT_CUES.reduce(
    (text, { cue }) => text.replace(everywhere(cue[language]), " "),
    question
      .replace(/['’]s\b/g, "")
      .replace(CONVERSATIONAL[language], " ")
      .replace(everywhere(LETTER_NOUN[language]), " "),
  );
  return analyze(rest, language).some(
    (stem) =>
      !FACT_FRAME[language].has(stem) &&
      !signatories?.officeStems[language].has(stem) &&
      isTopic(stem, language),
  );
}

export interface AnalysisOptions {
  /**
   * Whether a stem names one of the letter's topics (a word specific to some of its passages),
   * rather than why or how the question is asked ("I want to quote it correctly"); without it
   * every word counts as a topic.
   */
  isTopic?: (stem: string, language: Language) => boolean;
  /** The question follows up on an earlier one: "Who was it sent to?" asks about that one's subject. */
  followUp?: boolean;
  /** The letter's signatories, to tell a question about them. */
  signatories?: SignatoryCues;
}

/** Classifies a question by the kind of answer it expects, from its wording alone. */
export function analyzeQuestion(
  question: string,
  language: Language,
  options: AnalysisOptions = {},
): QuestionAnalysis {
  const text = question.trim();
  const fact = letterFactAsked(text, language, options);
  if (fact) return { kind: "meta", fact };
  // A wh-word asks for its kind where it opens the question ("When did…", "Door wie…", "And
  // where…"), not inside it ("what did they ask when the law is violated?").
  const opening = text.replace(OPENING_FILLER[language], "");
  for (const pattern of PATTERNS) {
    const subject = pattern.opening ? opening : text;
    if (!pattern[language].test(subject)) continue;
    // In a follow-up, "it" and "this" are the earlier question's subject, not the letter.
    if (
      pattern.fact &&
      (options.followUp || hasTopic(text, language, options.signatories, options.isTopic))
    ) {
      continue;
    }
    if (pattern.kind === "place" && language === "nl" && SPLIT_PREPOSITION.test(text)) continue;
    if (pattern.kind === "overview") {
      // "What does the letter say about X?" is an overview of a topic; "the main points" of the letter.
      const topical =
        /\b(?:about|over|on|regarding|concerning|omtrent|inzake|aangaande)\b\s+\S/i.test(
          text.replace(
            new RegExp(`(?:is|'s) (?:${LETTER[language]}|it) (?:about|over)\\b`, "i"),
            "",
          ),
        );
      const wholeLetter = new RegExp(
        `(?:${LETTER.en}|${LETTER.nl}|\\bit\\b|het)\\W*(?:about|over|on)?\\W*$`,
        "i",
      ).test(text);
      const focus = text
        .replace(everywhere(pattern[language]), " ")
        .replace(everywhere(LETTER_PHRASE[language]), " ");
      return {
        kind: "overview",
        overview: topical && !wholeLetter ? "topic" : "letter",
        focus,
      };
    }
    if (pattern.fact) return { kind: pattern.kind, fact: pattern.fact };
    if (pattern.kind === "person" && NAME_REQUEST[language].test(text)) {
      return { kind: "person", personalName: true };
    }
    const also = ALSO[language].exec(text)?.[1]?.toLowerCase();
    const alsoKind = also ? ALSO_KIND[also] : undefined;
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
  if (NAME_REQUEST[language].test(text)) return { kind: "person", personalName: true };
  const also = ALSO[language].exec(text)?.[1]?.toLowerCase();
  const alsoKind = also ? ALSO_KIND[also] : undefined;
  return {
    kind: "open",
    ...(alsoKind ? { also: alsoKind } : {}),
    ...(MORE[language].test(text) ? { more: true } : {}),
  };
}
