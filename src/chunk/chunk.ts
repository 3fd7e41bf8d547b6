import type { Letter, Paragraph } from "../letter/types.js";

/** Bump when the way chunks are cut or worded changes: a stored index built otherwise is stale. */
export const CHUNKING_VERSION = 3;

/** Paragraphs up to this many sentences stay whole; longer ones are cut into overlapping windows. */
const MAX_SENTENCES_PER_CHUNK = 4;
const WINDOW_OVERLAP = 1;

export type ChunkKind = "passage" | "footnote" | "sentence";
export type ChunkLanguage = "nl" | "en";

export interface ChunkMetadata {
  id: string;
  kind: ChunkKind;
  lang: ChunkLanguage;
  /** The paragraph this chunk belongs to; for a footnote, the first paragraph citing it. */
  passageId: string;
  sectionId: string;
  page: number;
  footnotes: number[];
  /** Sentence range [first, last] within the paragraph, for passages and sentences. */
  sentences?: [number, number];
  footnoteNumber?: number;
}

export interface Chunk {
  text: string;
  metadata: ChunkMetadata;
}

function sentenceWindows(count: number): Array<[number, number]> {
  if (count <= MAX_SENTENCES_PER_CHUNK) return [[0, count - 1]];
  const windows: Array<[number, number]> = [];
  const step = MAX_SENTENCES_PER_CHUNK - WINDOW_OVERLAP;
  for (let first = 0; first < count; first += step) {
    const last = Math.min(first + MAX_SENTENCES_PER_CHUNK - 1, count - 1);
    windows.push([first, last]);
    if (last === count - 1) break;
  }
  return windows;
}

function sectionTitle(letter: Letter, sectionId: string, lang: ChunkLanguage): string | undefined {
  const section = letter.sections.find((s) => s.id === sectionId);
  if (!section?.title) return undefined;
  return lang === "en" ? letter.translation.sectionTitles[sectionId] : section.title;
}

/** A paragraph's sentences in one language, or undefined when it has no aligned English rendering. */
export function paragraphSentences(
  letter: Letter,
  paragraph: Paragraph,
  lang: ChunkLanguage,
): string[] | undefined {
  if (lang === "nl") return paragraph.sentences.map((s) => s.text);
  return letter.translation.paragraphs[paragraph.id]?.map((pair) => pair.en);
}

/**
 * Cuts the letter along its own structure, in Dutch and in the English rendering: paragraphs (or
 * overlapping sentence windows of long ones) with their section title for context, every footnote,
 * and every sentence (the units the extractive composer quotes).
 */
export function chunkLetter(letter: Letter): Chunk[] {
  const chunks: Chunk[] = [];
  for (const lang of ["nl", "en"] as const) {
    for (const paragraph of letter.paragraphs) {
      const sentences = paragraphSentences(letter, paragraph, lang);
      if (!sentences) continue;
      const title = sectionTitle(letter, paragraph.sectionId, lang);
      const base = {
        lang,
        passageId: paragraph.id,
        sectionId: paragraph.sectionId,
        page: paragraph.pages[0] ?? 1,
      };
      for (const [first, last] of sentenceWindows(sentences.length)) {
        const body = sentences.slice(first, last + 1).join(" ");
        chunks.push({
          text: title ? `${title}. ${body}` : body,
          metadata: {
            ...base,
            id: `${lang}:${paragraph.id}:${first}-${last}`,
            kind: "passage",
            footnotes: footnotesOf(paragraph, first, last),
            sentences: [first, last],
          },
        });
      }
      sentences.forEach((sentence, index) => {
        chunks.push({
          text: sentence,
          metadata: {
            ...base,
            id: `${lang}:${paragraph.id}:s${index}`,
            kind: "sentence",
            footnotes: footnotesOf(paragraph, index, index),
            sentences: [index, index],
          },
        });
      });
    }
    for (const footnote of letter.footnotes) {
      const text = lang === "nl" ? footnote.text : letter.translation.footnotes[footnote.number];
      const citing = letter.paragraphs.find((p) => p.id === footnote.paragraphIds[0]);
      if (!text || !citing) continue;
      chunks.push({
        text,
        metadata: {
          id: `${lang}:fn${footnote.number}`,
          kind: "footnote",
          lang,
          passageId: citing.id,
          sectionId: citing.sectionId,
          page: footnote.page,
          footnotes: [footnote.number],
          footnoteNumber: footnote.number,
        },
      });
    }
  }
  return chunks;
}

function footnotesOf(paragraph: Paragraph, first: number, last: number): number[] {
  return paragraph.sentences
    .slice(first, last + 1)
    .flatMap((sentence) => sentence.footnoteRefs.map((ref) => ref.number));
}
