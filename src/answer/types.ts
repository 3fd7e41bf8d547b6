/** The answer contract that every delivery channel (CLI, HTTP, widget, Slack) uses. */

import type { Answer, Citation } from "../compose/answer.js";
import type { Language } from "../letter/types.js";

export type {
  Answer,
  Citation,
  CitedFootnote,
  Outcome,
  RefusalReason,
} from "../compose/answer.js";

export interface ChatTurn {
  role: "user" | "assistant";
  content: string;
}

export interface AskInput {
  question: string;
  history?: ChatTurn[];
  lang?: "auto" | Language;
}

export type AnswerEvent =
  /** Sent as soon as retrieval is done: the passages the answer will draw from. */
  | { type: "citations"; citations: Citation[] }
  | { type: "delta"; text: string }
  | { type: "done"; answer: Answer };

export interface AnswerService {
  ask(input: AskInput, options?: { signal?: AbortSignal }): Promise<Answer>;
  /** The same answer as `ask`, produced as events; the last event is always `done`. */
  stream(input: AskInput, options?: { signal?: AbortSignal }): AsyncGenerator<AnswerEvent>;
}
