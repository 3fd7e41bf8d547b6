import type { Citation, Language } from "../answer/types.js";
import type { Letter, Paragraph } from "../letter/types.js";

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

function footnoteLabel(number: number, language: Language): string {
  return `(${FOOTNOTE_WORD[language]} ${number})`;
}

/**
 * A sentence as it is shown in an answer: the Dutch original with its footnote markers rendered as
 * "(voetnoot 9)" where they stood, or the English rendering with the same references at its end
 * (a translation moves words, so the marker's exact place does not carry over).
 */
export function renderSentence(
  letter: Letter,
  paragraph: Paragraph,
  index: number,
  language: Language,
): string {
  const sentence = paragraph.sentences[index];
  if (!sentence) return "";
  const english = letter.translation.paragraphs[paragraph.id]?.[index]?.en;
  if (language === "en" && english) {
    const refs = sentence.footnoteRefs.map((ref) => footnoteLabel(ref.number, "en"));
    if (refs.length === 0) return english;
    const end = /[.!?]$/.test(english) ? english.slice(-1) : "";
    return `${english.slice(0, english.length - end.length)} ${refs.join(" ")}${end}`;
  }
  let text = sentence.text;
  for (const ref of [...sentence.footnoteRefs].sort((a, b) => b.offset - a.offset)) {
    text = `${text.slice(0, ref.offset)} ${footnoteLabel(ref.number, "nl")}${text.slice(ref.offset)}`;
  }
  return text;
}

/**
 * The citation for a span: the whole passage, the quoted sentences, and the footnotes the passage
 * references, those of the quote first.
 */
export function buildCitation(
  letter: Letter,
  span: QuoteSpan,
  n: number,
  language: Language,
  matchedFootnotes: number[] = [],
): Citation {
  const paragraph = paragraphById(letter, span.passageId);
  if (!paragraph) throw new Error(`Unknown passage ${span.passageId}`);
  const quoted = paragraph.sentences
    .slice(span.first, span.last + 1)
    .flatMap((s) => s.footnoteRefs.map((r) => r.number));
  // The quote's own footnotes first, then what the question matched, then the rest of the passage's.
  const numbers = [
    ...new Set([
      ...quoted,
      ...matchedFootnotes.filter((f) => paragraph.footnotes.includes(f)),
      ...paragraph.footnotes,
    ]),
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
