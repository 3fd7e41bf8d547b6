import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { composeExtractive } from "../compose/extractive.js";
import { LlmComposer } from "../compose/llm.js";
import { composeRefusal } from "../compose/refusal.js";
import type { Config } from "../config.js";
import { createEmbedder } from "../embed/embedder.js";
import { type IndexManifest, loadOrBuildIndex } from "../index/vector-index.js";
import { corpusFiles, loadLetter } from "../letter/load.js";
import type { Letter } from "../letter/types.js";
import type { Logger } from "../logger.js";
import { Glossary } from "../retrieve/glossary.js";
import { LanguageDetector } from "../retrieve/language.js";
import { type Retrieval, Retriever } from "../retrieve/retriever.js";
import { followUpContext } from "./conversation.js";
import type { Answer, AnswerEvent, AnswerService, AskInput, Citation, Language } from "./types.js";

/**
 * Evidence needed to answer rather than refuse, calibrated on the evaluation set (`npm run eval
 * -- --traces` prints each question's evidence): words shared with the best passage (BM25),
 * the share of the question's words the letter knows, and, for English questions only, closeness
 * in meaning. The encoder is English-only: it finds every Dutch sentence about equally close to a
 * Dutch question, so that similarity says nothing about Dutch questions.
 */
export const GROUNDING = {
  lexicalWeight: 3,
  coverageWeight: 4,
  similarityWeight: 5,
  similarityFloor: 0.4,
  threshold: 10.5,
} as const;

export function evidenceScore(retrieval: Retrieval, language: Language): number {
  const top = retrieval.passages[0];
  if (!top) return 0;
  const similarity =
    language === "en" ? Math.max(0, top.similarity - GROUNDING.similarityFloor) : 0;
  return (
    GROUNDING.lexicalWeight * Math.log1p(top.lexical) +
    GROUNDING.coverageWeight * retrieval.coverage +
    GROUNDING.similarityWeight * similarity
  );
}

export interface Composer {
  /** Produces the answer from the grounded evidence; may stream text as it goes. */
  compose(
    context: ComposeContext,
    options: { signal?: AbortSignal; onDelta?: (text: string) => void },
  ): Promise<Answer>;
}

export interface ComposeContext {
  question: string;
  language: Language;
  retrieval: Retrieval;
  /** The offline answer for the same evidence: the fallback of any other composer. */
  extractive: Answer;
  /** The passages offered to a composer, numbered, as early citations. */
  candidates: Citation[];
}

export interface AnswerServiceParts {
  letter: Letter;
  retriever: Retriever;
  detector: LanguageDetector;
  logger: Logger;
  /** An optional generative composer (LLM mode); extractive quotes are the default. */
  composer?: Composer;
}

export interface Evidence {
  language: Language;
  /** The question, preceded by the earlier question it follows up on, if any. */
  queryText: string;
  retrieval: Retrieval;
  evidence: number;
  grounded: boolean;
}

export class LetterAnswerService implements AnswerService {
  constructor(private readonly parts: AnswerServiceParts) {}

  async ask(input: AskInput, options: { signal?: AbortSignal } = {}): Promise<Answer> {
    let answer: Answer | undefined;
    for await (const event of this.stream(input, options)) {
      if (event.type === "done") answer = event.answer;
    }
    if (!answer) throw new Error("The answer stream ended without an answer.");
    return answer;
  }

  /** The evidence for a question: its language, the text searched with and the ranked passages. */
  async retrieve(input: AskInput): Promise<Evidence> {
    const language =
      input.lang && input.lang !== "auto" ? input.lang : this.parts.detector.detect(input.question);
    const context = followUpContext(input.question, input.history ?? [], language);
    const queryText = context ? `${context} ${input.question}` : input.question;
    const retrieval = await this.parts.retriever.retrieve({
      text: input.question,
      context,
      language,
    });
    const evidence = evidenceScore(retrieval, language);
    return { language, queryText, retrieval, evidence, grounded: evidence >= GROUNDING.threshold };
  }

