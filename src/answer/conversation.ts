import type { Language } from "../letter/types.js";
import { PERSONAL_NAME } from "../lexicon/concepts.js";
import {
  ACKNOWLEDGEMENT,
  BACK_REFERENCE,
  CONTINUATION,
  POSITIONAL_REFERENCE,
  POSITIONS,
  STANDS_FOR_ITSELF,
  TIME_UNITS,
} from "../lexicon/conversation.js";
import { INTERJECTION } from "../lexicon/fillers.js";
import { everywhere } from "../lexicon/phrases.js";
import { clausesOf, contentWords } from "../retrieve/analyzer.js";
import type { ChatTurn } from "./types.js";

const SHORT_QUESTION_WORDS = 2;
const REFERRING_QUESTION_WORDS = 4;

/**
 * What to retrieve with. An elliptical follow-up ("and in the Council of Europe?", "who signed
 * it?") is read against the previous user question, which becomes its context; a self-contained
 * question stands alone.
 */
export function followUpContext(
  question: string,
  history: ChatTurn[],
  language: Language,
): string | undefined {
  const previous = history.filter((turn) => turn.role === "user").at(-1)?.content;
  if (!previous) return undefined;
  const words = contentWords(question, language).length;
  const opened = question.trim().replace(INTERJECTION[language], "");
  const elliptical =
    CONTINUATION[language].test(opened.replace(ACKNOWLEDGEMENT[language], "")) ||
    words <= SHORT_QUESTION_WORDS ||
    (words <= REFERRING_QUESTION_WORDS && BACK_REFERENCE[language].test(question));
  return elliptical ? previous : undefined;
}

/** Accents and case aside: "comite" is "comité". */
const folded = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/** A name as an answer writes it, not opening its sentence: "Hungary", "Comité van Partijen", "C.C.J. Veldkamp". */
const NAME_IN_TEXT =
  /(?<=[^.!?:]\s)\p{Lu}[\p{L}\p{N}+.-]*(?:\s+(?:(?:of|for|the|and|van|voor|het|de|en)\s+)*\p{Lu}[\p{L}\p{N}+.-]*)*/gu;

/** The item at a position (counted from 1; -1 is the last), if there is one. */
const at = <T>(items: readonly T[], position: number): T | undefined =>
  position < 0 ? items.at(position) : items[position - 1];

/**
 * The question with a reference by position to the previous answer resolved: "when did the second
 * one do that?" after "Bulgaria passed…, as Hungary had" asks when Hungary did; "dat laatste
 * comité" is the clause of the answer that last names a committee. Unchanged when there is no such
 * reference, no previous answer, or nothing at that position.
 */
export function resolvePosition(question: string, history: ChatTurn[], language: Language): string {
  const reference = POSITIONAL_REFERENCE[language].exec(question);
  const answer = history.filter((turn) => turn.role === "assistant").at(-1)?.content;
  const position = POSITIONS[language][reference?.[1]?.toLowerCase() ?? ""];
  if (!reference || !answer || position === undefined) return question;
  const noun = reference[2] ?? "";
  if (TIME_UNITS[language].test(noun)) return question;
  const itself = noun === "" || STANDS_FOR_ITSELF[language].test(noun);
  if (!itself) {
    // Named by its kind ("that last committee"): the clause of the answer naming one of that kind.
    const stem = folded(noun).slice(0, 5);
    const clause = at(
      clausesOf(answer).filter((c) => folded(c).includes(stem)),
      position,
    );
    if (clause) return question.replace(reference[0], clause.replace(/[.!?]+$/, ""));
  }
  const names = [
    ...new Set((answer.match(NAME_IN_TEXT) ?? []).map((name) => name.replace(/\.$/, ""))),
  ];
  // Among people named with their offices ("C.C.J. Veldkamp, the Minister of Foreign Affairs, and
  // M.L.J. Paul"), the second is the second person, not the first one's office. A name by its
  // initials is a name wherever it stands, also first after a colon ("two people: C.C.J. Veldkamp").
  const people = [...new Set(answer.match(everywhere(PERSONAL_NAME)) ?? [])];
  const name = at(people.length > 1 ? people : names, position);
  if (!name) return question;
  // "the second did": a word after the position that is no kind belongs to the rest of the question.
  return question.replace(reference[0], itself ? name : `${name} ${noun}`);
}
