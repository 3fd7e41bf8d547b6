import { collectGarbageOnce } from "../memory.js";
import { UseLiteEmbeddings } from "./use-lite.js";

/** Runs inside a worker thread: each worker holds its own copy of the model. */
const embeddings = new UseLiteEmbeddings();

/**
 * Loads the model with a pass over one short text, then frees what loading left behind (the model
 * files as read, the graph's parse): this thread has no other work yet, so it pays for that full
 * collection now rather than holding the garbage until traffic happens to trigger one.
 *
 * The pass is kept small on purpose. The model's WASM memory grows in place as longer batches
 * come (V8 reserves its address space up front), and only the pages a pass touches become
 * resident: a first pass over four texts of 1,000 characters left about 6 MB more resident per
 * worker than ordinary questions ever need.
 */
async function load(): Promise<void> {
  await embeddings.embedQuery("warm up");
  collectGarbageOnce();
}

/**
 * The task handler, once the model is loaded. Piscina awaits an exported promise before it calls
 * the worker ready and hands it tasks, so a question never waits on a worker that is still reading
 * the model while another worker is free. (A promise rather than top-level await: from source, the
 * worker is loaded through tsx's CommonJS hook.)
 */
export default load().then(() => (texts: string[]) => embeddings.embedDocuments(texts));
