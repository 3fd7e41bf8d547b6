import { createEmbedder } from "../../src/embed/embedder.js";
import { loadOrBuildIndex } from "../../src/index/vector-index.js";
import { loadLetter } from "../../src/letter/load.js";
import { createLogger } from "../../src/logger.js";
import { testConfig } from "./real-services.js";

/** Builds the index once, before the integration tests, so that test files only load it. */
export default async function setup(): Promise<void> {
  const config = testConfig({ EMBED_WORKERS: "2" });
  const embedder = createEmbedder(config.embeddings);
  try {
    await loadOrBuildIndex(loadLetter(config.corpusPath), embedder, {
      indexDir: config.indexDir,
      corpusPath: config.corpusPath,
      logger: createLogger("warn"),
    });
  } finally {
    await embedder.close();
  }
}
