import { letterSources } from "../letter/sources.js";
import type { Language, Letter } from "../letter/types.js";
import { analyze } from "../retrieve/analyzer.js";
import type { Answer, Citation } from "./answer.js";
import { buildCitation, paragraphById, renderSentence, sentenceText } from "./citations.js";
import type { AnswerKind, LetterFact } from "./question.js";
import type { ChosenSpan, SentenceCandidate } from "./select.js";
import { countsAsked, homeInAskedRole, spansOfKind } from "./spans.js";

const FRAMING: Record<Language, string> = {
  en: "According to the letter:",
  nl: "Volgens de brief:",
};
const OVERVIEW_FRAMING: Record<Language, string> = {
  en: "The letter's main points, one per section:",
  nl: "De hoofdpunten van de brief, per kopje:",
};
const SECTION_FRAMING: Record<Language, (title: string) => string> = {
  en: (title) => `Under “${title}” the letter says:`,
  nl: (title) => `Onder “${title}” staat in de brief:`,
};
const META_FRAMING: Record<Language, Record<"heading" | "signatures", string>> = {
  en: { heading: "According to the letter's heading:", signatures: "The letter is signed by:" },
  nl: { heading: "Volgens de kop van de brief:", signatures: "De brief is ondertekend door:" },
};
const NAME_WORDS = /^(?:van|de|het|en|voor|of|the|and|for|on)$/i;

/**
 * The abbreviations the text defines, with the words they stand for: "Raad van Europa (RvE)",
 * "Council of Europe (CoE)", "seksuele en reproductieve gezondheid en rechten (SRGR)". The
 * abbreviation's letters are the initials of the words before it, with or without the small words.
 */
export function definedAbbreviations(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of text.matchAll(/([^()]{1,120}?)\s+\((\p{Lu}[\p{L}]{1,6})\)/gu)) {
    const [, before = "", abbreviation = ""] = match;
    const letters = abbreviation.toLowerCase();
    const words = before.split(/\s+/).filter((w) => /^\p{L}/u.test(w));
    for (let k = 1; k <= Math.min(words.length, 8); k++) {
      const name = words.slice(-k);
      const all = name.map((w) => w[0]?.toLowerCase()).join("");
      const content = name
        .filter((w) => !NAME_WORDS.test(w))
        .map((w) => w[0]?.toLowerCase())
        .join("");
      if (all === letters || (content === letters && !NAME_WORDS.test(name[0] ?? ""))) {
        found.set(abbreviation, name.join(" "));
        break;
      }
    }
  }
  return found;
}

/** The letter's abbreviations in each language. */
function letterAbbreviations(letter: Letter): Record<Language, Map<string, string>> {
  return {
    nl: definedAbbreviations(letter.paragraphs.map((p) => p.text).join(" ")),
    en: definedAbbreviations(
      Object.values(letter.translation.paragraphs)
        .flatMap((pairs) => pairs.map((pair) => pair.en))
        .join(" "),
    ),
  };
}

/** A sentence's words, with the full name of each abbreviation it uses ("de RvE" → "Raad van Europa"). */
function withNames(text: string, abbreviations: Map<string, string>): string {
  const names = [...abbreviations]
    .filter(([abbreviation]) => new RegExp(`\\b${abbreviation}\\b`).test(text))
    .map(([, name]) => name);
  return names.length === 0 ? text : `${text} ${names.join(" ")}`;
}

const EXACT_DATE: Record<Language, RegExp> = {
  en: /\b(?:exact(?:ly)?|precise(?:ly)?|which day|what day|what date|which date|on what date)\b/i,
  nl: /\b(?:precies|exact(?:e)?|welke dag|welke datum|op welke datum)\b/i,
};

/**
 * Whether a question asks for a day ("On what date…", "When exactly…") that the answering sentence
 * does not give: it dates the thing only by a month, a quarter or a year ("in 2025").
 */
export function lacksPrecision(
  question: string,
  sentence: SentenceCandidate,
  language: Language,
): boolean {
  if (!EXACT_DATE[language].test(question)) return false;
  const dates = spansOfKind(sentence.text[language], "date", language);
  return dates.length > 0 && !dates.some((date) => /\b\d{1,2} \p{L}/u.test(date));
}

/** What the letter does not say of a date it gives only roughly. */
export function precisionNote(language: Language): string {
  return language === "en"
    ? "The letter does not give a more precise date."
    : "De brief geeft geen preciezere datum.";
}

type LetterSentence = Omit<SentenceCandidate, "similarity" | "passageScore">;

const sentencesOf = new WeakMap<Letter, LetterSentence[]>();

/**
 * Every sentence of the letter with what does not depend on the question (its texts, stems and
 * footnotes), worked out once per letter: per question, only the retrieval's evidence is new.
 */
