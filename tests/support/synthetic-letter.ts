import type { Language, Letter } from "../../src/letter/types.js";

/** A small letter for unit tests: sections of paragraphs, each sentence given in Dutch and English. */
export function syntheticLetter(
  sections: {
    id: string;
    title: string | null;
    titleEn?: string;
    paragraphs: [string, string][][];
  }[],
): Letter {
  const letter: Letter = {
    pageCount: 1,
    sections: [],
    paragraphs: [],
    footnotes: [],
    signatories: [{ role: "Minister van Buitenlandse Zaken", name: "A.B. Voorbeeld" }],
    warnings: [],
    metadata: {
      title: "Een proefbrief",
      kamerstuk: { dossier: "1 234", number: 5, label: "Kamerstuk 1 234, nr. 5" },
      parliamentaryYear: "2024–2025",
      signatories: [{ role: "Minister van Buitenlandse Zaken", name: "A.B. Voorbeeld" }],
      sourceUrl: "https://example.org/letter",
      language: "nl",
    },
    translation: { notice: "test", paragraphs: {}, footnotes: {}, sectionTitles: {} },
  };
  for (const section of sections) {
    const paragraphIds = section.paragraphs.map((_, i) => `${section.id}-${i + 1}`);
    letter.sections.push({ id: section.id, title: section.title, page: 1, paragraphIds });
    if (section.titleEn) letter.translation.sectionTitles[section.id] = section.titleEn;
    section.paragraphs.forEach((sentences, i) => {
      const id = paragraphIds[i] as string;
      letter.paragraphs.push({
        id,
        sectionId: section.id,
        pages: [1],
        text: sentences.map(([nl]) => nl).join(" "),
        sentences: sentences.map(([nl]) => ({ text: nl, page: 1, footnoteRefs: [] })),
        footnotes: [],
      });
      letter.translation.paragraphs[id] = sentences.map(([nl, en]) => ({ nl, en }));
    });
  }
  return letter;
}

/**
 * Embeddings of a bag of words: each word hashed into one of `dimensions` buckets, normalised. Texts
 * sharing words are close; it needs no model, so retrieval and selection can be tested in isolation.
 */
export function bagOfWordsVector(text: string, dimensions = 64): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    let hash = 0;
    for (const char of word) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) % dimensions;
    vector[hash] = (vector[hash] ?? 0) + 1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((v) => v / norm);
}

export function cosine(a: number[], b: number[]): number {
  return a.reduce((sum, v, i) => sum + v * (b[i] ?? 0), 0);
}

export const LANGUAGES: Language[] = ["nl", "en"];
