import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import type { Letter } from "../letter/types.js";
import { tokenize } from "../retrieve/analyzer.js";

/**
 * The textbook LangChain pipeline, for comparison: the raw extracted text cut by
 * RecursiveCharacterTextSplitter, embedded with the same model, top-3 from HNSWLib. It has no
 * notion of paragraphs, so a chunk counts for the paragraphs whose word trigrams it contains.
 */
export class BaselinePipeline {
  private constructor(
    private readonly store: HNSWLib,
    private readonly letter: Letter,
  ) {}

  static async build(rawText: string, letter: Letter, embeddings: EmbeddingsInterface) {
    const splitter = new RecursiveCharacterTextSplitter({ chunkSize: 1000, chunkOverlap: 200 });
    const documents = await splitter.createDocuments([rawText]);
    return new BaselinePipeline(await HNSWLib.fromDocuments(documents, embeddings), letter);
  }

  /** The top-3 chunks, each with the paragraphs it contains. */
  async retrieve(question: string): Promise<Array<{ passageIds: string[]; text: string }>> {
    const hits = await this.store.similaritySearch(question, 3);
    return hits.map((hit) => ({
      passageIds: this.paragraphsIn(hit.pageContent),
      text: hit.pageContent,
    }));
  }

  private paragraphsIn(chunk: string): string[] {
    const chunkTrigrams = trigrams(chunk.replace(/-\n/g, ""));
    return this.letter.paragraphs
      .filter((p) => {
        const own = trigrams(p.text);
        const shared = [...own].filter((t) => chunkTrigrams.has(t)).length;
        return shared >= Math.min(5, own.size);
      })
      .map((p) => p.id);
  }
}

function trigrams(text: string): Set<string> {
  const words = tokenize(text);
  const grams = new Set<string>();
  for (let i = 0; i + 2 < words.length; i++) grams.add(words.slice(i, i + 3).join(" "));
  return grams;
}
