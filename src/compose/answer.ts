/** What composition produces: an answer and the citations it rests on (the contract of every channel). */

import type { Language } from "../letter/types.js";

export interface CitedFootnote {
  number: number;
  text: string;
}

export interface Citation {
  n: number;
  passageId: string;
  page: number;
  section: string;
  /** The whole cited passage (Dutch original). */
  text: string;
  /** The sentence(s) the claim rests on, verbatim from `text`. */
  quote: string;
  /** The footnotes referenced in the quoted sentences (not the passage's others). */
  footnotes: CitedFootnote[];
}

/**
 * What the decision stage chose for a question. `not_stated` and `out_of_scope` are refusals
 * (`grounded: false`); the others answer from the letter.
 */
export type Outcome =
  | "answer"
  | "not_stated"
  | "out_of_scope"
  | "overview"
  | "letter_fact"
  | "language_switch";

/** Why a refusal refused: the letter mentions the subject but not the thing asked, or not at all. */
export type RefusalReason = "not_stated" | "out_of_scope";

export interface Answer {
  answer: string;
  grounded: boolean;
  /** The decision behind the answer (see `Outcome`). */
  outcome?: Outcome;
  /** Only on refusals (`grounded: false`). */
  reason?: RefusalReason;
  /**
   * Only on `not_stated` refusals: where the letter mentions the subject, for "see also". Never
   * presented as the answer's source.
   */
  related?: Citation[];
  language: Language;
  mode: "extractive" | "llm";
  citations: Citation[];
  /**
   * When the question asks for a thing of a kind (a date, a number, a name, a list…): the exact
   * words that answer it, verbatim from the sentence citation `citation` quotes, in the answer's
   * language (the English rendering for English answers). The answer text opens with it.
   */
  direct?: { text: string; citation: number };
  followUps?: string[];
}
