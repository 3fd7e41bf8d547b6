import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Embeddings } from "@langchain/core/embeddings";
import { Piscina } from "piscina";

/** From source (tsx, vitest) the worker is TypeScript; the build runs dist/embed/worker.js. */
const fromSource = import.meta.url.endsWith(".ts");

/**
 * The most questions one forward pass takes. Small, so that under load the worker embeds the next
 * few while the main thread retrieves and composes for the last few; one large batch would leave
 * each side idle while the other works. Also bounds the WASM memory a pass needs.
 */
const QUERY_BATCH = 4;

interface WaitingQuery {
  text: string;
  resolve: (vector: number[]) => void;
  reject: (error: unknown) => void;
}

/** How long an extra worker (one beyond the first) may sit idle before it exits and frees its model. */
const EXTRA_WORKER_IDLE_MS = 30_000;

/**
 * USE-lite in a pool of worker threads. The model is pure JavaScript and blocks its thread for the
 * whole forward pass, so embedding off the main thread keeps the event loop free for everything
 * else (retrieval, composing, cached answers). Questions that arrive while every worker is busy
 * wait and go to the next free worker together: a forward pass over a batch costs a little less
 * per question than passes over one question each.
 *
 * One worker (one copy of the model, ~90 MB) is always loaded. Further workers, up to `workers`,
 * start only when questions queue up, so that under load every core embeds, and exit after
 * `extraWorkerIdleMs` without work: a server that is mostly idle holds one copy.
 */
export class PooledEmbeddings extends Embeddings {
  private readonly pool: Piscina;
  private readonly waiting: WaitingQuery[] = [];
  private busy = 0;

  constructor(
    private readonly workers: number,
    options: { extraWorkerIdleMs?: number } = {},
  ) {
    super({});
    const workerFile = new URL(fromSource ? "./worker.ts" : "./worker.js", import.meta.url);
    this.pool = new Piscina({
      filename: workerFile.href,
      minThreads: 1,
      maxThreads: workers,
      // tsx is a development dependency: resolved only when running from source.
      execArgv: fromSource
        ? ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href]
        : [],
      // A worker's JavaScript garbage is small and short-lived (the weights live in WASM memory);
      // V8's default young generation would let each worker's heap idle at tens of MB. This caps
      // it where the process sets nothing smaller: under `npm start`, --max-semi-space-size=2
      // applies to the workers too and wins, trading about 0.4 ms a question for 5.5 MB idle.
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
      idleTimeout: options.extraWorkerIdleMs ?? EXTRA_WORKER_IDLE_MS,
    });
  }

  /** Workers running now, each with a copy of the model. */
  get threadCount(): number {
    return this.pool.threads.length;
  }

  /** Waits until the first worker has loaded the model, so the first questions do not pay for it. */
  async warmUp(): Promise<void> {
    await this.pool.run(["warm up"]);
  }

  /** Spreads a large batch over every worker. */
  async embedDocuments(texts: string[]): Promise<number[][]> {
    const share = Math.ceil(texts.length / this.workers) || 1;
    const parts: string[][] = [];
    for (let i = 0; i < texts.length; i += share) parts.push(texts.slice(i, i + share));
    const vectors = await Promise.all(
      parts.map((part) => this.pool.run(part) as Promise<number[][]>),
    );
    return vectors.flat();
  }

  embedQuery(text: string): Promise<number[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ text, resolve, reject });
      this.dispatch();
    });
  }

  /** Hands the waiting questions, in batches, to the free workers. */
  private dispatch(): void {
    while (this.busy < this.workers && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, QUERY_BATCH);
      this.busy++;
      (this.pool.run(batch.map((query) => query.text)) as Promise<number[][]>)
        .then(
          (vectors) => {
            batch.forEach((query, i) => {
              const vector = vectors[i];
              if (vector) query.resolve(vector);
              else query.reject(new Error("The embedding worker returned no vector."));
            });
          },
          (error: unknown) => {
            for (const query of batch) query.reject(error);
          },
        )
        .finally(() => {
          this.busy--;
          this.dispatch();
        });
    }
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
