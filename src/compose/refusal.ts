import type { Answer } from "../answer/types.js";
import type { Language, Letter } from "../letter/types.js";
import { sectionTitle } from "./citations.js";

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

/** The helpful "not in the letter" reply: what the letter does cover, and questions to try. */
export function composeRefusal(letter: Letter, language: Language): Answer {
  const topics = letter.sections
    .filter((s) => s.title !== null)
    .map((s) => sectionTitle(letter, s.id, language))
    .join("; ");
  const answer =
    language === "en"
      ? `The letter does not cover that. It reports on what the Dutch government did in the past year for gender equality, sexual and reproductive health and rights (SRHR) and equal rights of LGBTIQ+ people in the EU, under these headings: ${topics}.`
      : `Dat staat niet in de brief. De brief gaat over wat het kabinet het afgelopen jaar deed voor gendergelijkheid, seksuele en reproductieve gezondheid en rechten (SRGR) en gelijke rechten van lhbtiq+ personen in de EU, onder deze kopjes: ${topics}.`;
  return {
    answer,
    grounded: false,
    language,
    mode: "extractive",
    citations: [],
    followUps: exampleQuestions(language),
  };
}
