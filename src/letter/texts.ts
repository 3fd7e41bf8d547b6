import type { Language, Letter } from "./types.js";

/** The letter's sentences, then its footnotes, in one language: the Dutch original or its rendering. */
export function letterTexts(letter: Letter, language: Language): string[] {
  return language === "nl"
    ? [
        ...letter.paragraphs.flatMap((p) => p.sentences.map((s) => s.text)),
        ...letter.footnotes.map((f) => f.text),
      ]
    : [
        ...Object.values(letter.translation.paragraphs).flatMap((pairs) => pairs.map((p) => p.en)),
        ...Object.values(letter.translation.footnotes),
      ];
}
