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
  /** The letter's passages for `query`, best first, at most `limit`. */
  search(query: string, limit: number): Promise<PassageHit[]>;
}

/** Undefined while the index is still loading. */
export interface BackendHandle {
  get(): LetterBackend | undefined;
}
