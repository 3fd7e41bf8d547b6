import type { AnswerRuntime } from "../answer/service.js";
import type { AnswerService } from "../answer/types.js";
import type { LetterBackend } from "../mcp/backend.js";

/**
 * The MCP layer's narrow view of the answer runtime, adapted here at the composition root: the
 * one place that knows how the service's retrieval is reached. Answers come from `answers`, the
 * cached service the other channels share.
 */
export function letterBackend(runtime: AnswerRuntime, answers: AnswerService): LetterBackend {
  return {
    ask: (input) => answers.ask(input),
    search: async (query, limit) => {
      const { retrieval } = await runtime.answers.retrieve({ question: query });
      return retrieval.passages
        .slice(0, limit)
        .map(({ passageId, score }) => ({ passageId, score }));
    },
  };
}