function letterSentences(letter: Letter): LetterSentence[] {
  let sentences = sentencesOf.get(letter);
  if (sentences) return sentences;
  const abbreviations = letterAbbreviations(letter);
  sentences = letter.paragraphs.flatMap((paragraph) =>
    paragraph.sentences.map((sentence, index) => {
      const text = {
        nl: sentence.text,
        en: sentenceText(letter, paragraph, index, "en"),
      };
      const footnotes = sentence.footnoteRefs.map((r) => r.number);
      const footnoteText = {
        nl: footnotes
          .map((n) => letter.footnotes.find((f) => f.number === n)?.text ?? "")
          .join(" "),
        en: footnotes.map((n) => letter.translation.footnotes[String(n)] ?? "").join(" "),
      };
      return {
        passageId: paragraph.id,
        index,
        text,
        stems: {
          nl: new Set(analyze(withNames(text.nl, abbreviations.nl), "nl")),
          en: new Set(analyze(withNames(text.en, abbreviations.en), "en")),
        },
        footnoteText,
        footnotes,
      };
    }),
  );
  sentencesOf.set(letter, sentences);
  return sentences;
}

/** Every sentence of the letter as a candidate, with the evidence the retrieval found for it. */
export function sentenceCandidates(
  letter: Letter,
  similarity: (passageId: string, index: number) => number,
  passageScore: (passageId: string) => number,
): SentenceCandidate[] {
  return letterSentences(letter).map((sentence) => ({
    ...sentence,
    similarity: similarity(sentence.passageId, sentence.index),
    passageScore: passageScore(sentence.passageId),
  }));
}

/** A span without its leading article: "the Dutch Human Rights Ambassador" → "Dutch Human…". */
const withoutArticle = (span: string) => span.replace(/^(?:the|de|het) (?=\S)/i, "");

/**
 * The span of the answering sentence that is the answer of the kind asked for, verbatim from the
 * sentence in the answer's language: the one sharing most words with the question.
 */
export function directSpan(
  sentence: string,
  kind: AnswerKind,
  language: Language,
  question: string,
  {
    alreadySaid = "",
    counted = [],
  }: {
    /** What the conversation already named: no answer to "which else?". */
    alreadySaid?: string;
    /** For a how-many question, the stems of what it counts, as the question's analysis found them. */
    counted?: readonly string[];
  } = {},
): string | undefined {
  if (kind === "expansion") {
    // The name an abbreviation of the question stands for, where the sentence defines it.
    const asked = question.toLowerCase();
    const defined = [...definedAbbreviations(sentence)].find(([abbreviation]) =>
      new RegExp(`(?<!\\p{L})${abbreviation.toLowerCase()}(?!\\p{L})`, "u").test(asked),
    );
    return defined?.[1];
  }
  // "Welke landen nog meer?": what the conversation already named is not the answer.
  const said = alreadySaid.toLowerCase();
  const spans = spansOfKind(sentence, kind, language).filter(
    (span) => countsAsked(span, counted, language) && !said.includes(span.toLowerCase()),
  );
  const asked = new Set(analyze(question, language));
  if (spans.length === 0) {
    return kind === "country" ? homeInAskedRole(sentence, language, asked) : undefined;
  }
  // A name the question itself gives ("Who chairs the Committee of the Parties?" → "Committee of
  // the Parties…") is what it asks about, not the answer: most of its words are the question's.
  // A number or a date is new however many words its phrase shares ("how many countries" → "32
  // European countries").
  const numeric = kind === "quantity" || kind === "amount" || kind === "date";
  const restates = (span: string) => {
    if (numeric) return false;
    const own = analyze(span, language);
    return own.length > 0 && own.filter((s) => asked.has(s)).length * 2 >= own.length;
  };
  const answers = spans.filter((span) => !restates(span));
  if (answers.length === 0) return undefined;
  // The span followed by the words the question asks about ("… Ambassador | organised a meeting"):
  // the subject or object of what it asks. A name sharing the question's own words is more likely
  // what it asks about ("… bijeen onder het Belgische voorzitterschap" → not "voorzitterschap van
  // de Raad"); a number or a date is told apart by its context only.
  const closeness = (span: string) => {
    const at = sentence.indexOf(span);
    const after = sentence.slice(at + span.length, at + span.length + 40);
    const shared = (text: string) => analyze(text, language).filter((s) => asked.has(s)).length;
    return numeric ? shared(`${span} ${after}`) : shared(after) - shared(span);
  };
  const best = answers.reduce((a, b) => (closeness(b) > closeness(a) ? b : a));
  // "the Dutch Human Rights Ambassador" opens the answer as "Dutch Human Rights Ambassador".
  return withoutArticle(withCoordinated(sentence, best, answers));
}

/**
 * The span with the one joined to it by "and" ("to the President of the European Commission and
 * the former European Commissioner for Equality"): both answer "to whom?". Verbatim from the
 * sentence.
 */
function withCoordinated(sentence: string, span: string, spans: readonly string[]): string {
  const at = sentence.indexOf(span);
  const rest = sentence.slice(at + span.length);
  const joiner = /^,? (?:and|en) (?:(?:the|de|het) )?/i.exec(rest)?.[0];
  if (!joiner) return span;
  const after = rest.slice(joiner.length);
  // The second may open with a word its pattern leaves out ("the former European Commissioner").
  for (const other of spans) {
    const bare = withoutArticle(other);
    const gap = after.indexOf(bare);
    if (bare !== span && gap >= 0 && /^(?:[\p{L}-]+ ){0,2}$/u.test(after.slice(0, gap))) {
      return sentence.slice(at, at + span.length + joiner.length + gap + bare.length);
    }
  }
  return span;
}

