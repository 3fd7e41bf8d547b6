import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { PooledEmbeddings } from "../../src/embed/pool.js";
import { UseLiteEmbeddings } from "../../src/embed/use-lite.js";
import { standaloneQuestions } from "../support/robustness.js";

const EXTRA_WORKER_IDLE_MS = 1_500;
const pool = new PooledEmbeddings(2, { extraWorkerIdleMs: EXTRA_WORKER_IDLE_MS });
afterAll(() => pool.close());

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
  it("holds one copy of the model at rest, adds one under load, and drops it when idle", async () => {
    await pool.warmUp();
    expect(pool.threadCount).toBe(1);

    const questions = standaloneQuestions().slice(0, 24);
    const concurrent = await Promise.all(questions.map((q) => pool.embedQuery(q)));
    expect(pool.threadCount).toBe(2);

    // Batched and spread over two workers, each question still gets its own vector.
    const local = new UseLiteEmbeddings();
    const alone = await local.embedDocuments(questions);
    concurrent.forEach((vector, i) => {
      expect(vector).toHaveLength(512);
      expect(cosine(vector, alone[i] as number[])).toBeGreaterThan(0.9999);
    });

    const deadline = Date.now() + EXTRA_WORKER_IDLE_MS * 4;
    while (pool.threadCount > 1 && Date.now() < deadline) await sleep(100);
    expect(pool.threadCount).toBe(1);
    // The worker kept still answers.
    expect(await pool.embedQuery(questions[0] as string)).toHaveLength(512);
  });
});
