import { UseLiteEmbeddings } from "./use-lite.js";

/** Runs inside a worker thread: each worker holds its own copy of the model. */
const embeddings = new UseLiteEmbeddings();

/**
 * The task handler, once the model is loaded. Piscina awaits an exported promise before it calls
 * the worker ready and hands it tasks, so a question never waits on a worker that is still reading
 * the model while another worker is free. (A promise rather than top-level await: from source, the
 * worker is loaded through tsx's CommonJS hook.)
 */
export default embeddings
  .embedQuery("warm up")
  .then(() => (texts: string[]) => embeddings.embedDocuments(texts));
