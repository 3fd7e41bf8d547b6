import { paragraphById, renderSentence, sectionTitle } from "../compose/citations.js";
import type { Language, Letter, Paragraph, Section } from "../letter/types.js";
import type { FootnoteView, PassageView } from "./schemas.js";

export function footnoteView(letter: Letter, number: number): FootnoteView | undefined {
  const footnote = letter.footnotes.find((f) => f.number === number);
  if (!footnote) return undefined;
  return {
    number,
    text: footnote.text,
    en: letter.translation.footnotes[String(number)],
    page: footnote.page,
    passageIds: footnote.paragraphIds,
  };
}

export function passageView(letter: Letter, id: string): PassageView | undefined {
  const paragraph = paragraphById(letter, id);
  if (!paragraph) return undefined;
  const english = letter.translation.paragraphs[id];
  return {
    id,
    page: paragraph.pages[0] ?? 1,
    pages: paragraph.pages,
    sectionId: paragraph.sectionId,
    section: sectionTitle(letter, paragraph.sectionId, "nl"),
    sectionEn: sectionTitle(letter, paragraph.sectionId, "en"),
    text: paragraph.text,
    en: english?.map((pair) => pair.en).join(" "),
    footnotes: paragraph.footnotes.flatMap((n) => footnoteView(letter, n) ?? []),
  };
}

const HEADINGS = {
  nl: { footnotes: "Voetnoten", source: "officiële bekendmaking", year: "vergaderjaar" },
  en: { footnotes: "Footnotes", source: "official publication", year: "parliamentary year" },
} as const;

/** Page numbers matter for citing: each sentence that starts a new page is preceded by `[p. n]`. */
class PageMarks {
  private current = 0;
  before(page: number): string {
    if (page <= this.current) return "";
    this.current = page;
    return `[p. ${page}] `;
  }
}

function paragraphText(letter: Letter, paragraph: Paragraph, lang: Language, pages: PageMarks) {
  return paragraph.sentences
    .map((s, i) => `${pages.before(s.page)}${renderSentence(letter, paragraph, i, lang)}`)
    .join(" ");
}

function sectionLines(
  letter: Letter,
  section: Section,
  lang: Language,
  pages: PageMarks,
  // The letter's unheaded opening gets a heading only where it stands alone.
  heading = section.title !== null,
) {
  const title = heading ? [`## ${sectionTitle(letter, section.id, lang)}`] : [];
  const paragraphs = section.paragraphIds.flatMap((id) => {
    const paragraph = paragraphById(letter, id);
    return paragraph ? [paragraphText(letter, paragraph, lang, pages)] : [];
  });
  return [...title, ...paragraphs];
}

function footnoteLines(letter: Letter, numbers: number[], lang: Language): string[] {
  if (numbers.length === 0) return [];
  const items = numbers.flatMap((n) => {
    const footnote = footnoteView(letter, n);
    if (!footnote) return [];
    return [`${n}. ${lang === "en" ? (footnote.en ?? footnote.text) : footnote.text}`];
  });
  return [`## ${HEADINGS[lang].footnotes}`, items.join("\n")];
}

/** The whole letter as Markdown: the Dutch original, or the English rendering under its notice. */
export function letterMarkdown(letter: Letter, lang: Language): string {
  const { metadata } = letter;
  const pages = new PageMarks();
  const blocks = [
    `# ${metadata.title}`,
    `${metadata.kamerstuk.label} · ${HEADINGS[lang].year} ${metadata.parliamentaryYear} · [${HEADINGS[lang].source}](${metadata.sourceUrl})`,
    ...(lang === "en" ? [`> ${letter.translation.notice}`] : []),
    ...letter.sections.flatMap((section) => sectionLines(letter, section, lang, pages)),
    letter.signatories.map((s) => `${s.role},  \n${s.name}`).join("\n\n"),
    ...footnoteLines(
      letter,
      letter.footnotes.map((f) => f.number),
      lang,
    ),
  ];
  return `${blocks.join("\n\n")}\n`;
}

/** One section with the footnotes it cites: the Dutch original, then the English rendering under its notice. */
export function sectionMarkdown(letter: Letter, sectionId: string): string | undefined {
  const section = letter.sections.find((s) => s.id === sectionId);
  if (!section) return undefined;
  const cited = [
    ...new Set(section.paragraphIds.flatMap((id) => paragraphById(letter, id)?.footnotes ?? [])),
  ];
  const version = (lang: Language) => [
    ...sectionLines(letter, section, lang, new PageMarks(), true),
    ...footnoteLines(letter, cited, lang),
  ];
  const blocks = [
    `# ${letter.metadata.kamerstuk.label}`,
    ...version("nl"),
    "---",
    "# English rendering (unofficial)",
    `> ${letter.translation.notice}`,
    ...version("en"),
  ];
  return `${blocks.join("\n\n")}\n`;
}
