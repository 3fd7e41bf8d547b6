import type { Language } from "../letter/types.js";
import { BACK_REFERENCE, CONTINUATION } from "../lexicon/conversation.js";
import { contentWords } from "../retrieve/analyzer.js";
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
  const elliptical =
    CONTINUATION[language].test(question.trim()) ||
    words <= SHORT_QUESTION_WORDS ||
    (words <= REFERRING_QUESTION_WORDS && BACK_REFERENCE[language].test(question));
  return elliptical ? previous : undefined;
}
