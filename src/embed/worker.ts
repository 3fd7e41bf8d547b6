import { workerData } from "node:worker_threads";
import { collectGarbageOnce } from "../memory.js";
import type { WorkerWarmUp } from "./pool.js";
import { UseLiteEmbeddings } from "./use-lite.js";

/** Runs inside a worker thread: each worker holds its own copy of the model. */
const embeddings = new UseLiteEmbeddings();

/** Grows the model's memory to the largest pass at once, then frees what the growth left behind. */
async function warmUp({ batch, characters }: WorkerWarmUp): Promise<void> {
  const longest = "Which countries signed the declaration of the presidency? "
    .repeat(Math.ceil(characters / 58))
    .slice(0, characters);
  await embeddings.embedDocuments(Array.from({ length: batch }, () => longest));
  // The buffers the memory outgrew are held by garbage that only a full collection frees; this
  // thread has no other work yet, so it pays for that collection now rather than holding them.
  collectGarbageOnce();
}

/**
 * The task handler, once the model is loaded. Piscina awaits an exported promise before it calls
 * the worker ready and hands it tasks, so a question never waits on a worker that is still reading
 * the model while another worker is free. (A promise rather than top-level await: from source, the
 * worker is loaded through tsx's CommonJS hook.)
 */
export default warmUp(workerData as WorkerWarmUp).then(
  () => (texts: string[]) => embeddings.embedDocuments(texts),
);
