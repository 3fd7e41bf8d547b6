import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { Document } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { z } from "zod";
import { CHUNKING_VERSION, type Chunk, type ChunkMetadata, chunkLetter } from "../chunk/chunk.js";
import { corpusFiles } from "../letter/load.js";
import type { Letter } from "../letter/types.js";
import type { Logger } from "../logger.js";

const STORE_FILES = ["hnswlib.index", "args.json", "docstore.json"] as const;

const manifestSchema = z.object({
  corpusHash: z.string(),
  embedder: z.object({ id: z.string(), dimensions: z.number().int().positive() }),
  chunkingVersion: z.number().int(),
  builtAt: z.string(),
  buildMs: z.number(),
  chunkCount: z.number().int().positive(),
  files: z.record(z.string(), z.string()),
});

export type IndexManifest = z.infer<typeof manifestSchema>;

export interface EmbedderInfo {
  id: string;
  embeddings: EmbeddingsInterface;
}

export interface LoadedIndex {
  store: HNSWLib;
  manifest: IndexManifest;
  /** Why the index was (re)built, or undefined when the stored one was used. */
  rebuiltBecause?: string;
}

/** Hash of everything the index is derived from: the letter, its metadata and its translation. */
export async function corpusHash(textPath: string): Promise<string> {
  const hash = createHash("sha256");
  const files = corpusFiles(textPath);
  for (const file of [files.text, files.metadata, files.translation]) {
    hash.update(await readFile(file));
  }
  return hash.digest("hex");
}

async function fileHash(path: string): Promise<string> {
  return createHash("sha256")
    .update(await readFile(path))
    .digest("hex");
}

const storeDir = (indexDir: string) => join(indexDir, "hnsw");
const manifestPath = (indexDir: string) => join(indexDir, "manifest.json");

/**
 * Why the stored index cannot be used, or undefined when it is current. Every stored file is
 * checked against the hash in the manifest before hnswlib reads it: a damaged binary index could
 * otherwise crash the native addon instead of throwing.
 */
async function staleReason(
  indexDir: string,
  expected: { corpusHash: string; embedderId: string },
): Promise<{ reason: string } | { manifest: IndexManifest }> {
  if (!existsSync(manifestPath(indexDir))) return { reason: "no index yet" };
  let manifest: IndexManifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(await readFile(manifestPath(indexDir), "utf8")));
  } catch {
    return { reason: "the manifest is unreadable (corrupt)" };
  }
  if (manifest.corpusHash !== expected.corpusHash) return { reason: "the corpus changed" };
  if (manifest.embedder.id !== expected.embedderId) return { reason: "the embedder changed" };
  if (manifest.chunkingVersion !== CHUNKING_VERSION) return { reason: "the chunking changed" };
  for (const file of STORE_FILES) {
    const path = join(storeDir(indexDir), file);
    if (!existsSync(path)) return { reason: `${file} is missing` };
    if ((await fileHash(path)) !== manifest.files[file]) return { reason: `${file} is corrupt` };
  }
  return { manifest };
}

function toDocument(chunk: Chunk): Document<ChunkMetadata> {
  return new Document({ pageContent: chunk.text, metadata: chunk.metadata });
}

/** Embeds every chunk and writes the store and its manifest, replacing any earlier index whole. */
export async function buildIndex(
  letter: Letter,
  embedder: EmbedderInfo,
  options: { indexDir: string; corpusHash: string },
): Promise<LoadedIndex> {
  const started = performance.now();
  const chunks = chunkLetter(letter);
  const store = await HNSWLib.fromDocuments(chunks.map(toDocument), embedder.embeddings);
  const buildMs = Math.round(performance.now() - started);

  await mkdir(options.indexDir, { recursive: true });
  const staging = `${storeDir(options.indexDir)}.tmp-${process.pid}-${Date.now()}`;
  await store.save(staging);
  const files: Record<string, string> = {};
  for (const file of STORE_FILES) files[file] = await fileHash(join(staging, file));
  await rm(storeDir(options.indexDir), { recursive: true, force: true });
  await rename(staging, storeDir(options.indexDir));

  const manifest: IndexManifest = {
    corpusHash: options.corpusHash,
    embedder: { id: embedder.id, dimensions: store.args.numDimensions ?? 0 },
    chunkingVersion: CHUNKING_VERSION,
    builtAt: new Date().toISOString(),
    buildMs,
    chunkCount: chunks.length,
    files,
  };
  const manifestStaging = `${manifestPath(options.indexDir)}.tmp-${process.pid}`;
  await writeFile(manifestStaging, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(manifestStaging, manifestPath(options.indexDir));
  return { store, manifest };
}

/** Loads the stored index when it is current, and (re)builds it when it is missing, stale or corrupt. */
export async function loadOrBuildIndex(
  letter: Letter,
  embedder: EmbedderInfo,
  options: { indexDir: string; corpusPath: string; logger: Logger },
): Promise<LoadedIndex> {
  const hash = await corpusHash(options.corpusPath);
  const state = await staleReason(options.indexDir, { corpusHash: hash, embedderId: embedder.id });
  if ("manifest" in state) {
    try {
      const store = await HNSWLib.load(storeDir(options.indexDir), embedder.embeddings);
      if (store.index.getCurrentCount() === state.manifest.chunkCount) {
        options.logger.info(
          { chunks: state.manifest.chunkCount, builtAt: state.manifest.builtAt },
          "loaded the stored index",
        );
        return { store, manifest: state.manifest };
      }
      return rebuild("the stored index has the wrong number of chunks");
    } catch (error) {
      return rebuild(`the stored index could not be read (${(error as Error).message})`);
    }
  }
  return rebuild(state.reason);

  async function rebuild(reason: string): Promise<LoadedIndex> {
    const log = reason === "no index yet" ? options.logger.info : options.logger.warn;
    log.call(options.logger, { indexDir: options.indexDir, reason }, "building the index");
    const built = await buildIndex(letter, embedder, {
      indexDir: options.indexDir,
      corpusHash: hash,
    });
    options.logger.info(
      { chunks: built.manifest.chunkCount, buildMs: built.manifest.buildMs },
      "index built",
    );
    return { ...built, rebuiltBecause: reason };
  }
}
