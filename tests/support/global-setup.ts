import { createEmbedder } from "../../src/embed/embedder.js";
import { loadOrBuildIndex } from "../../src/index/vector-index.js";
import { loadLetter } from "../../src/letter/load.js";
import { createLogger } from "../../src/logger.js";
import { ASSETS_DIR } from "../../src/web/assets.js";
import { writeWebAssets } from "../../src/web/build.js";
import { testConfig } from "./real-services.js";

/**
 * Builds the index once, before the integration tests, so that test files only load it, and the
 * browser bundles, so that the server under test serves the current sources.
 */
export default async function setup(): Promise<void> {
  writeWebAssets(ASSETS_DIR);
  const config = testConfig({ EMBED_WORKERS: "2" });
  const embedder = await createEmbedder(config.embeddings);
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
