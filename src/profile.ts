/**
 * Every tuned constant of answering, in one place: how retrieval weighs meaning against words,
 * how much evidence grounds an answer, when a question is outside the letter's scope, how
 * sentences are chosen. Each was calibrated on the dev authors' and the regression questions
 * (`npm run eval` prints the profile it ran with, and `--set path=value` overrides one), never on
 * the held-out authors'.
 */
export const DEFAULT_PROFILE = {
  retrieval: {
    /** Chunks fetched by meaning before fusing with words. */
    denseCandidates: 40,
    /** Weight of meaning (dense) against words (BM25) in the fused score. */
    denseWeight: 0.3,
    /** A footnote counts as matched by the question when it is this close in meaning… */
    footnoteMatchSimilarity: 0.65,
    /** …or scores this share of the best footnote's words. */
    footnoteMatchShare: 0.5,
    /** Weight of a glossary expansion's terms, relative to the question's own words (BM25). */
    expansionWeight: 0.4,
    /** Weight of the earlier question's words in a follow-up's search. */
    contextWeight: 0.25,
  },
  /**
   * Evidence needed to answer rather than refuse: words shared with the best passage (BM25), the
   * share of the question's words the letter knows, and, for English questions only, closeness in
   * meaning. The encoder is English-only: it finds every Dutch sentence about equally close to a
   * Dutch question, so that similarity says nothing about Dutch questions.
   */
  grounding: {
    lexicalWeight: 3,
    coverageWeight: 4,
    similarityWeight: 5,
    similarityFloor: 0.4,
    threshold: 10.5,
  },
  scope: {
    /** Refuse a question whose specificity lies mostly in words the letter never uses… */
    refuseShare: 0.75,
    /** …unless it also names something specific to the letter (a word in a few of its sentences). */
    specificKnown: 3,
    /** Refuse a question whose everyday content lies mostly in words the letter never uses. */
    unknownShare: 0.5,
    /** Words in more units than this share of the letter (EU, equality, rights) name no topic of their own. */
    topicSpecificity: 2,
  },
  words: {
    /** A word in at most this share of the letter's units (by specificity) names a topic of it. */
    topicWord: 2,
    /**
     * Below this informativeness a word is an everyday one (about the 1,500 most frequent words of
     * either language: both lists' ranks are on one scale).
     */
    everydayWord: 0.65,
  },
  overview: {
    /** Share of a question's specific words (by specificity) a section's title must hold to be named. */
    sectionNamedShare: 0.6,
    /** Share of a section title's own words (by weight in general language) a request must name to name it. */
    sectionTitleNamed: 0.7,
    /** Most of an overview request's everyday content that may lie in words the letter never uses. */
    subjectUnknownShare: 0.25,
    /** Share of a question's specific words the letter's subject must hold for the letter's overview. */
    letterSubjectShare: 0.5,
  },
  selection: {
    similarityWeight: 1,
    lexicalWeight: 1,
    /** The glossary expansion's share, relative to the question's own words. */
    expansionShare: 0.3,
    /** The share of the glossary's concepts the question names that a sentence names whole. */
    conceptWeight: 0.1,
    passageWeight: 0.6,
    /** Holding an answer of the kind asked for (a date for "when"). */
    kindWeight: 0.25,
    /** A sentence holding the kind next to a relevant one answers for it ("…declaration. 32 countries signed"). */
    neighbourWeight: 0.5,
    footnoteWeight: 0.2,
    /**
     * Taken off a sentence the previous answer quoted whole, when a follow-up asks for others
     * ("and besides those umbrella groups, where else did money go?"): it asks what was not said.
     */
    saidPenalty: 0.3,
    /** A follow-up's kind held by a sentence the previous answer quoted: what it points at. */
    pointedWeight: 0.15,
    /** A date on the side of the letter's year the question asks about ("When will…" → 2025). */
    tenseWeight: 0.1,
    /**
     * How many sentences away a sentence holding the kind may stand from the best match and still
     * be quoted with it; farther, it is quoted on its own.
     */
    contextReach: 2,
    /** A sentence that carries the chosen one on is quoted when this relevant, relative to it. */
    continuationFloor: 0.6,
    /** A second passage is quoted only when it is nearly as good as the first. */
    secondFloor: 0.9,
    maxSpans: 2,
    /** How many of the best passages an answer may quote from. */
    quoteFromPassages: 3,
    /** …or from this many, for a passage holding the very thing a typed question asks for. */
    reachForKind: 5,
  },
  spelling: {
    /** Words shorter than this are left alone: "eu", "nl", "coe" are too close to too much. */
    minLength: 5,
    /** One edit is allowed below this length, two from it on. */
    twoEditsFrom: 8,
  },
};

type Numbers<T> = { readonly [K in keyof T]: T[K] extends number ? number : Numbers<T[K]> };
export type Profile = Numbers<typeof DEFAULT_PROFILE>;

/** The profile with `path=value` overrides applied ("grounding.threshold=11"); unknown paths fail. */
export function tunedProfile(
  overrides: readonly string[],
  base: Profile = DEFAULT_PROFILE,
): Profile {
  const profile = structuredClone(base) as Record<string, Record<string, number>>;
  for (const override of overrides) {
    const match = /^(\w+)\.(\w+)=(-?\d+(?:\.\d+)?)$/.exec(override.trim());
    const [, group, key, value] = match ?? [];
    const section = group ? profile[group] : undefined;
    if (!section || !key || !(key in section) || value === undefined) {
      throw new Error(
        `unknown or malformed tuning override "${override}": expected section.key=number, one of ${Object.entries(
          profile,
        )
          .flatMap(([s, keys]) => Object.keys(keys).map((k) => `${s}.${k}`))
          .join(", ")}`,
      );
    }
    section[key] = Number(value);
  }
  return profile as unknown as Profile;
}
