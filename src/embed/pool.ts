import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Embeddings } from "@langchain/core/embeddings";
import { Piscina } from "piscina";

/** From source (tsx, vitest) the worker is TypeScript; the build runs dist/embed/worker.js. */
const fromSource = import.meta.url.endsWith(".ts");

/**
 * USE-lite in a pool of worker threads. The model is pure JavaScript and blocks its thread for the
 * whole forward pass, so embedding off the main thread keeps the event loop free and lets every
 * core work on concurrent questions.
 */
export class PooledEmbeddings extends Embeddings {
  private readonly pool: Piscina;

  constructor(workers: number) {
    super({});
    const workerFile = new URL(fromSource ? "./worker.ts" : "./worker.js", import.meta.url);
    this.pool = new Piscina({
      filename: workerFile.href,
      minThreads: workers,
      maxThreads: workers,
      // tsx is a development dependency: resolved only when running from source.
      execArgv: fromSource
        ? ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href]
        : [],
      idleTimeout: Number.POSITIVE_INFINITY,
    });
  }

  /** Loads the model in every worker so the first questions do not pay for it. */
  async warmUp(): Promise<void> {
    await Promise.all(
      Array.from({ length: this.pool.options.maxThreads }, () => this.pool.run(["warm up"])),
    );
  }

  /** Spreads a large batch over every worker. */
  async embedDocuments(texts: string[]): Promise<number[][]> {
    const share = Math.ceil(texts.length / this.pool.options.maxThreads) || 1;
    const parts: string[][] = [];
    for (let i = 0; i < texts.length; i += share) parts.push(texts.slice(i, i + share));
    const vectors = await Promise.all(
      parts.map((part) => this.pool.run(part) as Promise<number[][]>),
    );
    return vectors.flat();
  }

  async embedQuery(text: string): Promise<number[]> {
    const [vector] = (await this.pool.run([text])) as number[][];
    if (!vector) throw new Error("The embedding worker returned no vector.");
    return vector;
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
