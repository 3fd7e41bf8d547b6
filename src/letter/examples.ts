import type { Language } from "./types.js";

const EXAMPLES: Record<Language, string[]> = {
  en: [
    "What did the Netherlands do on SLAPPs?",
    "Which sanctions did the EU adopt on sexual violence?",
    "What is the Netherlands doing in the Council of Europe?",
  ],
  nl: [
    "Wat deed Nederland tegen SLAPPs?",
    "Welke sancties nam de EU tegen seksueel geweld?",
    "Wat doet Nederland in de Raad van Europa?",
  ],
};

/** Example questions the letter answers, for greetings and refusals. */
export function exampleQuestions(language: Language): string[] {
  return EXAMPLES[language];
}
