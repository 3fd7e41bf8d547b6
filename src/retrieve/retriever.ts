import type { Document } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { VectorStoreInterface } from "@langchain/core/vectorstores";
import type { ChunkMetadata } from "../chunk/chunk.js";
import type { Language, Letter } from "../letter/types.js";
import { DEFAULT_PROFILE, type Profile } from "../profile.js";
import { analyze } from "./analyzer.js";
import { CompoundSplitter } from "./compounds.js";
import type { Glossary } from "./glossary.js";
import { type LexicalHit, LexicalIndex } from "./lexical.js";

export interface RetrievalQuery {
  /** The question itself. */
  text: string;
  /** The earlier question a follow-up depends on: searched too, with less weight. */
  context?: string;
  /**
   * The follow-up names no topic of its own ("and what is it working on?"): the earlier
   * question's words are what it is about, and count as much as its own.
   */
  leansOnContext?: boolean;
  /** Footnotes the question names by number: their words are searched, and lead to their paragraph. */
  footnotes?: readonly number[];
  language: Language;
}

export interface RetrievedPassage {
  passageId: string;
  /** Fused score in [0, 1], for ordering only. */
  score: number;
  /** Best cosine similarity between the query and any chunk of the passage or its footnotes. */
  similarity: number;
  /** Best BM25 score of the passage or its footnotes in either language. */
  lexical: number;
  /** Footnotes that matched the query in their own right. */
  footnoteHits: number[];
}

export interface ScoredSentence {
  passageId: string;
  index: number;
  similarity: number;
}

export interface Retrieval {
  passages: RetrievedPassage[];
  queryVector: number[];
  /** Share of the question's content words that the letter (or its glossary) knows, in [0, 1]. */
  coverage: number;
  /** Stemmed terms of the question (with its context) and its glossary expansion, per language. */
  queryTerms: Record<Language, string[]>;
  /** The question as searched: a Dutch question's compounds split into the letter's words. */
  searchedQuestion: string;
}

/**
 * Hybrid retrieval: dense search over the Dutch original and its English rendering, and BM25 in
 * both languages with glossary expansion, fused by a weighted sum of scaled scores. Footnote hits
 * count for the paragraph that cites them.
 */
export class Retriever {
  private readonly lexical: Record<Language, LexicalIndex>;
  private readonly footnoteParagraph: Map<number, string>;
  private readonly vocabulary: Set<string>;
  private readonly compounds: CompoundSplitter;

  constructor(
    private readonly letter: Letter,
    private readonly store: VectorStoreInterface,
    private readonly embeddings: EmbeddingsInterface,
    private readonly glossary: Glossary,
    private readonly tuning: Profile["retrieval"] = DEFAULT_PROFILE.retrieval,
  ) {
    this.lexical = {
      nl: new LexicalIndex(letter, "nl", tuning),
      en: new LexicalIndex(letter, "en", tuning),
    };
    const letterText = {
      nl: [
        ...letter.paragraphs.map((p) => p.text),
        ...letter.footnotes.map((f) => f.text),
        ...letter.sections.map((s) => s.title ?? ""),
      ].join(" "),
      en: [
        ...Object.values(letter.translation.paragraphs).flatMap((pairs) => pairs.map((p) => p.en)),
        ...Object.values(letter.translation.footnotes),
        ...Object.values(letter.translation.sectionTitles),
      ].join(" "),
    };
    this.vocabulary = new Set(
      (["nl", "en"] as const).flatMap((lang) => [
        ...analyze(letterText[lang], lang),
        ...glossary.stems(lang),
      ]),
    );
    this.compounds = new CompoundSplitter(this.vocabulary);
    this.footnoteParagraph = new Map(
      letter.footnotes.flatMap((f) => (f.paragraphIds[0] ? [[f.number, f.paragraphIds[0]]] : [])),
    );
  }

  private passageOfUnit(unit: string): { passageId?: string; footnote?: number } {
    if (unit.startsWith("fn:")) {
      const footnote = Number(unit.slice(3));
      return { passageId: this.footnoteParagraph.get(footnote), footnote };
    }
    return { passageId: unit.slice(2) };
  }

