import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SyntheticEmbeddings } from "@langchain/core/utils/testing";
import { afterAll, describe, expect, it } from "vitest";
import { createEmbedder } from "../../src/embed/embedder.js";
import { type EmbedderInfo, loadOrBuildIndex } from "../../src/index/vector-index.js";
import { corpusFiles, loadLetter } from "../../src/letter/load.js";
import { createLogger } from "../../src/logger.js";

const corpusPath = "corpus/kamerstuk-30420-415.txt";
const letter = loadLetter(corpusPath);
const scratch = mkdtempSync(join(tmpdir(), "briefwijzer-index-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const logged: Array<{ msg: string; reason?: string }> = [];
const logger = createLogger("info");
// Capture the index's own log lines: the rebuild reason is part of its contract with operators.
logger.info = ((obj: { reason?: string }, msg: string) =>
  void logged.push({ ...obj, msg })) as typeof logger.info;
logger.warn = logger.info;

describe("the persisted HNSW index with the real embedder", () => {
  it("is built when missing, with a manifest, then loaded and searchable", async () => {
    const embedder = await createEmbedder({ provider: "local", workers: 1 });
    const indexDir = join(scratch, "real");
    try {
      const built = await loadOrBuildIndex(letter, embedder, { indexDir, corpusPath, logger });
      expect(built.rebuiltBecause).toBe("no index yet");
      const manifest = JSON.parse(readFileSync(join(indexDir, "manifest.json"), "utf8"));
      expect(manifest).toMatchObject({
        embedder: { id: embedder.id, dimensions: 512 },
        chunkCount: built.store.index.getCurrentCount(),
      });
      expect(manifest.corpusHash).toMatch(/^[0-9a-f]{64}$/);

      const loaded = await loadOrBuildIndex(letter, embedder, { indexDir, corpusPath, logger });
      expect(loaded.rebuiltBecause).toBeUndefined();
      const [best] = await loaded.store.similaritySearch("Directive – EU – 2024/1069", 1);
      expect(best?.metadata).toMatchObject({ kind: "footnote", footnoteNumber: 9 });
    } finally {
      await embedder.close();
    }
  });
});

// Staleness and repair do not depend on the model: deterministic synthetic vectors keep them fast.
describe("rebuilding a missing, stale or corrupt index", () => {
  const embedder: EmbedderInfo = {
    id: "synthetic-32",
    embeddings: new SyntheticEmbeddings({ vectorSize: 32 }),
  };
  const indexDir = join(scratch, "synthetic");
  const load = (path = corpusPath) =>
    loadOrBuildIndex(letter, embedder, { indexDir, corpusPath: path, logger });

  it("rebuilds, with a clear log line, when a file is corrupt or missing", async () => {
    expect((await load()).rebuiltBecause).toBe("no index yet");
    const indexFile = join(indexDir, "hnsw", "hnswlib.index");
    const bytes = readFileSync(indexFile);
    bytes.fill(7, 100, 400);
    writeFileSync(indexFile, bytes);
    logged.length = 0;
    expect((await load()).rebuiltBecause).toBe("hnswlib.index is corrupt");
    expect(logged).toContainEqual(
      expect.objectContaining({ msg: "building the index", reason: "hnswlib.index is corrupt" }),
    );

    rmSync(join(indexDir, "hnsw", "docstore.json"));
    expect((await load()).rebuiltBecause).toBe("docstore.json is missing");

    writeFileSync(join(indexDir, "manifest.json"), "{ not json");
    expect((await load()).rebuiltBecause).toBe("the manifest is unreadable (corrupt)");
    expect((await load()).rebuiltBecause).toBeUndefined();
  });

  it("is stale when the corpus, the chunking or the embedder changed", async () => {
    const path = join(indexDir, "manifest.json");
    const manifest = JSON.parse(readFileSync(path, "utf8"));
    writeFileSync(path, JSON.stringify({ ...manifest, chunkingVersion: -1 }));
    expect((await load()).rebuiltBecause).toBe("the chunking changed");
    writeFileSync(
      path,
      JSON.stringify({ ...manifest, embedder: { id: "other", dimensions: 512 } }),
    );
    expect((await load()).rebuiltBecause).toBe("the embedder changed");

    const copy = join(scratch, "corpus", "letter.txt");
    const source = corpusFiles(corpusPath);
    const target = corpusFiles(copy);
    rmSync(join(scratch, "corpus"), { recursive: true, force: true });
    mkdirSync(join(scratch, "corpus"));
    for (const key of ["text", "metadata", "translation"] as const)
      copyFileSync(source[key], target[key]);
    expect((await load(copy)).rebuiltBecause).toBeUndefined();
    writeFileSync(copy, `${readFileSync(copy, "utf8")}\n`);
    expect((await load(copy)).rebuiltBecause).toBe("the corpus changed");
  });
});
