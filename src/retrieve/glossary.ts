import { readFileSync } from "node:fs";
import { z } from "zod";
import type { Language } from "../letter/types.js";
import { analyze } from "./analyzer.js";

const glossarySchema = z.array(
  z.object({ en: z.array(z.string().min(1)).min(1), nl: z.array(z.string().min(1)).min(1) }),
);

export type GlossaryEntry = z.infer<typeof glossarySchema>[number];

interface CompiledTerm {
  lang: Language;
  stems: string[];
  entry: GlossaryEntry;
}

/**
 * English↔Dutch terms of the letter's domain. A question that names a concept in either language
 * is expanded with every listed term for it, in both languages, so English questions reach Dutch
 * passages and everyday words reach the letter's official ones.
 */
export class Glossary {
  private readonly compiled: CompiledTerm[];
  /** Each concept as its terms' stems, analysed once with the terms. */
  private readonly conceptStems = new Map<GlossaryEntry, Record<Language, string[][]>>();

  constructor(private readonly entries: GlossaryEntry[]) {
    this.compiled = entries.flatMap((entry) =>
      (["en", "nl"] as const).flatMap((lang) =>
        entry[lang]
          .map((term) => ({ lang, stems: analyze(term, lang), entry }))
          .filter((compiled) => compiled.stems.length > 0),
      ),
    );
    for (const { entry, lang, stems } of this.compiled) {
      const concept = this.conceptStems.get(entry) ?? { en: [], nl: [] };
      concept[lang].push(stems);
      this.conceptStems.set(entry, concept);
    }
  }

  static load(path: string): Glossary {
    return new Glossary(glossarySchema.parse(JSON.parse(readFileSync(path, "utf8"))));
  }

  /** Every term of the glossary in one language, as written. */
  terms(lang: Language): string[] {
    return [...new Set(this.entries.flatMap((entry) => entry[lang]))];
  }

  /** Every stem of the glossary's terms in one language. */
  stems(lang: Language): Set<string> {
    return new Set(this.compiled.filter((t) => t.lang === lang).flatMap((t) => t.stems));
  }

  /** All terms, in both languages, of the concepts the text mentions. */
  expand(text: string): { en: string[]; nl: string[] } {
    const matched = this.matched(text);
    return {
      en: [...matched].flatMap((entry) => entry.en),
      nl: [...matched].flatMap((entry) => entry.nl),
    };
  }

  /** The concepts the text mentions, each as its terms' stems in both languages. */
  concepts(text: string): ConceptStems[] {
    return [...this.matched(text)].flatMap((entry) => this.conceptStems.get(entry) ?? []);
  }

  private matched(text: string): Set<GlossaryEntry> {
    const stems = {
      en: new Set(analyze(text, "en")),
      nl: new Set(analyze(text, "nl")),
    };
    const matched = new Set<GlossaryEntry>();
    // A plain loop: a callback per term (930 of them, for every question) was a tenth of the
    // garbage the main thread made per answer.
    terms: for (const term of this.compiled) {
      for (const stem of term.stems) if (!stems[term.lang].has(stem)) continue terms;
      matched.add(term.entry);
    }
    return matched;
  }
}

/** A concept of the glossary as the stems of each of its terms, per language. */
export type ConceptStems = Record<Language, readonly (readonly string[])[]>;

/** Whether a text's stems name the concept: all the stems of one of its terms, in either language. */
export function namesConcept(
  concept: ConceptStems,
  stems: Record<Language, ReadonlySet<string>>,
): boolean {
  return (["nl", "en"] as const).some((lang) =>
    concept[lang].some((term) => term.every((stem) => stems[lang].has(stem))),
  );
}
