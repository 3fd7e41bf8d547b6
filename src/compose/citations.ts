import type { Language, Letter, Paragraph } from "../letter/types.js";
import type { Citation } from "./answer.js";

const OPENING_TITLE: Record<Language, string> = { en: "Opening", nl: "Inleiding" };
const FOOTNOTE_WORD: Record<Language, string> = { en: "footnote", nl: "voetnoot" };

export function sectionTitle(letter: Letter, sectionId: string, language: Language): string {
  const section = letter.sections.find((s) => s.id === sectionId);
  if (!section?.title) return OPENING_TITLE[language];
  return language === "en"
    ? (letter.translation.sectionTitles[sectionId] ?? section.title)
    : section.title;
}

export function paragraphById(letter: Letter, id: string): Paragraph | undefined {
  return letter.paragraphs.find((p) => p.id === id);
}

/** A quoted sentence span within one paragraph. */
export interface QuoteSpan {
  passageId: string;
  first: number;
  last: number;
}

/** Dutch original of a span: verbatim from the paragraph's text. */
export function dutchQuote(paragraph: Paragraph, span: QuoteSpan): string {
  return paragraph.sentences
    .slice(span.first, span.last + 1)
    .map((s) => s.text)
    .join(" ");
}

/** A footnote's text in a language: its English rendering where there is one. */
export function footnoteText(letter: Letter, number: number, language: Language): string {
  const dutch = letter.footnotes.find((f) => f.number === number)?.text ?? "";
  return language === "en" ? (letter.translation.footnotes[String(number)] ?? dutch) : dutch;
}

/**
 * "(footnote 9)", or "(footnote 9: Directive – EU – 2024/1069)" when the footnote's text is part of
 * the answer. Non-breaking spaces keep the label whole and on the line of the word it annotates.
 */
export function footnoteLabel(
  letter: Letter,
  number: number,
  language: Language,
  withText: boolean,
): string {
  const text = withText ? footnoteText(letter, number, language) : undefined;

  // The footnote's own closing full stop would double the sentence's.
  const shown = text?.replace(/\.$/, "");
  return `\u00a0(${FOOTNOTE_WORD[language]}\u00a0${number}${shown ? `: ${shown}` : ""})`;
}

/** The sentence's text in a language: the English rendering where there is one, else the Dutch. */
export function sentenceText(
  letter: Letter,
  paragraph: Paragraph,
  index: number,
  language: Language,
): string {
  const dutch = paragraph.sentences[index]?.text ?? "";
  if (language === "nl") return dutch;
  return letter.translation.paragraphs[paragraph.id]?.[index]?.en ?? dutch;
}

const SENTENCE_END = /[.!?:;]$/;

/**
 * A sentence as it is shown in an answer, in both languages alike: footnote references just before
 * the closing full stop (the Dutch original's markers where they stood within the sentence; a
 * translation moves words, so an English marker's exact place does not carry over).
 * `expandFootnotes` lists the footnotes whose text the answer shows inline.
 */
export function renderSentence(
  letter: Letter,
  paragraph: Paragraph,
  index: number,
  language: Language,
  expandFootnotes: ReadonlySet<number> = new Set(),
): string {
  const sentence = paragraph.sentences[index];
  if (!sentence) return "";
  const label = (number: number) =>
    footnoteLabel(letter, number, language, expandFootnotes.has(number));
  const english = letter.translation.paragraphs[paragraph.id]?.[index]?.en;
  const placeAtEnd = (text: string, numbers: number[]) => {
    if (numbers.length === 0) return text;
    const end = SENTENCE_END.test(text) ? text.slice(-1) : "";
    return `${text.slice(0, text.length - end.length)}${numbers.map(label).join("")}${end}`;
  };
  if (language === "en" && english) {
    return placeAtEnd(
      english,
      sentence.footnoteRefs.map((ref) => ref.number),
    );
  }
  // Markers after the closing full stop move before it; the others stay where they stood.
  const text = sentence.text;
  const endsAt = SENTENCE_END.test(text) ? text.length - 1 : text.length;
  const trailing = sentence.footnoteRefs.filter((ref) => ref.offset >= endsAt);
  let body = text;
  for (const ref of [...sentence.footnoteRefs]
    .filter((ref) => ref.offset < endsAt)
    .sort((a, b) => b.offset - a.offset)) {
    body = `${body.slice(0, ref.offset)}${label(ref.number)}${body.slice(ref.offset)}`;
  }
  return placeAtEnd(
    body,
    trailing.map((ref) => ref.number),
  );
}

/**
 * The citation for a span: the whole passage, the quoted sentences, and the footnotes those
 * sentences reference (a passage's other footnotes belong to sentences the answer does not quote).
 */
export function buildCitation(
  letter: Letter,
  span: QuoteSpan,
  n: number,
  language: Language,
): Citation {
  const paragraph = paragraphById(letter, span.passageId);
  if (!paragraph) throw new Error(`Unknown passage ${span.passageId}`);
  const numbers = [
    ...new Set(
      paragraph.sentences
        .slice(span.first, span.last + 1)
        .flatMap((s) => s.footnoteRefs.map((r) => r.number)),
    ),
  ];
  return {
    n,
    passageId: paragraph.id,
    page: paragraph.sentences[span.first]?.page ?? paragraph.pages[0] ?? 1,
    section: sectionTitle(letter, paragraph.sectionId, language),
    text: paragraph.text,
    quote: dutchQuote(paragraph, span),
    footnotes: numbers.flatMap((number) => {
      const footnote = letter.footnotes.find((f) => f.number === number);
      return footnote ? [{ number, text: footnote.text }] : [];
    }),
  };
}
