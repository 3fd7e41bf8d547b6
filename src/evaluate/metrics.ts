/** Per-question outcome that both pipelines report, so one scorer serves both. */
export interface QuestionOutcome {
  lang: "en" | "nl";
  offTopic: boolean;
  /** Rank (1-based) of the first expected passage in the retrieval, or undefined when absent. */
  rank?: number;
  /** Expected footnotes all present in the answer's citations (undefined when none are expected). */
  footnotesFound?: boolean;
  /** Whether the pipeline answered (true) or refused (false). */
  answered: boolean;
  /** Every [n] resolves and every quote is verbatim in its passage (undefined when not applicable). */
  citationsValid?: boolean;
  latencyMs: number;
}

export interface Scores {
  questions: number;
  hitAt1: number;
  hitAt3: number;
  mrr: number;
  footnoteAccuracy: number;
  refusalAccuracy: number;
  citationValidity: number;
  latencyP50Ms: number;
}

const mean = (values: number[]) =>
  values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export function score(outcomes: QuestionOutcome[]): Scores {
  const onTopic = outcomes.filter((o) => !o.offTopic);
  const withFootnotes = onTopic.filter((o) => o.footnotesFound !== undefined);
  const withCitations = outcomes.filter((o) => o.citationsValid !== undefined);
  return {
    questions: outcomes.length,
    hitAt1: mean(onTopic.map((o) => (o.rank === 1 ? 1 : 0))),
    hitAt3: mean(onTopic.map((o) => (o.rank !== undefined && o.rank <= 3 ? 1 : 0))),
    mrr: mean(onTopic.map((o) => (o.rank ? 1 / o.rank : 0))),
    footnoteAccuracy: mean(withFootnotes.map((o) => (o.footnotesFound ? 1 : 0))),
    refusalAccuracy: mean(outcomes.map((o) => (o.answered !== o.offTopic ? 1 : 0))),
    citationValidity: mean(withCitations.map((o) => (o.citationsValid ? 1 : 0))),
    latencyP50Ms: percentile(
      outcomes.map((o) => o.latencyMs),
      50,
    ),
  };
}