  async *stream(
    input: AskInput,
    options: { signal?: AbortSignal } = {},
  ): AsyncGenerator<AnswerEvent> {
    const { letter, retriever, composer } = this.parts;
    const { language, retrieval, grounded } = await this.retrieve(input);

    if (!grounded) {
      const refusal = composeRefusal(letter, language);
      yield { type: "citations", citations: [] };
      yield { type: "delta", text: refusal.answer };
      yield { type: "done", answer: refusal };
      return;
    }

    const sentences = await retriever.scoreSentences(
      retrieval.queryVector,
      retrieval.passages.map((p) => p.passageId),
    );
    const extractive = composeExtractive(letter, {
      language,
      queryTerms: retrieval.queryTerms,
      passages: retrieval.passages,
      sentences,
    });

    if (!composer) {
      yield { type: "citations", citations: extractive.citations };
      for (const piece of extractive.answer.split(/(?<=\]) /)) {
        yield { type: "delta", text: piece };
      }
      yield { type: "done", answer: extractive };
      return;
    }

    // A generative composer is slow: show the evidence first, stream its words as they come.
    const candidates = extractive.citations;
    yield { type: "citations", citations: candidates };
    const deltas: string[] = [];
    let wake: (() => void) | undefined;
    let settled = false;
    const composed = composer
      .compose(
        { question: input.question, language, retrieval, extractive, candidates },
        {
          signal: options.signal,
          onDelta: (text) => {
            deltas.push(text);
            wake?.();
          },
        },
      )
      .finally(() => {
        settled = true;
        wake?.();
      });
    // The reader may stop before the composer settles (a client that left): its outcome has no one to go to.
    composed.catch(() => undefined);
    while (!settled || deltas.length > 0) {
      const text = deltas.shift();
      if (text !== undefined) {
        yield { type: "delta", text };
        continue;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        if (settled || deltas.length > 0) resolve();
      });
      wake = undefined;
    }
    yield { type: "done", answer: await composed };
  }
}

export interface AnswerRuntime {
  letter: Letter;
  answers: LetterAnswerService;
  /** The embedder the index was built with (for tools that embed more text, such as the eval baseline). */
  embeddings: EmbeddingsInterface;
  manifest: IndexManifest;
  close(): Promise<void>;
}

/** Loads the letter, the embedder and the index (building it when missing or stale). */
export async function createAnswerService(options: {
  config: Config;
  logger: Logger;
  composer?: Composer;
}): Promise<AnswerRuntime> {
  const { config, logger } = options;
  const letter = loadLetter(config.corpusPath);
  for (const warning of letter.warnings) logger.warn({ warning }, "letter parsed with a warning");
  const embedder = createEmbedder(config.embeddings);
  try {
    const index = await loadOrBuildIndex(letter, embedder, {
      indexDir: config.indexDir,
      corpusPath: config.corpusPath,
      logger,
    });
    await embedder.warmUp();
    const glossary = Glossary.load(corpusFiles(config.corpusPath).glossary);
    const detector = LanguageDetector.fromTexts(
      letter.paragraphs.map((p) => p.text).join(" "),
      Object.values(letter.translation.paragraphs)
        .flat()
        .map((pair) => pair.en)
        .join(" "),
    );
    const retriever = new Retriever(letter, index.store, embedder.embeddings, glossary);
    const answers = new LetterAnswerService({
      letter,
      retriever,
      detector,
      logger,
      composer:
        options.composer ??
        (config.llm ? new LlmComposer({ llm: config.llm, letter, logger }) : undefined),
    });
    return {
      letter,
      answers,
      embeddings: embedder.embeddings,
      manifest: index.manifest,
      close: () => embedder.close(),
    };
  } catch (error) {
    await embedder.close();
    throw error;
  }
}
