import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { sectionTitle } from "../compose/citations.js";
import {
  composeExtractive,
  composeLetterFact,
  definedAbbreviations,
  lacksPrecision,
  precisionNote,
  sentenceCandidates,
} from "../compose/extractive.js";
import { overviewSpans, sectionSpans } from "../compose/overview.js";
import {
  type AnalysisOptions,
  analyzeQuestion,
  askedAbout,
  asksForOthers,
  escapeRegExp,
  ownNumberPattern,
  type QuestionAnalysis,
  signatoryCues,
  withoutPurpose,
} from "../compose/question.js";
import { composeNotStated, composeRefusal, namesKind } from "../compose/refusal.js";
import { quotedSentences } from "../compose/restate.js";
import {
  agreesWithAskedTime,
  chooseSentences,
  describesTheLetter,
  holdsAskedThing,
  isTyped,
  looksAhead,
  type SelectionInput,
  scoreCandidates,
  selectionTerms,
} from "../compose/select.js";
import { hasKind, spansOfKind } from "../compose/spans.js";
import type { Composer } from "../compose/types.js";
import type { Config } from "../config.js";
import { notStated } from "../decide/not-stated.js";
import { overviewTarget } from "../decide/overview.js";
import { decideScope, type ScopeDecision } from "../decide/scope.js";
import { createEmbedder } from "../embed/embedder.js";
import { type IndexManifest, loadOrBuildIndex } from "../index/vector-index.js";
import { corpusFiles, loadLetter } from "../letter/load.js";
import { letterTexts } from "../letter/texts.js";
import type { Language, Letter } from "../letter/types.js";
import {
  BEFORE_LANGUAGE,
  COURTESY,
  LANGUAGE_NAMES,
  PERSONAL_NAME,
  RESTATE_WORDS,
} from "../lexicon/concepts.js";
import { WordFrequency } from "../lexicon/frequency.js";
import { FOOTNOTE_NAMED } from "../lexicon/letter.js";
import { LETTER_PART } from "../lexicon/overview.js";
import { everywhere } from "../lexicon/phrases.js";
import { CLAIMED_NUMBER, CONFIRMATION } from "../lexicon/premise.js";
import { ABBREVIATION, ABBREVIATION_WORDS, isAbbreviation } from "../lexicon/question-kinds.js";
import { SpellingCorrector } from "../lexicon/spelling.js";
import type { Logger } from "../logger.js";
import { DEFAULT_PROFILE, type Profile } from "../profile.js";
import { analyze, clausesOf, tokenize } from "../retrieve/analyzer.js";
import { Glossary } from "../retrieve/glossary.js";
import { LanguageDetector } from "../retrieve/language.js";
import { PLACE_NAME } from "../retrieve/places.js";
import { type Retrieval, Retriever } from "../retrieve/retriever.js";
import {
  assessScope,
  type LetterVocabulary,
  letterVocabulary,
  type ScopeAssessment,
  specificity,
  usesStem,
} from "../retrieve/scope.js";
import { followUpContext, resolvePosition } from "./conversation.js";
import type { Answer, AnswerEvent, AnswerService, AskInput } from "./types.js";

/** The retrieval's evidence for a question: the profile's `grounding` explains its parts. */
export function evidenceScore(
  retrieval: Retrieval,
  language: Language,
  grounding: Profile["grounding"] = DEFAULT_PROFILE.grounding,
): number {
  const top = retrieval.passages[0];
  if (!top) return 0;
  const similarity =
    language === "en" ? Math.max(0, top.similarity - grounding.similarityFloor) : 0;
  return (
    grounding.lexicalWeight * Math.log1p(top.lexical) +
    grounding.coverageWeight * retrieval.coverage +
    grounding.similarityWeight * similarity
  );
}

/** The first year of the letter's parliamentary year ("2024–2025"): later dates are still to come. */
function letterYear(letter: Letter): number | undefined {
  const year = /\d{4}/.exec(letter.metadata.parliamentaryYear)?.[0];
  return year ? Number(year) : undefined;
}

/** Stems that, in these texts, always come before one and the same stem, at least twice. */
function boundStems(texts: readonly string[], language: Language): Map<string, string> {
  const next = new Map<string, { after: Set<string>; count: number }>();
  for (const text of texts) {
    const stems = analyze(text, language);
    stems.forEach((stem, i) => {
      const seen = next.get(stem) ?? { after: new Set<string>(), count: 0 };
      seen.after.add(stems[i + 1] ?? "");
      seen.count += 1;
      next.set(stem, seen);
    });
  }
  return new Map(
    [...next]
      .filter(([, { after, count }]) => after.size === 1 && count >= 2 && !after.has(""))
      .map(([stem, { after }]) => [stem, [...after][0] as string]),
  );
}

/** The share of words, by weight, that the asked stems name. */
function namedShare(
  words: ReadonlyArray<{ stems: readonly string[]; weight: number }>,
  asked: ReadonlySet<string>,
): number {
  const total = words.reduce((sum, word) => sum + word.weight, 0);
  const named = words
    .filter((word) => word.stems.some((stem) => asked.has(stem)))
    .reduce((sum, word) => sum + word.weight, 0);
  return total === 0 ? 0 : named / total;
}

/**
 * Stems of words that ask for a part of the letter or an overview of it rather than name its topic
 * ("the section on…", "het deel over…", "which topics does it cover?").
 */
