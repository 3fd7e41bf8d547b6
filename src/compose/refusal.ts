import { exampleQuestions } from "../letter/examples.js";
import type { Language, Letter } from "../letter/types.js";
import type { Answer, Citation } from "./answer.js";
import { sectionTitle } from "./citations.js";
import type { AnswerKind } from "./question.js";

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
    outcome: "out_of_scope",
    reason: "out_of_scope",
    followUps: exampleQuestions(language),
  };
}

const KIND_NAME: Record<Language, Partial<Record<AnswerKind, string>>> = {
  en: {
    country: "a country",
    date: "a date",
    quantity: "a number",
    amount: "an amount",
    place: "a place",
    city: "a city",
    person: "a name",
    document: "a document number",
    list: "a list",
  },
  nl: {
    country: "een land",
    date: "een datum",
    quantity: "een aantal",
    amount: "een bedrag",
    place: "een plaats",
    city: "een stad",
    person: "een naam",
    document: "een documentnummer",
    list: "een opsomming",
  },
};

/** The letter looks back on its year: asked what lies ahead, it says so. */
const LACKS_OUTLOOK: Record<Language, string> = {
  en: "The letter does not say what lies ahead on this: it reports on the past year.",
  nl: "De brief zegt hierover niet wat er nog komt: hij blikt terug op het afgelopen jaar.",
};

/** Whether the letter's silence on a kind can be said in words ("does not give a date"). */
export const namesKind = (kind: AnswerKind): boolean => KIND_NAME.en[kind] !== undefined;

/**
 * The letter mentions what a question is about but not the thing it asks for (a name, a date, a
 * number…): say what is missing, and where the letter does mention the subject, as "see also"
 * rather than as an answer's source.
 */
export function composeNotStated(
  letter: Letter,
  language: Language,
  { missing, related }: { missing: AnswerKind | "outlook"; related: Citation[] },
): Answer {
  const sections = [
    ...new Set(
      related.flatMap((c) => {
        const sectionId = letter.paragraphs.find((p) => p.id === c.passageId)?.sectionId;
        return sectionId ? [sectionTitle(letter, sectionId, language)] : [];
      }),
    ),
  ].map((title) => `“${title}”`);
  const where =
    sections.length === 0
      ? ""
      : language === "en"
        ? ` It mentions the subject under ${sections.join(" and ")}.`
        : ` De brief noemt het onderwerp onder ${sections.join(" en ")}.`;
  const lacks =
    missing === "outlook"
      ? LACKS_OUTLOOK[language]
      : language === "en"
        ? `The letter does not give ${KIND_NAME.en[missing] ?? ""} for this.`
        : `De brief geeft hiervoor geen ${(KIND_NAME.nl[missing] ?? "").replace(/^een /, "")}.`;
  const answer = `${lacks}${where}`;
  return {
    answer,
    grounded: false,
    outcome: "not_stated",
    reason: "not_stated",
    language,
    mode: "extractive",
    citations: [],
    related,
  };
}
