import type { Language } from "../letter/types.js";
import type { Retrieval } from "../retrieve/retriever.js";
import type { Answer, Citation } from "./answer.js";

export interface ComposeContext {
  question: string;
  language: Language;
  retrieval: Retrieval;
  /** The offline answer for the same evidence: the fallback of any other composer. */
  extractive: Answer;
  /** The passages offered to a composer, numbered, as early citations. */
  candidates: Citation[];
}

export interface Composer {
  /** Produces the answer from the grounded evidence; may report text as it goes. */
  compose(
    context: ComposeContext,
    options: { signal?: AbortSignal; onDelta?: (text: string) => void },
  ): Promise<Answer>;
}