const SECTION_WORDS: Record<Language, ReadonlySet<string>> = {
  en: new Set(
    analyze(
      "section part chapter heading paragraph summary summarise summarize overview letter cover covers discuss discusses address addresses deal deals contain contains mention mentions topics subjects themes issues",
      "en",
    ),
  ),
  nl: new Set(
    analyze(
      "deel stuk hoofdstuk kopje onderdeel paragraaf samenvatting samenvatten samen vat overzicht brief behandelt bespreekt bevat noemt onderwerpen thema's kwesties",
      "nl",
    ),
  ),
};

/** A word as spelling correction sees it, in the letter and in a question alike. */
const SPELT_WORD = /\p{L}[\p{L}'’-]*/gu;

export interface AnswerServiceParts {
  letter: Letter;
  retriever: Retriever;
  vocabulary: LetterVocabulary;
  detector: LanguageDetector;
  logger: Logger;
  /** An optional generative composer (LLM mode); extractive quotes are the default. */
  composer?: Composer;
  /** Corrects misspelt words to the letter's; without it questions are taken as typed. */
  spelling?: SpellingCorrector;
  /** The tuned constants; the default profile unless an evaluation overrides it. */
  profile?: Profile;
}

export interface Evidence {
  /** The language to answer in: the one asked for, else the question's own. */
  language: Language;
  /** The language the question is written in, which its words are understood in. */
  asked: Language;
  /** The question as understood: its misspelt words corrected to the letter's. */
  question: string;
  /** The earlier question this one follows up on, if any. */
  context?: string;
  /** The question, preceded by the earlier question it follows up on, if any. */
  queryText: string;
  retrieval: Retrieval;
  evidence: number;
  grounded: boolean;
  analysis: QuestionAnalysis;
  scope: ScopeAssessment;
  /** Whether the question is within the letter's scope. */
  decision: ScopeDecision;
}

/** Splits an answer into claim-sized deltas that, concatenated, are the answer exactly. */
export function answerDeltas(answer: string): string[] {
  // After each marker and the punctuation that closes its claim: "… [1] " and "… [1]. ".
  return answer.split(/(?<=\][.,;:!?]? )/);
}

export class LetterAnswerService implements AnswerService {
  /** What question analysis knows of this letter: its topics, signatories and own number. */
  private readonly analysisOptions: AnalysisOptions;
  /** Stems of the letter's subject: its title and the sentences that announce its topics. */
  private readonly letterSubject: Record<Language, ReadonlySet<string>>;
  /**
   * Stems the letter uses only before one other ("member" → "state"), per language: the word names
   * the letter's topic only in that term.
   */
  private readonly boundTo: Record<Language, ReadonlyMap<string, string>>;
  /** Stems of the letter's title, per language. */
  private readonly titleStems: Record<Language, ReadonlySet<string>>;
  /**
   * Stems of each headed section's title, per language, and its own words: those of no other title
   * ("Inzet" opens two), each with its weight in general language ("binnen" is in any text, "Raad"
   * in many, "Europa" names the section).
   */
  private readonly sectionTitles: Record<
    Language,
    {
      id: string;
      stems: ReadonlySet<string>;
      own: ReadonlyArray<{ stems: readonly string[]; weight: number }>;
    }[]
  >;
  /** By sentence of the letter (so bounded by it): the abbreviations the sentence defines. */
  private readonly definedAbbreviations = new Map<string, ReadonlySet<string>>();

  private readonly profile: Profile;

  constructor(private readonly parts: AnswerServiceParts) {
    const { letter } = parts;
    this.profile = parts.profile ?? DEFAULT_PROFILE;
    this.analysisOptions = {
      isTopic: this.namesContentTopic,
      signatories: signatoryCues(letter),
      ownNumber: ownNumberPattern(letter),
    };
    const announcements = sentenceCandidates(
      letter,
      () => 0,
      () => 0,
    ).filter((s) => describesTheLetter(s.text));
    const titles = {
      nl: letter.metadata.title,
      en: letter.translation.letter?.title ?? "",
    };
    const perLanguage = <T>(of: (language: Language) => T) => ({ nl: of("nl"), en: of("en") });
    this.letterSubject = perLanguage(
      (language) =>
        new Set(
          analyze(
            [titles[language], ...announcements.map((s) => s.text[language])].join(" "),
            language,
          ),
        ),
    );
    this.titleStems = perLanguage((language) => new Set(analyze(titles[language], language)));
    this.boundTo = perLanguage((language) => boundStems(letterTexts(letter, language), language));
    this.sectionTitles = perLanguage((language) => {
      const titled = letter.sections
        .filter((section) => section.title !== null)
        .map((section) => ({ id: section.id, title: sectionTitle(letter, section.id, language) }))
        .map(({ id, title }) => ({
          id,
          title,
          // A title names its subject by the abbreviations the glossary gives it too ("RvE").
          stems: new Set(
            analyze(
              [title, ...this.parts.vocabulary.expand(title)[language].filter(isAbbreviation)].join(
                " ",
              ),
              language,
            ),
          ),
        }));
      const inOneTitle = (stem: string) => titled.filter((t) => t.stems.has(stem)).length === 1;
      return titled.map(({ id, title, stems }) => ({
        id,
        stems,
        own: tokenize(title)
          .map((word) => ({
            stems: analyze(word, language).filter(inOneTitle),
            weight: this.parts.vocabulary.everyday?.informativeness(word, language) ?? 1,
          }))
          .filter((word) => word.stems.length > 0),
      }));
    });
  }

