import type { AnswerRuntime } from "../answer/service.js";
import type { AnswerService } from "../answer/types.js";
import type { LetterBackend } from "../mcp/backend.js";

/**
 * The MCP layer's narrow view of the answer runtime, adapted here at the composition root: the
 * one place that knows how the service's retrieval is reached. Answers come from `answers`, the
 * cached service the other channels share; searches use retrieval alone.
 */
export function letterBackend(runtime: AnswerRuntime, answers: AnswerService): LetterBackend {
  const { letter, retriever, detector } = runtime;
  return {
    ask: (input) => answers.ask(input),
    search: async (query, k) => {
      const { passages } = await retriever.retrieve(
        { text: query, language: detector.detect(query) },
        k,
      );
      const found = new Set(passages.map((p) => p.passageId));
      const unfound = letter.paragraphs
        .filter((p) => !found.has(p.id))
        .map((p) => ({ passageId: p.id, score: 0 }));
      return [...passages.map(({ passageId, score }) => ({ passageId, score })), ...unfound].slice(
        0,
        k,
      );
    },
  };
}
