import { createHash } from "node:crypto";
import type { Keyv } from "keyv";
import type { Answer, AnswerEvent, AnswerService, AskInput } from "./types.js";

export type CacheLookup = "hit" | "miss" | "error";

/**
 * The options of one call. A caching service tells the caller how its lookup went (the question
 * log records cache hits); services that do not cache ignore it.
 */
export interface AnswerCallOptions {
  signal?: AbortSignal;
  onCacheLookup?: (result: CacheLookup) => void;
}

export interface AnswerCacheOptions {
  store: Keyv<Answer>;
  /**
   * What the answers were made from (corpus, index and composer): part of every key, so that a
   * re-indexed corpus or another composer never meets an old answer, on any replica.
   */
  version: string;
  ttlMs: number;
  onLookup?: (result: CacheLookup) => void;
}

const normalize = (text: string) =>
  text.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Identifies the answers an index, composer and code give: the same on every replica built from
 * the same corpus and running the same code. `code` (the package version and a hash of the
 * running code) makes a deploy that changes answers miss the answers of the one before, instead
 * of serving them until CACHE_TTL_SECONDS runs out.
 */
export function answerVersion(parts: {
  corpusHash: string;
  embedderId: string;
  chunkingVersion: number;
  composer: string;
  code: string;
}): string {
  return sha256(
    JSON.stringify([
      parts.corpusHash,
      parts.embedderId,
      parts.chunkingVersion,
      parts.composer,
      parts.code,
    ]),
  ).slice(0, 16);
}

/**
 * Questions that differ only in case, spacing or Unicode form get the same answer. History is part
 * of the key: a follow-up ("and in 2024?") means something else in another conversation. Hashed,
 * so that a shared cache holds no question in its key names.
 */
export function cacheKey(version: string, input: AskInput): string {
  return sha256(
    JSON.stringify([
      version,
      normalize(input.question),
      input.lang ?? "auto",
      (input.history ?? []).map((turn) => [turn.role, normalize(turn.content)]),
    ]),
  );
}

/**
 * Serves repeated questions from the cache, whichever channel asks; only completed answers are
 * stored, never failures. A cache that fails is a miss, never an error; the shared state bounds
 * every Redis operation, so a slow or stalled Redis fails too (REDIS_TIMEOUT_MS).
 */
export class CachedAnswerService implements AnswerService {
  constructor(
    private readonly inner: AnswerService,
    private readonly options: AnswerCacheOptions,
  ) {}

  private async lookup(
    key: string,
    onCallLookup?: (result: CacheLookup) => void,
  ): Promise<Answer | undefined> {
    const report = (result: CacheLookup) => {
      this.options.onLookup?.(result);
      onCallLookup?.(result);
    };
    try {
      const found = await this.options.store.get(key);
      report(found ? "hit" : "miss");
      return found ?? undefined;
    } catch {
      report("error");
      return undefined;
    }
  }

  private remember(key: string, answer: Answer): void {
    this.options.store.set(key, answer, this.options.ttlMs).catch(() => undefined);
  }

  async ask(input: AskInput, options?: AnswerCallOptions): Promise<Answer> {
    const key = cacheKey(this.options.version, input);
    const cached = await this.lookup(key, options?.onCacheLookup);
    if (cached) return cached;
    const answer = await this.inner.ask(input, options);
    this.remember(key, answer);
    return answer;
  }

  async *stream(input: AskInput, options?: AnswerCallOptions): AsyncGenerator<AnswerEvent> {
    const key = cacheKey(this.options.version, input);
    const cached = await this.lookup(key, options?.onCacheLookup);
    if (cached) {
      // The same event sequence as a fresh answer, so that clients need no special case.
      yield { type: "citations", citations: cached.citations };
      yield { type: "delta", text: cached.answer };
      yield { type: "done", answer: cached };
      return;
    }
    for await (const event of this.inner.stream(input, options)) {
      if (event.type === "done") this.remember(key, event.answer);
      yield event;
    }
  }
}