  async ask(input: AskInput, options: { signal?: AbortSignal } = {}): Promise<Answer> {
    let answer: Answer | undefined;
    for await (const event of this.stream(input, options)) {
      if (event.type === "done") answer = event.answer;
    }
    if (!answer) throw new Error("The answer stream ended without an answer.");
    return answer;
  }

  /**
   * The question with each word that is neither the letter's nor an everyday word replaced by the
   * letter's word it misspells ("sanctoins" → "sanctions"); a word of everyday language stays.
   */
  private corrected(question: string, language: Language): string {
    const { spelling, vocabulary } = this.parts;
    if (!spelling) return question;
    return question.replace(SPELT_WORD, (word) => {
      const lower = word.toLowerCase();
      if (vocabulary.everyday?.rank(lower, language) !== undefined) return word;
      return spelling.correct(lower, language) ?? word;
    });
  }

  /** The evidence for a question: its language, the text searched with and the ranked passages. */
  async retrieve(input: AskInput): Promise<Evidence> {
    const { asked, language } = this.languagesOf(input);
    const history = input.history ?? [];
    const question = resolvePosition(this.corrected(input.question, asked), history, asked);
    const context = followUpContext(question, history, asked);
    const queryText = context ? `${context} ${question}` : question;
    const isTopicWord = this.isTopicWordIn(asked);
    const about = askedAbout(question, asked, isTopicWord);
    const leansOnContext = context !== undefined && !tokenize(about).some(isTopicWord);
    const footnotes = this.footnotesNamed(question);
    // The question is analysed on this thread while the embedding worker embeds it.
    const [retrieval, { analysis, scope }] = await Promise.all([
      this.parts.retriever.retrieve({
        // A premise's numbers are the claim to check ("…loopt van 2020 tot 2025, klopt dat?"),
        // often wrong: its words find the passage that corrects it.
        text: CONFIRMATION[asked].test(question) ? question.replace(CLAIMED_NUMBER, " ") : question,
        context,
        leansOnContext,
        ...(footnotes.length > 0 ? { footnotes } : {}),
        language: asked,
      }),
      Promise.resolve().then(() => ({
        analysis: analyzeQuestion(question, asked, {
          ...this.analysisOptions,
          followUp: context !== undefined,
          letterInContext: context !== undefined && this.asksAboutLetter(context, asked),
        }),
        // A follow-up is within the letter's scope as the conversation is: "Waar werkt het aan?"
        // names no topic of its own.
        scope: assessScope(
          context ? `${context} ${about}` : about,
          asked,
          this.parts.vocabulary,
          this.profile.scope,
        ),
      })),
    ]);
    const evidence = evidenceScore(retrieval, asked, this.profile.grounding);
    // A footnote the question names is evidence enough: the letter has it, whatever its words.
    const grounded = evidence >= this.profile.grounding.threshold || footnotes.length > 0;
    return {
      language,
      asked,
      question,
      context,
      queryText,
      retrieval,
      evidence,
      grounded,
      analysis,
      scope,
      decision: decideScope(grounded, scope, this.profile.scope, {
        ...analysis,
        namesFootnote: footnotes.length > 0,
      }),
    };
  }

  /** The language a question is written in, and the one to answer in: the one asked for, else its own. */
  private languagesOf(input: AskInput): { asked: Language; language: Language } {
    const asked = this.parts.detector.detect(input.question);
    return { asked, language: input.lang && input.lang !== "auto" ? input.lang : asked };
  }

  /** The letter's footnotes a question names by number ("wat staat er in voetnoot 4?"). */
  private footnotesNamed(question: string): number[] {
    const numbers = [...question.matchAll(FOOTNOTE_NAMED)].map((match) => Number(match[1]));
    return numbers.filter((n) => this.parts.letter.footnotes.some((f) => f.number === n));
  }

  private idf = (stem: string, language: Language) =>
    specificity(this.parts.vocabulary, stem, language);

  /** A word (or stem) among the most frequent of everyday language, which names no topic of its own. */
  private isEveryday = (word: string, language: Language) =>
    (this.parts.vocabulary.everyday?.informativeness(word, language) ?? 1) <
    this.profile.words.everydayWord;

  /**
   * A stem that names one of the letter's topics: one it uses in a few of its units only and that
   * is no everyday word ("asked", "official" frame a question in any letter), or one the glossary
   * maps to the letter's words.
   */
  private isTopic = (stem: string, language: Language) => {
    const { vocabulary } = this.parts;
    // Two letters are a prefix cut off by a hyphen ("co-signed"), not a topic.
    if (stem.length < 3) return false;
    if (this.isEveryday(stem, language)) return false;
    const used = (["nl", "en"] as const).filter((l) => usesStem(vocabulary, stem, [l]));
    return used.length === 0
      ? vocabulary.glossary[language].has(stem)
      : used.some((l) => this.idf(stem, l) >= this.profile.words.topicWord);
  };

  private isTopicWordIn = (language: Language) => (word: string) =>
    this.isTopicWord(word, language);

  /**
   * A word that names one of the letter's topics: no everyday word itself, whatever its stem ("een
   * paar bullets" is a few, though "paar" stems as "paren", couples), with a stem that does.
   */
  private isTopicWord = (word: string, language: Language) =>
    !this.isEveryday(word, language) &&
    analyze(word, language).some((stem) => this.isTopic(stem, language));

