import { createEmbedder } from "../embed/embedder.js";
import { buildIndex, corpusHash } from "../index/vector-index.js";
import { loadLetter } from "../letter/load.js";
import { cliRuntime } from "./runtime.js";

/** `npm run ingest`: parses the letter and (re)builds the index unconditionally. */
const { config, logger } = cliRuntime();
const started = performance.now();
const letter = loadLetter(config.corpusPath);
for (const warning of letter.warnings) logger.warn({ warning }, "letter parsed with a warning");
const embedder = await createEmbedder(config.embeddings);
try {
  const { manifest } = await buildIndex(letter, embedder, {
    indexDir: config.indexDir,
    corpusHash: await corpusHash(config.corpusPath),
  });
  const totalMs = Math.round(performance.now() - started);
  process.stdout.write(
    `Indexed ${letter.paragraphs.length} paragraphs and ${letter.footnotes.length} footnotes as ` +
      `${manifest.chunkCount} chunks with ${manifest.embedder.id} (${manifest.embedder.dimensions} dimensions) ` +
      `into ${config.indexDir}/ in ${manifest.buildMs} ms (${totalMs} ms in all).\n`,
  );
} finally {
  await embedder.close();
}
