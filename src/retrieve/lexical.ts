import MiniSearch from "minisearch";
import { paragraphSentences } from "../chunk/chunk.js";
import type { Language, Letter } from "../letter/types.js";
import { DEFAULT_PROFILE, type Profile } from "../profile.js";
import { analyze } from "./analyzer.js";

/** A lexical hit: a paragraph (`p:<id>`) or a footnote (`fn:<number>`). */
export interface LexicalHit {
  unit: string;
  score: number;
}

interface Unit {
  id: string;
  text: string;
}

function units(letter: Letter, lang: Language): Unit[] {
  const paragraphs = letter.paragraphs.flatMap((paragraph) => {
    const sentences = paragraphSentences(letter, paragraph, lang);
    if (!sentences) return [];
    const section = letter.sections.find((s) => s.id === paragraph.sectionId);
    const title =
      lang === "nl" ? section?.title : letter.translation.sectionTitles[paragraph.sectionId];
    return [{ id: `p:${paragraph.id}`, text: `${title ?? ""} ${sentences.join(" ")}` }];
  });
  const footnotes = letter.footnotes.flatMap((footnote) => {
    const text = lang === "nl" ? footnote.text : letter.translation.footnotes[footnote.number];
    return text ? [{ id: `fn:${footnote.number}`, text }] : [];
  });
  return [...paragraphs, ...footnotes];
}

/** BM25 over the letter's paragraphs and footnotes in one language, with that language's analyser. */
export class LexicalIndex {
  private readonly search: MiniSearch<Unit>;

  constructor(
    letter: Letter,
    private readonly lang: Language,
    private readonly tuning: Profile["retrieval"] = DEFAULT_PROFILE.retrieval,
  ) {
    this.search = new MiniSearch<Unit>({
      fields: ["text"],
      tokenize: (text) => analyze(text, lang),
      processTerm: (term) => term,
      searchOptions: { prefix: (term) => term.length >= 5, fuzzy: false, combineWith: "OR" },
    });
    this.search.addAll(units(letter, lang));
  }

  /**
   * BM25 hits for a question. Words of the earlier question it follows up on, and of its glossary
   * expansion, count for less than its own words: a concept with many synonyms, or the previous
   * topic, cannot drown what is asked now.
   */
  query(
    question: string,
    extra: { context?: string; expansion?: string[]; leansOnContext?: boolean } = {},
  ): LexicalHit[] {
    const own = new Set(analyze(question, this.lang));
    const context = new Set(analyze(extra.context ?? "", this.lang));
    const text = [extra.context ?? "", question, ...(extra.expansion ?? [])].join(" ");
    const terms = analyze(text, this.lang);
    if (terms.length === 0) return [];
    const boost = (term: string) =>
      own.has(term)
        ? 1
        : context.has(term)
          ? extra.leansOnContext
            ? 1
            : this.tuning.contextWeight
          : this.tuning.expansionWeight;
    // The terms just found are the query's: MiniSearch would otherwise analyse the text again.
    return this.search
      .search(text, { boostTerm: boost, tokenize: () => terms })
      .map((result) => ({ unit: result.id, score: result.score }));
  }
}