  /**
   * A stem that makes a question about the letter's content rather than about the letter itself: a
   * topic of the letter, but not one its title names ("onder welk nummer is deze brief over
   * gendergelijkheid verschenen?" asks for the letter's number).
   */
  private namesContentTopic = (stem: string, language: Language, next?: string) =>
    this.isTopic(stem, language) &&
    !this.titleStems[language].has(stem) &&
    // "member" is the letter's only in "member states": "members of the cabinet" are others.
    (this.boundTo[language].get(stem) ?? next) === next;

  /**
   * Whether an earlier question asked about the letter itself (one of its facts, or what the whole
   * letter holds): a follow-up's "it" is then the letter.
   */
  private asksAboutLetter(question: string, language: Language): boolean {
    const earlier = analyzeQuestion(question, language, this.analysisOptions);
    return (
      earlier.kind === "meta" || (earlier.kind === "overview" && earlier.overview === "letter")
    );
  }

  /** A word of a request that names a topic the letter treats specifically, in a few of its units. */
  private namesSpecificTopic = (word: string, language: Language) =>
    this.isTopicWord(word, language) &&
    analyze(word, language).some(
      (stem) => this.idf(stem, language) >= this.profile.scope.specificKnown,
    );

  /** The specific words a question asks about that the letter uses, besides words that ask for a part of it. */
  private askedStems(question: string, language: Language): Set<string> {
    // What the request is wanted for ("voor een kader") is not what it asks about.
    return new Set(
      analyze(withoutPurpose(question, language), language).filter(
        (stem) =>
          this.idf(stem, language) > 0.5 &&
          !SECTION_WORDS[language].has(stem) &&
          usesStem(this.parts.vocabulary, stem, [language]),
      ),
    );
  }

  /** The share of the asked words a title holds, each weighed by its specificity. */
  private titleCoverage(asked: Set<string>, held: ReadonlySet<string>, language: Language): number {
    let total = 0;
    let covered = 0;
    for (const stem of asked) {
      total += this.idf(stem, language);
      if (held.has(stem)) covered += this.idf(stem, language);
    }
    return total === 0 ? 0 : covered / total;
  }

  /**
   * The section a question names ("what does the letter say about the Council of Europe?",
   * "summarise the part on European cooperation"), if any: the section whose title holds most of
   * the specific words it asks about ("protecting fundamental rights in the EU" names "Efforts to
   * protect fundamental rights").
   */
  private namedSection(question: string, language: Language): string | undefined {
    const asked = this.askedStems(question, language);
    if (asked.size === 0) return undefined;
    // A request for a part of the letter may name it by its title and go on to list what it
    // expects there ("the part on protecting fundamental rights (Bulgaria, the Court, funding…)"):
    // most of a title, named, names its section however many other words follow. Without a part
    // asked for, the title's words may only set the scene ("the Council of Europe's recommendation
    // on intersex persons").
    const { sectionNamedShare, sectionTitleNamed } = this.profile.overview;
    const asksForPart = LETTER_PART[language].test(question);
    const ranked = this.sectionTitles[language]
      .map((section) => ({
        id: section.id,
        coverage: Math.max(
          this.titleCoverage(asked, section.stems, language),
          asksForPart && namedShare(section.own, asked) >= sectionTitleNamed ? 1 : 0,
        ),
      }))
      .sort((a, b) => b.coverage - a.coverage);
    const best = ranked[0];
    return best && best.coverage >= sectionNamedShare ? best.id : undefined;
  }

  /**
   * How much of what a question asks about is the letter's own subject, as its title and its own
   * announcement of its topics state it ("what did the government do on gender equality and
   * LGBTIQ+ rights in the EU?" is all of it; "which topics does ADI SOGIESC work on?" none);
   * undefined when it asks about nothing specific ("summarise the letter").
   */
  private subjectOf(question: string, language: Language): { subjectCoverage?: number } {
    const asked = this.askedStems(question, language);
    return asked.size === 0
      ? {}
      : { subjectCoverage: this.titleCoverage(asked, this.letterSubject[language], language) };
  }

