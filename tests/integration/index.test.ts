import { createHash } from "node:crypto";
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SyntheticEmbeddings } from "@langchain/core/utils/testing";
import { afterAll, describe, expect, it } from "vitest";
import type { EmbedderInfo } from "../../src/embed/embedder.js";
import { createEmbedder } from "../../src/embed/embedder.js";
import { loadOrBuildIndex } from "../../src/index/vector-index.js";
import { corpusFiles, loadLetter } from "../../src/letter/load.js";
import { createLogger } from "../../src/logger.js";
import { smallTmpfs, tmpfsAvailable } from "../support/services.js";

const corpusPath = "corpus/kamerstuk-30420-415.txt";
const letter = loadLetter(corpusPath);
const scratch = mkdtempSync(join(tmpdir(), "briefwijzer-index-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const logged: Array<{ msg: string; reason?: string; code?: string }> = [];
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

describe("an index whose files match their manifest but not each other, or that cannot be read", () => {
  const embedder: EmbedderInfo = {
    id: "synthetic-32",
    embeddings: new SyntheticEmbeddings({ vectorSize: 32 }),
  };
  const indexDir = join(scratch, "inconsistent");
  const load = () => loadOrBuildIndex(letter, embedder, { indexDir, corpusPath, logger });
  const storeFile = (name: string) => join(indexDir, "hnsw", name);
  const manifestFile = join(indexDir, "manifest.json");
  const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8"));
  /** Rewrites a stored file and the manifest's hash of it, as someone covering their tracks would. */
  const rewrite = (name: string, content: string) => {
    writeFileSync(storeFile(name), content);
    const manifest = readJson(manifestFile);
    manifest.files[name] = createHash("sha256").update(content).digest("hex");
    writeFileSync(manifestFile, JSON.stringify(manifest));
  };
  /** Every chunk can be found: a vector without its document would fail (or kill) the search. */
  const searchesAll = async (loaded: Awaited<ReturnType<typeof load>>) =>
    (await loaded.store.similaritySearch("Directive – EU – 2024/1069", 164)).length;

  it("rebuilds when a stored file is a directory (EISDIR), instead of failing", async () => {
    await load();
    rmSync(storeFile("hnswlib.index"));
    mkdirSync(storeFile("hnswlib.index"));
    expect((await load()).rebuiltBecause).toBe("hnswlib.index is unreadable (EISDIR)");
    expect((await load()).rebuiltBecause).toBeUndefined();
  });

  it("rebuilds a docstore cut short, even with the manifest's hash updated to match", async () => {
    const docstore = readJson(storeFile("docstore.json")) as unknown[];
    expect(docstore).toHaveLength(164);
    rewrite("docstore.json", JSON.stringify(docstore.slice(0, 100)));
    const rebuilt = await load();
    expect(rebuilt.rebuiltBecause).toBe(
      "the docstore holds 100 documents, the manifest 164 chunks",
    );
    expect(await searchesAll(rebuilt)).toBe(164);

    // The same count, but one vector's document swapped for a label no vector has.
    const entries = readJson(storeFile("docstore.json")) as Array<[string, unknown]>;
    entries[7] = ["9999", entries[7]?.[1]];
    rewrite("docstore.json", JSON.stringify(entries));
    expect((await load()).rebuiltBecause).toBe("the docstore has no document for vector 7");
  });

  it("rebuilds when the dimensions disagree with the embedder's, or the counts with the manifest", async () => {
    rewrite("args.json", JSON.stringify({ space: "cosine", numDimensions: 16 }));
    const rebuilt = await load();
    expect(rebuilt.rebuiltBecause).toBe(
      "the index has 16 dimensions (manifest: 32), the embedder 32",
    );
    expect(await searchesAll(rebuilt)).toBe(164);

    const manifest = readJson(manifestFile);
    writeFileSync(
      manifestFile,
      JSON.stringify({ ...manifest, embedder: { ...manifest.embedder, dimensions: 16 } }),
    );
    expect((await load()).rebuiltBecause).toBe(
      "the index has 32 dimensions (manifest: 16), the embedder 32",
    );
    writeFileSync(manifestFile, JSON.stringify({ ...readJson(manifestFile), chunkCount: 100 }));
    expect((await load()).rebuiltBecause).toBe(
      "the index holds 164 vectors, the manifest 100 chunks",
    );
    expect((await load()).rebuiltBecause).toBeUndefined();
  });
});

const describeTmpfs =
  tmpfsAvailable || process.env.REQUIRE_SERVICES === "1" ? describe : describe.skip;

describeTmpfs("a corrupt index on a disk that cannot take the rebuilt one", () => {
  const embedder: EmbedderInfo = {
    id: "synthetic-32",
    embeddings: new SyntheticEmbeddings({ vectorSize: 32 }),
  };
  const source = join(scratch, "for-tmpfs");

  /** A stored index on a fresh tmpfs, its index file then damaged. */
  async function corruptIndexOn(sizeKb: number) {
    await loadOrBuildIndex(letter, embedder, { indexDir: source, corpusPath, logger });
    const disk = await smallTmpfs(sizeKb);
    const indexDir = join(disk.dir, "index");
    cpSync(source, indexDir, { recursive: true });
    const indexFile = join(indexDir, "hnsw", "hnswlib.index");
    const bytes = readFileSync(indexFile);
    bytes.fill(7, 100, 400);
    writeFileSync(indexFile, bytes);
    return { disk, indexDir };
  }

  it.each([
    ["read-only", "EROFS"],
    ["full", "ENOSPC"],
  ])(
    "rebuilds it in memory on a %s disk, serves from it, warns, and leaves no temporary files",
    async (kind, code) => {
      const { disk, indexDir } = await corruptIndexOn(1024);
      try {
        if (kind === "read-only") disk.readOnly();
        else disk.fill();
        logged.length = 0;
        const loaded = await loadOrBuildIndex(letter, embedder, { indexDir, corpusPath, logger });
        expect(loaded.rebuiltBecause).toBe("hnswlib.index is corrupt");
        const [best] = await loaded.store.similaritySearch("Directive – EU – 2024/1069", 1);
        expect(best?.pageContent.length).toBeGreaterThan(0);
        expect(logged).toContainEqual(
          expect.objectContaining({
            msg: "could not save the index; serving it from memory (the next start builds it again)",
            code,
          }),
        );
        expect(readdirSync(indexDir).sort()).toEqual(["hnsw", "manifest.json"]);
      } finally {
        disk.unmount();
      }
    },
  );
});
