import type { Answer } from "../answer/types.js";

const LABELS = {
  en: {
    page: "page",
    footnote: "footnote",
    notStated: "Not stated in the letter.",
    seeAlso: "See also, in the letter:",
  },
  nl: {
    page: "pagina",
    footnote: "voetnoot",
    notStated: "Niet vermeld in de brief.",
    seeAlso: "Zie ook, in de brief:",
  },
} as const;

/** The answer, its opening direct answer (a date, a number, a name…) in bold on a terminal. */
function emphasizeDirect(answer: Answer, tty: boolean): string {
  const direct = answer.direct?.text;
  if (!direct || !tty || !answer.answer.startsWith(direct)) return answer.answer;
  return `\x1b[1m${direct}\x1b[22m${answer.answer.slice(direct.length)}`;
}

/**
 * `npm run ask`'s answer: the text, the sources its markers point to, and a closing line with the
 * mode, language and time. A refusal the letter does not state lists where the letter mentions
 * the subject, apart from the sources.
 */
export function formatAnswer(answer: Answer, options: { ms: number; tty: boolean }): string {
  const labels = LABELS[answer.language];
  const lines = [emphasizeDirect(answer, options.tty), ""];
  const related = answer.reason === "not_stated" ? (answer.related ?? []) : [];
  if (related.length > 0) {
    lines.push(labels.notStated, labels.seeAlso);
    for (const place of related) {
      lines.push(`  • ${labels.page} ${place.page}, ${place.section} (#${place.passageId})`);
      lines.push(`    “${place.quote}”`);
    }
    lines.push("");
  }
  if (!answer.grounded) lines.push(...(answer.followUps ?? []).map((q) => `  • ${q}`), "");
  for (const citation of answer.citations) {
    lines.push(
      `[${citation.n}] ${labels.page} ${citation.page}, ${citation.section} (#${citation.passageId})`,
    );
    lines.push(`    “${citation.quote}”`);
    for (const footnote of citation.footnotes) {
      lines.push(`    ${labels.footnote} ${footnote.number}: ${footnote.text}`);
    }
  }
  lines.push("", `(${answer.mode}, ${answer.language}, ${options.ms.toFixed(0)} ms)`);
  return `${lines.join("\n")}\n`;
}