export interface ExtractiveInput {
  language: Language;
  spans: ChosenSpan[];
  kind: AnswerKind;
  /** The question as searched (a Dutch question's compounds split), to tell its words from the answer's. */
  question: string;
  /** What the conversation already said, when the question asks for others ("which else?"). */
  alreadySaid?: string;
  /** For a how-many question, the stems of what it counts (the question's analysis). */
  counted?: readonly string[];
  /** Footnotes whose text belongs in the answer (those the question matched, or a document asked for). */
  expandFootnotes: ReadonlySet<number>;
  framing?: { type: "overview" } | { type: "section"; title: string };
  /** What the letter does not say more precisely, to state after the quotes. */
  gap?: string;
}

/**
 * Quotes the chosen sentences, each claim followed by its [n]; when the question asks for a thing
 * of a kind, the answer opens with that thing's exact words. Never writes words of its own beyond
 * the framing and the statement of what the letter does not say.
 */
export function composeExtractive(letter: Letter, input: ExtractiveInput): Answer {
  const { language } = input;
  const citations: Citation[] = input.spans.map((span, i) =>
    buildCitation(
      letter,
      { passageId: span.passageId, first: span.first, last: span.last },
      i + 1,
      language,
    ),
  );
  const claims = input.spans.map((span, i) => {
    const paragraph = paragraphById(letter, span.passageId);
    if (!paragraph) return "";
    const sentences: string[] = [];
    for (let index = span.first; index <= span.last; index++) {
      sentences.push(renderSentence(letter, paragraph, index, language, input.expandFootnotes));
    }
    return `${sentences.join(" ")} [${i + 1}]`;
  });
  let direct: Answer["direct"];
  const lead = input.spans[0];
  const leadParagraph = lead ? paragraphById(letter, lead.passageId) : undefined;
  if (lead && leadParagraph && input.framing === undefined) {
    const sentence = sentenceText(letter, leadParagraph, lead.lead, language);
    // Only from the sentence: a footnote's answer (a directive's number) is shown inline instead.
    const text = directSpan(sentence, input.kind, language, input.question, {
      ...(input.alreadySaid !== undefined ? { alreadySaid: input.alreadySaid } : {}),
      ...(input.counted ? { counted: input.counted } : {}),
    });
    if (text) direct = { text, citation: 1 };
  }
  const framing =
    input.framing?.type === "overview"
      ? OVERVIEW_FRAMING[language]
      : input.framing?.type === "section"
        ? SECTION_FRAMING[language](input.framing.title)
        : FRAMING[language];
  const parts = [
    direct ? `${direct.text} [${direct.citation}].` : "",
    framing,
    claims.join(" "),
    input.gap ?? "",
  ].filter((part) => part !== "");
  return {
    answer: parts.join(" "),
    grounded: true,
    language,
    mode: "extractive",
    citations,
    ...(direct ? { direct } : {}),
  };
}

/** The letter's own facts (title, Kamerstuk, year, addressee, signatories), quoted from its heading or signature block. */
export function composeLetterFact(
  letter: Letter,
  fact: LetterFact,
  language: Language,
): Answer | undefined {
  const sources = letterSources(letter);
  const source = sources.find(
    (s) => s.id === (fact === "signatories" ? "letter-signatures" : "letter-heading"),
  );
  if (!source) return undefined;
  const wanted = fact === "signatories" ? "signatory" : fact === "year" ? "kamerstuk" : fact;
  const sentences = source.sentences.filter((s) => s.fact === wanted);
  if (sentences.length === 0) return undefined;
  const quote = sentences.map((s) => s.nl).join(" ");
  // The signatories are lines of the signature block, not sentences: each is set apart.
  const shown = sentences.map((s) => s[language]).join(fact === "signatories" ? "; " : " ");
  const year = letter.metadata.parliamentaryYear;
  const directText =
    fact === "year" && shown.includes(year)
      ? year
      : // The label is verbatim in the Dutch heading only: an English direct would not be.
        fact === "kamerstuk" && language === "nl"
        ? letter.metadata.kamerstuk.label
        : undefined;
  const direct = directText ? { text: directText, citation: 1 } : undefined;
  const framing = META_FRAMING[language][fact === "signatories" ? "signatures" : "heading"];
  return {
    answer: [direct ? `${direct.text} [1].` : "", framing, `${shown} [1]`]
      .filter(Boolean)
      .join(" "),
    grounded: true,
    language,
    mode: "extractive",
    citations: [
      {
        n: 1,
        passageId: source.id,
        page: source.page,
        section: source.section[language],
        text: source.text,
        quote,
        footnotes: [],
      },
    ],
    ...(direct ? { direct } : {}),
  };
}
