import { LRUCache } from "lru-cache";
import type { Answer, AnswerEvent, AnswerService, AskInput } from "../answer/types.js";

export type AnswerCache = LRUCache<string, Answer>;

/** A bounded, expiring cache of answers; undefined when CACHE_SIZE is 0. */
export function createAnswerCache(options: {
  size: number;
  ttlMs: number;
}): AnswerCache | undefined {
  if (options.size === 0) return undefined;
  return new LRUCache<string, Answer>({ max: options.size, ttl: options.ttlMs });
}

const normalize = (text: string) =>
  text.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();

/**
 * Questions that differ only in case, spacing or Unicode form get the same answer. History is part
 * of the key: a follow-up ("and in 2024?") means something else in another conversation.
 */
export function cacheKey(input: AskInput): string {
  return JSON.stringify([
    normalize(input.question),
    input.lang ?? "auto",
    (input.history ?? []).map((turn) => [turn.role, normalize(turn.content)]),
  ]);
}

/** Serves repeated questions from the cache; only completed answers are stored, never failures. */
export class CachedAnswerService implements AnswerService {
  constructor(
    private readonly inner: AnswerService,
    private readonly cache: AnswerCache,
  ) {}

  async ask(input: AskInput, options?: { signal?: AbortSignal }): Promise<Answer> {
    const key = cacheKey(input);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const answer = await this.inner.ask(input, options);
    this.cache.set(key, answer);
    return answer;
  }

  async *stream(input: AskInput, options?: { signal?: AbortSignal }): AsyncGenerator<AnswerEvent> {
    const key = cacheKey(input);
    const cached = this.cache.get(key);
    if (cached) {
      // The same event sequence as a fresh answer, so that clients need no special case.
      yield { type: "citations", citations: cached.citations };
      yield { type: "delta", text: cached.answer };
      yield { type: "done", answer: cached };
      return;
    }
    for await (const event of this.inner.stream(input, options)) {
      if (event.type === "done") this.cache.set(key, event.answer);
      yield event;
    }
  }
}
