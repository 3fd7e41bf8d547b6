/** The letter as structured data: what the parser produces and every later step consumes. */

/** The two languages of the letter: its Dutch original and its English rendering. */
export type Language = "en" | "nl";

/** The letter's other language: where a question's words may come from too. */
export const otherLanguage = (language: Language): Language => (language === "nl" ? "en" : "nl");

export interface FootnoteRef {
  number: number;
  /** Character offset in the sentence's text right after which the marker stood. */
  offset: number;
}

export interface Sentence {
  text: string;
  /** The page on which the sentence begins. */
  page: number;
  footnoteRefs: FootnoteRef[];
}

export interface Paragraph {
  /** Stable anchor, derived from the section and the paragraph's position in it (e.g. "europese-samenwerking-2"). */
  id: string;
  sectionId: string;
  pages: number[];
  text: string;
  sentences: Sentence[];
  /** Footnote numbers referenced in this paragraph, in order of appearance. */
  footnotes: number[];
}

export interface Section {
  id: string;
  /** null for the unheaded opening of the letter. */
  title: string | null;
  page: number;
  paragraphIds: string[];
}

export interface Footnote {
  number: number;
  text: string;
  page: number;
  /** Paragraphs whose text carries this footnote's marker. */
  paragraphIds: string[];
}

export interface Signatory {
  role: string;
  name: string;
}

export interface ParsedLetter {
  pageCount: number;
  sections: Section[];
  paragraphs: Paragraph[];
  footnotes: Footnote[];
  signatories: Signatory[];
  /** Things the parser coped with but a maintainer should know about (e.g. a marker with no footnote). */
  warnings: string[];
}

export interface LetterMetadata {
  title: string;
  kamerstuk: { dossier: string; number: number; label: string };
  parliamentaryYear: string;
  /** Whom the letter is addressed to, as its heading says (the chair of the House). */
  addressee?: string;
  date?: string;
  signatories: Signatory[];
  sourceUrl: string;
  language: "nl";
}

/** An unofficial English rendering, aligned sentence by sentence with the Dutch original. */
export interface Translation {
  notice: string;
  /** Renderings of the letter's own facts: its title, heading words and the signatories' offices. */
  letter?: {
    title: string;
    kamerstuk: string;
    parliamentaryYear: string;
    addressee?: string;
    roles: Record<string, string>;
  };
  paragraphs: Record<string, { nl: string; en: string }[]>;
  footnotes: Record<string, string>;
  sectionTitles: Record<string, string>;
}

export interface Letter extends ParsedLetter {
  metadata: LetterMetadata;
  translation: Translation;
}