  /**
   * The extractive answer: the letter's own facts from its heading or signatures, an overview of
   * the letter or of one section, or the sentences that answer the question.
   */
  async composeAnswer(input: AskInput, found: Evidence): Promise<Answer | undefined> {
    const { letter, retriever } = this.parts;
    const { language, asked, analysis, retrieval } = found;
    if (analysis.kind === "meta" && analysis.fact) {
      const fact = composeLetterFact(letter, analysis.fact, language);
      return fact && { ...fact, outcome: "letter_fact" };
    }
    const scores = new Map(retrieval.passages.map((p) => [p.passageId, p.score]));
    // The answer quotes the best passages only: retrieval ranks passages better than one sentence
    // can. Only an overview draws on the whole letter, so only it needs every sentence scored.
    const quotable = retrieval.passages
      .slice(0, this.profile.selection.quoteFromPassages)
      .map((p) => p.passageId);
    // A typed question ("how many member states…?") may be answered a little further down the
    // ranking, by a passage holding the very thing it asks for; only it needs those scored.
    const reachable = retrieval.passages
      .slice(0, isTyped(analysis.kind) ? this.profile.selection.reachForKind : quotable.length)
      .map((p) => p.passageId);
    const scored = await retriever.scoreSentences(
      retrieval.queryVector,
      analysis.kind === "overview" ? undefined : reachable,
    );
    const similarities = new Map(scored.map((s) => [`${s.passageId}:${s.index}`, s.similarity]));
    const all = sentenceCandidates(
      letter,
      (passageId, index) => similarities.get(`${passageId}:${index}`) ?? 0,
      (passageId) => scores.get(passageId) ?? 0,
    );
    const nearest = all.filter((c) => quotable.includes(c.passageId));
    const common = {
      language,
      question: retrieval.searchedQuestion,
      kind: analysis.kind,
      ...(analysis.counted ? { counted: analysis.counted } : {}),
    };
    if (analysis.kind === "overview") {
      const focus = analysis.focus ?? input.question;
      // The clause that asks may name the section ("summarise the part on X, especially Y"), or
      // the message may around it ("What did NL do in the Council of Europe? An overview of that part").
      const sectionId = this.namedSection(focus, asked) ?? this.namedSection(input.question, asked);
      const bySection = letter.sections.map((section) => ({
        sectionId: section.id,
        sentences: all.filter((c) => section.paragraphIds.includes(c.passageId)),
      }));
      // Asked for the letter's main points in general, or on its own subject, the overview is the
      // letter's; asked for the topics of something in it, the answer is about that thing. A
      // subject is the letter's only when the question is within its scope: "LGBTIQ+ rights in
      // sports" names the letter's subject and a field it never speaks of. (Its words, not the
      // evidence of one passage, decide: an overview asks for no one passage.)
      const target = overviewTarget(
        {
          asks: analysis.overview ?? "letter",
          ...(sectionId !== undefined ? { namedSection: sectionId } : {}),
          ...this.subjectOf(focus, asked),
          // Asked with no focus of its own, the focus is the question retrieval already assessed.
          focus:
            focus === found.queryText
              ? found.scope
              : assessScope(focus, asked, this.parts.vocabulary, this.profile.scope),
          // The letter's own subject ("this year's gender equality / SRHR letter") describes the
          // letter, not a topic in it.
          focusNamesTopic: tokenize(focus).some(
            (word) =>
              this.namesSpecificTopic(word, asked) &&
              !analyze(word, asked).every((stem) => this.titleStems[asked].has(stem)),
          ),
          questionRefused: found.decision === "refuse",
        },
        this.profile,
      );
      if (target?.of === "letter") {
        return {
          ...composeExtractive(letter, {
            ...common,
            spans: overviewSpans({ sections: bySection, idf: this.idf }),
            expandFootnotes: new Set(),
            framing: { type: "overview" },
          }),
          outcome: "overview",
        };
      }
      const section = bySection.find((s) => s.sectionId === target?.sectionId);
      if (target?.of === "section" && section) {
        return {
          ...composeExtractive(letter, {
            ...common,
            spans: sectionSpans(section.sentences, { sections: bySection, idf: this.idf }),
            expandFootnotes: new Set(),
            framing: { type: "section", title: sectionTitle(letter, target.sectionId, language) },
          }),
          outcome: "overview",
        };
      }
    }
    // "What does SRGR stand for?" asks for a term the letter spells out: in scope however it is
    // framed ("a short question for the readability of our note…").
    const defining =
      analysis.kind === "expansion" ? this.definingSentence(input.question, asked) : undefined;
    if (found.decision === "refuse" && !defining) return undefined;
    const footnoteHits = retrieval.passages.flatMap((p) => p.footnoteHits);
    const selection: SelectionInput = {
      kind: analysis.kind,
      also: analysis.also,
      tense: analysis.tense,
      counted: analysis.counted,
      more: analysis.more,
      letterYear: letterYear(letter),
      language: asked,
      questionTerms: selectionTerms(retrieval.searchedQuestion, asked),
      contextTerms: found.context ? selectionTerms(found.context, asked) : [],
      queryTerms: retrieval.queryTerms,
      idf: this.idf,
      footnoteHits,
      concepts: this.parts.vocabulary.concepts(retrieval.searchedQuestion),
      ...(found.context === undefined
        ? {}
        : asksForOthers(input.question, asked)
          ? { said: this.saidBefore(input) }
          : { quotedBefore: this.saidBefore(input, { inPart: true }) }),
      candidates: nearest,
      weights: this.profile.selection,
    };
    if (!nearest.some((c) => holdsAskedThing(c, selection))) {
      const holding = new Set(
        all
          .filter(
            (c) =>
              reachable.includes(c.passageId) &&
              !quotable.includes(c.passageId) &&
              holdsAskedThing(c, selection),
          )
          .map((c) => c.passageId),
      );
      selection.candidates = [...nearest, ...all.filter((c) => holding.has(c.passageId))];
    }
    const { candidates } = selection;
    const weighed = scoreCandidates(selection);
    const spans = defining
      ? [{ ...defining, first: defining.index, last: defining.index, lead: defining.index }]
      : chooseSentences(selection, this.profile.selection.maxSpans, weighed);
    const lead = spans[0];
    if (!lead) return undefined;
    const leadScored = weighed.find((c) => c.passageId === lead.passageId && c.index === lead.lead);
    const typed = isTyped(analysis.kind);
    const quoted = candidates.filter((c) =>
      spans.some((s) => s.passageId === c.passageId && c.index >= s.first && c.index <= s.last),
    );
    // A footnote's text joins the answer when the question matched it, or when it holds the
    // thing asked for ("which directive?" → "Richtlijn – EU – 2024/1069"), in the original or in
    // its rendering: the letter's footnotes list organisations by their English names.
    const holdsAsked = (n: number) =>
      spansOfKind(letter.footnotes.find((f) => f.number === n)?.text ?? "", analysis.kind, "nl")
        .length > 0 ||
      spansOfKind(letter.translation.footnotes[String(n)] ?? "", analysis.kind, "en").length > 0;
    const expandFootnotes = new Set([
      ...quoted.flatMap((c) =>
        c.footnotes.filter((n) => footnoteHits.includes(n) || (typed && holdsAsked(n))),
      ),
      ...(defining?.footnote ? [defining.footnote] : []),
    ]);
    // Who did something may be a state ("Nederland organiseerde…"), which is no name the letter lacks.
    const stateActs = analysis.kind === "person" && PLACE_NAME.test(leadScored?.text.nl ?? "");
    const precision =
      analysis.kind === "date" && leadScored && lacksPrecision(input.question, leadScored, asked);
    const composed = composeExtractive(letter, {
      ...common,
      spans,
      expandFootnotes,
      ...(precision ? { gap: precisionNote(language) } : {}),
      ...(input.history?.length && asksForOthers(input.question, asked)
        ? { alreadySaid: input.history.map((turn) => turn.content).join(" ") }
        : {}),
    });
    const lacking = notStated({
      typed,
      namedKind: namesKind(analysis.kind),
      leadHoldsKind: leadScored?.answersKind === true,
      // A footnote that holds the thing asked is shown with the sentence, and answers with it
      // ("welke strategieën?" → the titles in footnote 4).
      quotedHoldKind: quoted.some(
        (c) =>
          (hasKind(c.text.nl, analysis.kind, "nl") ||
            hasKind(c.text.en, analysis.kind, "en") ||
            c.footnotes.some(holdsAsked)) &&
          agreesWithAskedTime(c, selection),
      ),
      stateActs,
      personalName: analysis.personalName === true,
      quotedNamesPerson: quoted.some((c) => PERSONAL_NAME.test(c.text.nl)),
      asksAhead: analysis.ahead === true,
      quotedLookAhead: quoted.some((c) => looksAhead(c, selection.letterYear)),
    });
    if (lacking) {
      return composeNotStated(letter, language, {
        missing: lacking === "outlook" ? "outlook" : analysis.kind,
        related: composed.citations,
      });
    }
    return { ...composed, outcome: "answer" };
  }

