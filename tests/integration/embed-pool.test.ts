import { once } from "node:events";
import type { Worker } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import { PooledEmbeddings } from "../../src/embed/pool.js";
import { UseLiteEmbeddings } from "../../src/embed/use-lite.js";
import { standaloneQuestions } from "../support/robustness.js";

const EXTRA_WORKER_IDLE_MS = 1_500;
/** Every worker thread this process starts, as Node reports it (the pool's), and its exit. */
const started: Array<{ worker: Worker; exited: Promise<unknown> }> = [];
const onWorker = (worker: Worker) => started.push({ worker, exited: once(worker, "exit") });
process.on("worker", onWorker);
const pool = new PooledEmbeddings(2, { extraWorkerIdleMs: EXTRA_WORKER_IDLE_MS });
afterAll(async () => {
  process.off("worker", onWorker);
  await pool.close();
});

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  a.forEach((x, i) => {
    const y = b[i] ?? 0;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  });
  return dot / Math.sqrt(normA * normB);
}

describe("the embedding worker pool", () => {
  it("holds one copy of the model at rest, adds one under load, and drops it when idle", {
    timeout: 180_000,
  }, async () => {
    await pool.warmUp();
    expect(pool.threadCount).toBe(1);

    expect(started).toHaveLength(1);

    const questions = standaloneQuestions().slice(0, 24);
    const concurrent = await Promise.all(questions.map((q) => pool.embedQuery(q)));
    // A second worker started while they queued (it may have finished its share, or none, and
    // be idle already: that is not the question here).
    expect(started).toHaveLength(2);

    // Batched and spread over two workers, each question still gets its own vector.
    const local = new UseLiteEmbeddings();
    const alone = await local.embedDocuments(questions);
    concurrent.forEach((vector, i) => {
      expect(vector).toHaveLength(512);
      expect(cosine(vector, alone[i] as number[])).toBeGreaterThan(0.9999);
    });

    // One of the two exits once idle for EXTRA_WORKER_IDLE_MS (either: the pool keeps whichever
    // is busy), however long the machine takes to get there.
    await Promise.race(started.map(({ exited }) => exited));
    await expect.poll(() => pool.threadCount).toBe(1);
    expect(started.filter(({ worker }) => worker.threadId !== -1)).toHaveLength(1);
    // The worker kept still answers.
    expect(await pool.embedQuery(questions[0] as string)).toHaveLength(512);
  });
});
