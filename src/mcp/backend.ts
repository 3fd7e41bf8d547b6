import type { Answer, AskInput } from "../answer/types.js";

/** A passage of the letter as ranked by retrieval; the MCP layer looks up the rest in the Letter. */
export interface PassageHit {
  passageId: string;
  /** For ordering only. */
  score: number;
}

/**
 * All the MCP layer needs from the answer pipeline. Deliberately narrow: retrieval and the answer
 * service change beneath it, and only the adapter at the composition root has to follow.
 */
export interface LetterBackend {
  ask(input: AskInput): Promise<Answer>;
  /**
   * The letter's passages for `query` by retrieval alone (no answer is composed), best first, at
   * most `k`; passages retrieval did not find follow with score 0, so `k` may ask for all of them.
   */
  search(query: string, k: number): Promise<PassageHit[]>;
}

/** The backend once the index has loaded: `within(ms)` waits for it up to `ms`. */
export interface BackendHandle {
  get(): LetterBackend | undefined;
  within(ms: number): Promise<LetterBackend | undefined>;
}
