import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import hnswlib from "hnswlib-node";
import type { ChunkMetadata } from "../chunk/chunk.js";

/** A chunk as the store holds it: its text and its metadata. */
export interface StoredChunk {
  pageContent: string;
  metadata: ChunkMetadata;
}

/** What retrieval needs of a vector store: the nearest chunks to a vector, by cosine distance. */
export interface VectorStore {
  similaritySearchVectorWithScore(
    query: number[],
    k: number,
    filter?: (chunk: StoredChunk) => boolean,
  ): Promise<Array<[StoredChunk, number]>>;
}

const SPACE = "cosine";

/**
 * Chunks in an HNSW index (hnswlib-node), stored as LangChain's HNSWLib stores them (the same
 * three files, byte for byte) and searched as it searches them. LangChain's wrapper pulled its
 * document and vector-store modules into the server, a few megabytes resident, for these few
 * lines.
 */
export class HnswStore implements VectorStore {
  private constructor(
    readonly index: hnswlib.HierarchicalNSW,
    /** Each chunk by its vector's label, as a string. */
    readonly documents: ReadonlyMap<string, StoredChunk>,
    readonly numDimensions: number,
  ) {}

  /** Embeds the chunks and indexes them in order: the first has label 0. */
  static async fromChunks(chunks: StoredChunk[], embeddings: EmbeddingsInterface) {
    const vectors = await embeddings.embedDocuments(chunks.map((chunk) => chunk.pageContent));
    const numDimensions = vectors[0]?.length ?? 0;
    const index = new hnswlib.HierarchicalNSW(SPACE, numDimensions);
    index.initIndex(vectors.length);
    vectors.forEach((vector, label) => {
      index.addPoint(vector, label);
    });
    return new HnswStore(
      index,
      new Map(chunks.map((chunk, label) => [String(label), chunk])),
      numDimensions,
    );
  }

  static async load(directory: string): Promise<HnswStore> {
    const args = JSON.parse(await readFile(join(directory, "args.json"), "utf8")) as {
      space: hnswlib.SpaceName;
      numDimensions: number;
    };
    const index = new hnswlib.HierarchicalNSW(args.space, args.numDimensions);
    const [entries] = await Promise.all([
      readFile(join(directory, "docstore.json"), "utf8").then(
        (text) => JSON.parse(text) as Array<[string, StoredChunk]>,
      ),
      index.readIndex(join(directory, "hnswlib.index")),
    ]);
    return new HnswStore(index, new Map(entries), args.numDimensions);
  }

  async save(directory: string): Promise<void> {
    await mkdir(directory, { recursive: true });
    await Promise.all([
      this.index.writeIndex(join(directory, "hnswlib.index")),
      writeFile(
        join(directory, "args.json"),
        JSON.stringify({ space: SPACE, numDimensions: this.numDimensions }),
      ),
      writeFile(join(directory, "docstore.json"), JSON.stringify([...this.documents])),
    ]);
  }

  private chunk(label: number): StoredChunk {
    const chunk = this.documents.get(String(label));
    if (!chunk) throw new Error(`ID ${label} not found.`);
    return chunk;
  }

  async similaritySearchVectorWithScore(
    query: number[],
    k: number,
    filter?: (chunk: StoredChunk) => boolean,
  ): Promise<Array<[StoredChunk, number]>> {
    if (query.length !== this.numDimensions) {
      throw new Error(
        `Query vector must have the same length as the number of dimensions (${this.numDimensions})`,
      );
    }
    const { neighbors, distances } = this.index.searchKnn(
      query,
      Math.min(k, this.index.getCurrentCount()),
      filter && ((label) => filter(this.chunk(label))),
    );
    return neighbors.map((label, i) => [this.chunk(label), distances[i] as number]);
  }
}
