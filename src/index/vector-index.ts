import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { Document } from "@langchain/core/documents";
import { z } from "zod";
import { CHUNKING_VERSION, type Chunk, type ChunkMetadata, chunkLetter } from "../chunk/chunk.js";
import type { EmbedderInfo } from "../embed/embedder.js";
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

/** An error's code (EISDIR, ENOSPC, EROFS…), or its message when it has none. */
const errorCode = (error: unknown) =>
  (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));

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
    let hash: string;
    try {
      hash = await fileHash(path);
    } catch (error) {
      // A directory in the file's place, a file that cannot be read: rebuilt like a corrupt one.
      return { reason: `${file} is unreadable (${errorCode(error)})` };
    }
    if (hash !== manifest.files[file]) return { reason: `${file} is corrupt` };
  }
  return { manifest };
}

/**
 * Why a loaded store does not agree with itself, its manifest or the embedder, or undefined when
 * it does. The file hashes only show that the files are the ones the manifest names; a manifest
 * written over damaged files (a docstore cut short, wrong dimensions) passes them, and would then
 * fail every question, or kill the process when hnswlib returns a vector whose document is gone.
 */
function inconsistency(
  store: HNSWLib,
  manifest: IndexManifest,
  embedderDimensions: number,
): string | undefined {
  const vectors = store.index.getCurrentCount();
  const documents = store.docstore._docs;
  if (vectors !== manifest.chunkCount) {
    return `the index holds ${vectors} vectors, the manifest ${manifest.chunkCount} chunks`;
  }
  if (documents.size !== manifest.chunkCount) {
    return `the docstore holds ${documents.size} documents, the manifest ${manifest.chunkCount} chunks`;
  }
  const orphan = store.index.getIdsList().find((id) => !documents.has(String(id)));
  if (orphan !== undefined) return `the docstore has no document for vector ${orphan}`;
  const dimensions = store.index.getNumDimensions();
  if (dimensions !== embedderDimensions || manifest.embedder.dimensions !== embedderDimensions) {
    return `the index has ${dimensions} dimensions (manifest: ${manifest.embedder.dimensions}), the embedder ${embedderDimensions}`;
  }
  return undefined;
}

function toDocument(chunk: Chunk): Document<ChunkMetadata> {
  return new Document({ pageContent: chunk.text, metadata: chunk.metadata });
}

/** Embeds every chunk into a store in memory, with the manifest it will be saved under. */
async function embedChunks(
  letter: Letter,
  embedder: EmbedderInfo,
  corpusHash: string,
): Promise<LoadedIndex> {
  const started = performance.now();
  const chunks = chunkLetter(letter);
  const store = await HNSWLib.fromDocuments(chunks.map(toDocument), embedder.embeddings);
  const manifest: IndexManifest = {
    corpusHash,
    embedder: { id: embedder.id, dimensions: store.args.numDimensions ?? 0 },
    chunkingVersion: CHUNKING_VERSION,
    builtAt: new Date().toISOString(),
    buildMs: Math.round(performance.now() - started),
    chunkCount: chunks.length,
    files: {},
  };
  return { store, manifest };
}

/**
 * Writes the store and then its manifest, each to a temporary name first and renamed into place,
 * replacing any earlier index whole. On failure (a read-only or full disk) the temporary files
 * are removed, so that a full disk is not left fuller, and the error is thrown.
 */
async function saveIndex(indexDir: string, built: LoadedIndex): Promise<IndexManifest> {
  const staging = `${storeDir(indexDir)}.tmp-${process.pid}-${Date.now()}`;
  const manifestStaging = `${manifestPath(indexDir)}.tmp-${process.pid}`;
  try {
    await mkdir(indexDir, { recursive: true });
    // Made here, not by save()'s recursive mkdir, which reports a read-only disk as ENOENT.
    await mkdir(staging);
    await built.store.save(staging);
    const files: Record<string, string> = {};
    for (const file of STORE_FILES) files[file] = await fileHash(join(staging, file));
    await rm(storeDir(indexDir), { recursive: true, force: true });
    await rename(staging, storeDir(indexDir));
    const manifest = { ...built.manifest, files };
    await writeFile(manifestStaging, `${JSON.stringify(manifest, null, 2)}\n`);
    await rename(manifestStaging, manifestPath(indexDir));
    return manifest;
  } catch (error) {
    await Promise.all(
      [staging, manifestStaging].map((path) =>
        rm(path, { recursive: true, force: true }).catch(() => undefined),
      ),
    );
    throw error;
  }
}

/** Embeds every chunk and writes the store and its manifest (`npm run ingest`); throws when it cannot write. */
export async function buildIndex(
  letter: Letter,
  embedder: EmbedderInfo,
  options: { indexDir: string; corpusHash: string },
): Promise<LoadedIndex> {
  const built = await embedChunks(letter, embedder, options.corpusHash);
  return { store: built.store, manifest: await saveIndex(options.indexDir, built) };
}

/**
 * Loads the stored index when it is current and whole, and (re)builds it when it is missing,
 * stale, corrupt or inconsistent. A rebuilt index that cannot be written (a read-only or full
 * INDEX_DIR) is served from memory with a warning: the service works, and the next start tries
 * again.
 */
export async function loadOrBuildIndex(
  letter: Letter,
  embedder: EmbedderInfo,
  options: { indexDir: string; corpusPath: string; logger: Logger },
): Promise<LoadedIndex> {
  const { logger } = options;
  const hash = await corpusHash(options.corpusPath);
  const state = await staleReason(options.indexDir, { corpusHash: hash, embedderId: embedder.id });
  let reason: string;
  if ("manifest" in state) {
    try {
      const store = await HNSWLib.load(storeDir(options.indexDir), embedder.embeddings);
      const dimensions = (await embedder.embeddings.embedQuery("dimensions")).length;
      const problem = inconsistency(store, state.manifest, dimensions);
      if (!problem) {
        logger.info(
          { chunks: state.manifest.chunkCount, builtAt: state.manifest.builtAt },
          "loaded the stored index",
        );
        return { store, manifest: state.manifest };
      }
      reason = problem;
    } catch (error) {
      reason = `the stored index could not be read (${(error as Error).message})`;
    }
  } else {
    reason = state.reason;
  }

  const log = reason === "no index yet" ? logger.info : logger.warn;
  log.call(logger, { indexDir: options.indexDir, reason }, "building the index");
  const built = await embedChunks(letter, embedder, hash);
  let manifest = built.manifest;
  try {
    manifest = await saveIndex(options.indexDir, built);
  } catch (error) {
    logger.warn(
      { indexDir: options.indexDir, code: errorCode(error) },
      "could not save the index; serving it from memory (the next start builds it again)",
    );
  }
  logger.info({ chunks: manifest.chunkCount, buildMs: manifest.buildMs }, "index built");
  return { store: built.store, manifest, rebuiltBecause: reason };
}
