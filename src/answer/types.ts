/** The answer contract that every delivery channel (CLI, HTTP, widget, Slack) uses. */

export type Language = "en" | "nl";

export interface ChatTurn {
  role: "user" | "assistant";
  content: string;
}

export interface AskInput {
  question: string;
  history?: ChatTurn[];
  lang?: "auto" | Language;
}

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
  footnotes: CitedFootnote[];
}

export interface Answer {
  answer: string;
  grounded: boolean;
  language: Language;
  mode: "extractive" | "llm";
  citations: Citation[];
  followUps?: string[];
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