  async retrieve(query: RetrievalQuery, limit = 5): Promise<Retrieval> {
    const fullText = query.context ? `${query.context} ${query.text}` : query.text;
    // The encoder gets the question as asked. The glossary's terms serve the lexical search only:
    // appended here they tripled the text to embed (and so the time of the answer) while ranking
    // no better on the dev questions.
    const embedding = this.embeddings.embedQuery(fullText);
    // Words are searched with a Dutch question's compounds split into the letter's words
    // ("homorechten" → homo rechten), so that they match and the glossary knows them.
    const split = (text: string) => (query.language === "nl" ? this.compounds.split(text) : text);
    const [text, context] = [split(query.text), query.context && split(query.context)];
    const searchText = context ? `${context} ${text}` : text;
    const leansOnContext = query.leansOnContext === true;
    const glossed = this.glossary.expand(searchText);
    const named = (query.footnotes ?? []).map((number) => ({
      nl: this.letter.footnotes.find((f) => f.number === number)?.text ?? "",
      en: this.letter.translation.footnotes[String(number)] ?? "",
    }));
    const expansion = {
      nl: [...glossed.nl, ...named.map((text) => text.nl)],
      en: [...glossed.en, ...named.map((text) => text.en)],
    };
    // The lexical search, and what else needs only words, runs on this thread while the worker embeds.
    const lexical: Record<Language, LexicalHit[]> = {
      nl: this.lexical.nl.query(text, { context, expansion: expansion.nl, leansOnContext }),
      en: this.lexical.en.query(text, { context, expansion: expansion.en, leansOnContext }),
    };
    const coverage = this.coverage(searchText, query.language);
    const queryTerms = {
      en: analyze([searchText, ...expansion.en].join(" "), "en"),
      nl: analyze([searchText, ...expansion.nl].join(" "), "nl"),
    };
    const queryVector = await embedding;

    const dense = await this.store.similaritySearchVectorWithScore(
      queryVector,
      this.tuning.denseCandidates,
      (doc: Document) => (doc.metadata as ChunkMetadata).kind !== "sentence",
    );

    const passages = new Map<string, RetrievedPassage>();
    const entry = (passageId: string) => {
      let passage = passages.get(passageId);
      if (!passage) {
        passage = { passageId, score: 0, similarity: 0, lexical: 0, footnoteHits: [] };
        passages.set(passageId, passage);
      }
      return passage;
    };
    const noteFootnote = (passage: RetrievedPassage, footnote: number | undefined) => {
      if (footnote !== undefined && !passage.footnoteHits.includes(footnote)) {
        passage.footnoteHits.push(footnote);
      }
    };

    for (const [doc, distance] of dense) {
      const metadata = doc.metadata as ChunkMetadata;
      const passage = entry(metadata.passageId);
      passage.similarity = Math.max(passage.similarity, 1 - distance);
      if (metadata.kind === "footnote" && 1 - distance >= this.tuning.footnoteMatchSimilarity) {
        noteFootnote(passage, metadata.footnoteNumber);
      }
    }
    // BM25 scores are comparable only within one language's index: scale each by its best hit.
    const lexicalShare = new Map<string, number>();
    for (const lang of ["nl", "en"] as const) {
      const best = lexical[lang][0]?.score ?? 0;
      // A footnote is short: it is matched when it leads the footnotes, not the whole letter.
      const bestFootnote = lexical[lang].find((hit) => hit.unit.startsWith("fn:"))?.score ?? 0;
      for (const hit of lexical[lang]) {
        const { passageId, footnote } = this.passageOfUnit(hit.unit);
        if (!passageId) continue;
        const passage = entry(passageId);
        passage.lexical = Math.max(passage.lexical, hit.score);
        lexicalShare.set(passageId, Math.max(lexicalShare.get(passageId) ?? 0, hit.score / best));
        if (footnote !== undefined && hit.score >= this.tuning.footnoteMatchShare * bestFootnote) {
          noteFootnote(passage, footnote);
        }
      }
    }

    // A footnote named by its number leads to the paragraph that cites it, as the best word match.
    for (const number of query.footnotes ?? []) {
      const citing = this.letter.paragraphs.find((p) => p.footnotes.includes(number));
      if (!citing) continue;
      noteFootnote(entry(citing.id), number);
      lexicalShare.set(citing.id, 1);
    }

    // Convex fusion of min-max scaled similarity and scaled BM25: unlike rank fusion, a weak,
    // flat signal (a generic question's similarities) cannot outvote a strong one.
    const similarities = [...passages.values()].map((p) => p.similarity);
    const low = Math.min(...similarities);
    const spread = Math.max(...similarities) - low || 1;
    for (const passage of passages.values()) {
      passage.score =
        this.tuning.denseWeight * ((passage.similarity - low) / spread) +
        (1 - this.tuning.denseWeight) * (lexicalShare.get(passage.passageId) ?? 0);
    }

    const ranked = [...passages.values()].sort((a, b) => b.score - a.score).slice(0, limit);
    return {
      passages: ranked,
      queryVector,
      searchedQuestion: text,
      coverage,
      queryTerms,
    };
  }

  private coverage(text: string, language: Language): number {
    const terms = analyze(text, language);
    if (terms.length === 0) return 0;
    return terms.filter((term) => this.vocabulary.has(term)).length / terms.length;
  }

  /** Similarity of the query to every sentence (in either language) of the given passages, or of all. */
  async scoreSentences(queryVector: number[], passageIds?: string[]): Promise<ScoredSentence[]> {
    const wanted = new Set(passageIds ?? this.letter.paragraphs.map((p) => p.id));
    const sentenceCount = this.letter.paragraphs
      .filter((p) => wanted.has(p.id))
      .reduce((sum, p) => sum + p.sentences.length * 2, 0);
    const hits = await this.store.similaritySearchVectorWithScore(
      queryVector,
      Math.max(sentenceCount, 1),
      (doc: Document) => {
        const metadata = doc.metadata as ChunkMetadata;
        return metadata.kind === "sentence" && wanted.has(metadata.passageId);
      },
    );
    const best = new Map<string, ScoredSentence>();
    for (const [doc, distance] of hits) {
      const metadata = doc.metadata as ChunkMetadata;
      const index = metadata.sentences?.[0] ?? 0;
      const key = `${metadata.passageId}:${index}`;
      const similarity = 1 - distance;
      const previous = best.get(key);
      if (!previous || previous.similarity < similarity) {
        best.set(key, { passageId: metadata.passageId, index, similarity });
      }
    }
    return [...best.values()];
  }
}