  /**
   * Where the letter spells out the abbreviation a question asks about: the sentence that defines
   * it ("… rechten (SRGR)"), else the sentence citing the footnote that does ("Lhbtiq+ is een
   * afkorting voor…", "… (IGLYO)"), else the first sentence using it. The abbreviation is the
   * question's most specific word the letter uses.
   */
  private definingSentence(
    question: string,
    language: Language,
  ): { passageId: string; index: number; footnote?: number } | undefined {
    const { letter } = this.parts;
    // Written with capitals, a word is the abbreviation asked about ("Wat is de afkorting IGLYO?",
    // "wat is de RvE?").
    const capitalised = new Set(
      (question.match(everywhere(ABBREVIATION_WORDS)) ?? []).map((w) => w.toLowerCase()),
    );
    const terms = tokenize(question)
      .filter(
        (word) =>
          // "afkorting", "abbreviation": the words that ask, not the abbreviation asked about.
          !ABBREVIATION[language].test(word) && !this.isEveryday(word, language),
      )
      .map((word) => ({ word, idf: this.wordIdf(word), capitals: capitalised.has(word) }))
      .filter(({ idf }) => idf > 0)
      .sort((a, b) => Number(b.capitals) - Number(a.capitals) || b.idf - a.idf)
      .map(({ word }) => word);
    const sentences = letter.paragraphs.flatMap((p) =>
      p.sentences.map((sentence, index) => ({
        passageId: p.id,
        index,
        texts: [sentence.text, letter.translation.paragraphs[p.id]?.[index]?.en ?? ""],
        footnotes: sentence.footnoteRefs.map((r) => r.number),
      })),
    );
    const footnoteText = (n: number) => ({
      nl: letter.footnotes.find((f) => f.number === n)?.text ?? "",
      en: letter.translation.footnotes[String(n)] ?? "",
    });
    const citing = (holds: (n: number) => boolean) => {
      for (const s of sentences) {
        const footnote = s.footnotes.find(holds);
        if (footnote !== undefined) return { ...s, footnote };
      }
      return undefined;
    };
    const naming = (term: string) =>
      new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(term)}(?![\\p{L}])`, "iu");
    // The abbreviation asked about is the question's word the letter spells out, in a sentence
    // ("… rechten (SRGR)") or in a footnote that says what it is short for ("Lhbtiq+ is een
    // afkorting voor…"): "wat betekent lhbtiq+? waar staan de letters voor" asks about lhbtiq+.
    for (const term of terms) {
      const named = naming(term);
      // Written in brackets after a name, an abbreviation is introduced there, whether or not its
      // letters are the name's initials ("… en geslachtskenmerken opgericht (ADI SOGIESC)").
      const bracketed = new RegExp(
        `\\([^()]*(?<![\\p{L}\\p{N}])${escapeRegExp(term)}(?![\\p{L}])[^()]*\\)`,
        "iu",
      );
      const defined = sentences.find((s) =>
        s.texts.some(
          (text) =>
            this.abbreviationsDefinedIn(text).has(term) ||
            (capitalised.has(term) && bracketed.test(text)),
        ),
      );
      const spelledOut =
        defined ??
        citing((n) =>
          (["nl", "en"] as const).some(
            (l) => named.test(footnoteText(n)[l]) && ABBREVIATION[l].test(footnoteText(n)[l]),
          ),
        );
      if (spelledOut) return spelledOut;
    }
    // Else the sentence citing a footnote that uses the most specific word, or using it itself.
    const [term] = terms;
    if (!term) return undefined;
    const named = naming(term);
    return (
      citing((n) => named.test(footnoteText(n).nl)) ??
      sentences.find((s) => s.texts.some((text) => named.test(text)))
    );
  }

  /** The abbreviations a sentence of the letter defines, in lower case: found once per sentence. */
  private abbreviationsDefinedIn(text: string): ReadonlySet<string> {
    let defined = this.definedAbbreviations.get(text);
    if (!defined) {
      defined = new Set([...definedAbbreviations(text).keys()].map((a) => a.toLowerCase()));
      this.definedAbbreviations.set(text, defined);
    }
    return defined;
  }

  /** The specificity of a word as the letter uses it, in whichever language it does. */
  private wordIdf(word: string): number {
    return Math.max(
      ...(["nl", "en"] as const).map((l) => {
        const stem = analyze(word, l)[0];
        return stem && usesStem(this.parts.vocabulary, stem, [l]) ? this.idf(stem, l) : 0;
      }),
    );
  }

  /** The sentences the previous answer quoted whole ("passageId:index"), or with `inPart` in part too. */
  private saidBefore(input: AskInput, { inPart = false } = {}): ReadonlySet<string> {
    const reply = input.history?.findLast((turn) => turn.role === "assistant");
    if (!reply) return new Set();
    const { spans } = quotedSentences(this.parts.letter, reply.content, { inPart });
    return new Set(
      spans.flatMap(({ passageId, first, last }) =>
        Array.from({ length: last - first + 1 }, (_, i) => `${passageId}:${first + i}`),
      ),
    );
  }

  /**
   * The sentences an earlier answer quoted, in the language now asked for, opening with what its
   * question asked for; undefined when that answer quoted none (a refusal), to be asked again.
   */
  private restated(reply: string, again: AskInput): Answer | undefined {
    const { letter } = this.parts;
    const { spans, footnotes } = quotedSentences(letter, reply);
    if (spans.length === 0) return undefined;
    const { asked, language } = this.languagesOf(again);
    const { kind } = analyzeQuestion(again.question, asked, this.analysisOptions);
    return {
      ...composeExtractive(letter, {
        language,
        spans,
        kind,
        question: again.question,
        expandFootnotes: footnotes,
      }),
      outcome: "language_switch",
    };
  }

  /**
   * A request for the previous answer in another language ("and in Dutch?", "kan dat in het
   * Engels?"): the earlier question, to ask again in that language, and the answer given to it,
   * whose quotes are what "that" means. Undefined for any other question, and for one that names a
   * language and also asks about something the letter holds.
   */
  private languageSwitch(input: AskInput): { again: AskInput; reply?: string } | undefined {
    const history = input.history ?? [];
    const lastQuestion = history.findLastIndex((turn) => turn.role === "user");
    const previous = history[lastQuestion];
    if (!previous) return undefined;
    const isLanguageName = (word: string) =>
      (["en", "nl"] as const).flatMap((target) =>
        (["en", "nl"] as const).some((asked) => LANGUAGE_NAMES[asked][target].includes(word))
          ? [target]
          : [],
      );
    // The clause that names a language asks; another says why ("I need it for a note to a
    // colleague who doesn't read Dutch", "…pls, it's for a memo to Brussels").
    const asking = clausesOf(input.question).find((clause) =>
      tokenize(clause).some((word) => isLanguageName(word).length > 0),
    );
    if (!asking) return undefined;
    const words = tokenize(asking);
    const either = (table: Record<Language, readonly string[]>, word = "") =>
      table.en.includes(word) || table.nl.includes(word);
    // A language's name before a noun names a country's people or things ("what is the Dutch
    // govt doing about it?"), not a language: one asked for follows "in", or stands last, or
    // before a word that asks for a version or courtesy ("Dutch version", "English pls").
    const asLanguage = (index: number) =>
      BEFORE_LANGUAGE.includes(words[index - 1] ?? "") ||
      index === words.length - 1 ||
      either(RESTATE_WORDS, words[index + 1]) ||
      either(COURTESY, words[index + 1]);
    const named = words.flatMap((word, index) =>
      asLanguage(index) ? isLanguageName(word).map((target) => ({ target, index })) : [],
    );
    // "can you say that in English? my flatmate doesn't speak Dutch": the language after "in".
    const target = (
      named.find(({ index }) => BEFORE_LANGUAGE.includes(words[index - 1] ?? "")) ?? named[0]
    )?.target;
    const topical = words.filter(
      (word, index) => !named.some((n) => n.index === index) && !either(RESTATE_WORDS, word),
    );
    // A word of either language may ask: "kunt" is an everyday Dutch word, though no English one.
    const everyday = (word: string) =>
      (["en", "nl"] as const).some((l) => this.isEveryday(word, l));
    const aboutTheLetter = (["en", "nl"] as const).some((l) =>
      topical.some((word) => !everyday(word) && this.isTopicWord(word, l)),
    );
    if (!target || aboutTheLetter) return undefined;
    const reply = history.slice(lastQuestion + 1).find((turn) => turn.role === "assistant");
    return {
      again: { question: previous.content, history: history.slice(0, lastQuestion), lang: target },
      ...(reply ? { reply: reply.content } : {}),
    };
  }

  async *stream(
    input: AskInput,
    options: { signal?: AbortSignal } = {},
  ): AsyncGenerator<AnswerEvent> {
    const switched = this.languageSwitch(input);
    if (switched) {
      const { again, reply } = switched;
      const restated = reply ? this.restated(reply, again) : undefined;
      if (restated) {
        yield { type: "citations", citations: restated.citations };
        for (const text of answerDeltas(restated.answer)) yield { type: "delta", text };
        yield { type: "done", answer: restated };
        return;
      }
      for await (const event of this.stream(again, options)) {
        yield event.type === "done" && event.answer.grounded
          ? { type: "done", answer: { ...event.answer, outcome: "language_switch" } }
          : event;
      }
      return;
    }
    const { letter, composer } = this.parts;
    const found = await this.retrieve(input);
    const { language, retrieval } = found;
    const extractive = await this.composeAnswer({ ...input, question: found.question }, found);

    if (!extractive?.grounded) {
      const refusal = extractive ?? composeRefusal(letter, language);
      yield { type: "citations", citations: [] };
      for (const text of answerDeltas(refusal.answer)) yield { type: "delta", text };
      yield { type: "done", answer: refusal };
      return;
    }

    // The letter's own facts and overviews are quotes by design; a model would only reword them.
    if (!composer || found.analysis.kind === "meta" || found.analysis.kind === "overview") {
      yield { type: "citations", citations: extractive.citations };
      for (const text of answerDeltas(extractive.answer)) yield { type: "delta", text };
      yield { type: "done", answer: extractive };
      return;
    }

    // The evidence first. The model's words are checked only once it has finished, and the check
    // may drop markers or fall back to the extractive answer, so the deltas are the final answer's:
    // concatenated, they are the answer exactly, whichever path produced it.
    const candidates = extractive.citations;
    const composed = composer.compose(
      { question: input.question, language, retrieval, extractive, candidates },
      { signal: options.signal },
    );
    // The reader may stop before the composer settles (a client that left): its outcome has no one to go to.
    composed.catch(() => undefined);
    yield { type: "citations", citations: candidates };
    const answer = await composed;
    for (const text of answerDeltas(answer.answer)) yield { type: "delta", text };
    yield { type: "done", answer };
  }
}

export interface AnswerRuntime {
  letter: Letter;
  answers: LetterAnswerService;
  /** Retrieval alone, for channels that search passages without composing an answer (MCP). */
  retriever: Retriever;
  detector: LanguageDetector;
  /** The embedder the index was built with (for tools that embed more text, such as the eval baseline). */
  embeddings: EmbeddingsInterface;
  manifest: IndexManifest;
  close(): Promise<void>;
}

/** Loads the letter once and logs what its parser coped with: the one source of truth on start. */
export function loadLetterLogged(config: Config, logger: Logger): Letter {
  const letter = loadLetter(config.corpusPath);
  for (const warning of letter.warnings) logger.warn({ warning }, "letter parsed with a warning");
  return letter;
}

/** The OpenAI client is loaded only in LLM mode: tens of megabytes resident that extractive answers never use. */
async function llmComposer(llm: NonNullable<Config["llm"]>, letter: Letter, logger: Logger) {
  const { LlmComposer } = await import("../compose/llm.js");
  return new LlmComposer({ llm, letter, logger });
}

/**
 * The composition root of answering: the embedder and the index (built when missing or stale)
 * over the letter, loaded here unless the caller already has it.
 */
export async function createAnswerService(options: {
  config: Config;
  logger: Logger;
  letter?: Letter;
  composer?: Composer;
  profile?: Profile;
}): Promise<AnswerRuntime> {
  const { config, logger, profile = DEFAULT_PROFILE } = options;
  const letter = options.letter ?? loadLetterLogged(config, logger);
  const embedder = await createEmbedder(config.embeddings);
  try {
    const index = await loadOrBuildIndex(letter, embedder, {
      indexDir: config.indexDir,
      corpusPath: config.corpusPath,
      logger,
    });
    await embedder.warmUp();
    const glossary = Glossary.load(corpusFiles(config.corpusPath).glossary);
    const everyday = WordFrequency.load();
    const detector = LanguageDetector.forLetter(letter, everyday);
    const retriever = new Retriever(
      letter,
      index.store,
      embedder.embeddings,
      glossary,
      profile.retrieval,
    );
    const wordsOf = (texts: string[]) =>
      texts.flatMap((text) => text.toLowerCase().match(SPELT_WORD) ?? []);
    const spelling = new SpellingCorrector(
      {
        nl: wordsOf([
          ...letter.paragraphs.map((p) => p.text),
          ...letter.footnotes.map((f) => f.text),
          ...glossary.terms("nl"),
        ]),
        en: wordsOf([
          ...Object.values(letter.translation.paragraphs).flatMap((pairs) =>
            pairs.map((p) => p.en),
          ),
          ...Object.values(letter.translation.footnotes),
          ...glossary.terms("en"),
        ]),
      },
      profile.spelling,
    );
    const answers = new LetterAnswerService({
      letter,
      retriever,
      vocabulary: letterVocabulary(
        letter,
        { nl: glossary.stems("nl"), en: glossary.stems("en") },
        (text) => glossary.expand(text),
        everyday,
        (text) => glossary.concepts(text),
      ),
      detector,
      logger,
      spelling,
      profile,
      composer:
        options.composer ??
        (config.llm ? await llmComposer(config.llm, letter, logger) : undefined),
    });
    return {
      letter,
      answers,
      retriever,
      detector,
      embeddings: embedder.embeddings,
      manifest: index.manifest,
      close: () => embedder.close(),
    };
  } catch (error) {
    await embedder.close();
    throw error;
  }
}
