import type { AnswerRuntime } from "../answer/service.js";
import type { LetterBackend } from "../mcp/backend.js";

/**
 * The MCP layer's narrow view of the answer runtime, adapted here at the composition root: the
 * one place that knows how the service's retrieval is reached.
 */
export function letterBackend(runtime: AnswerRuntime): LetterBackend {
  return {
    ask: (input) => runtime.answers.ask(input),
    search: async (query, limit) => {
      const { retrieval } = await runtime.answers.retrieve({ question: query });
      return retrieval.passages
        .slice(0, limit)
        .map(({ passageId, score }) => ({ passageId, score }));
    },
  };
}
