import type { RequestHandler } from "express";
import { sectionTitle } from "../../compose/citations.js";
import { questionsToCsv } from "../../feedback/csv.js";
import { insights, type SectionTitle } from "../../feedback/insights.js";
import type { QuestionLogStore } from "../../feedback/question-log.js";
import { scrubPersonalData } from "../../feedback/scrub.js";
import { letterSources } from "../../letter/sources.js";
import type { Letter } from "../../letter/types.js";
import { insightsQuerySchema } from "../../server/schemas.js";
import { parseInput } from "../../server/validation.js";
import { usingStore } from "./feedback.js";

/** A section's title in both languages; the letter's heading and signatures have their own. */
function sectionTitles(letter: Letter): (id: string) => SectionTitle {
  const sources = new Map<string, SectionTitle>(
    letterSources(letter).map((source) => [source.id, source.section]),
  );
  const known = new Set(letter.sections.map((section) => section.id));
  return (id) =>
    sources.get(id) ??
    (known.has(id)
      ? { nl: sectionTitle(letter, id, "nl"), en: sectionTitle(letter, id, "en") }
      : { nl: id, en: id });
}

/**
 * `GET /api/admin/insights?from=&to=&format=json|csv`, behind the admin token: the aggregates of
 * the question log and the ratings over a period, or the period's questions as CSV.
 */
export function insightsController(options: {
  store: QuestionLogStore;
  questionLog: boolean;
  letter: Letter;
}): RequestHandler {
  const title = sectionTitles(options.letter);
  return async (req, res) => {
    const { from, to, format } = parseInput(insightsQuerySchema, req.query, "query");
    res.set("Cache-Control", "no-store");
    if (format === "csv") {
      const questions = await usingStore(req, () => options.store.between(from, to));
      const name = `questions-${from.toISOString().slice(0, 10)}-${to.toISOString().slice(0, 10)}.csv`;
      res.attachment(name).type("text/csv").send(questionsToCsv(questions));
      return;
    }
    const [questions, ratings] = await usingStore(req, () =>
      Promise.all([options.store.between(from, to), options.store.ratingsBetween(from, to)]),
    );
    res.json(
      insights({
        from,
        to,
        questionLog: options.questionLog,
        questions,
        ratings,
        sectionTitle: title,
        scrub: scrubPersonalData,
      }),
    );
  };
}
