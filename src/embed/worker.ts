import { UseLiteEmbeddings } from "./use-lite.js";

/** Runs inside a worker thread: each worker holds its own copy of the model. */
const embeddings = new UseLiteEmbeddings();

export default function embed(texts: string[]): Promise<number[][]> {
  return embeddings.embedDocuments(texts);
}
