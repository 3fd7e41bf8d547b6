import { letterSources } from "../letter/sources.js";
import type { Letter } from "../letter/types.js";
import type { Answer } from "./types.js";

/**
 * What is wrong with an answer's citations, if anything: every [n] must resolve, citations must be
 * exactly those used, numbered from 1 in order of first use, and each quote and passage must be
 * verbatim from the letter.
 */
export function citationProblems(answer: Answer, letter: Letter): string[] {
  const problems: string[] = [];
  const used: number[] = [];
  for (const match of answer.answer.matchAll(/\[(\d+)\]/g)) {
    const n = Number(match[1]);
    if (!used.includes(n)) used.push(n);
  }
  const numbers = answer.citations.map((c) => c.n);
  if (used.join() !== numbers.join()) {
    problems.push(`markers [${used.join(",")}] do not match citations [${numbers.join(",")}]`);
  }
  numbers.forEach((n, i) => {
    if (n !== i + 1) problems.push(`citation ${n} is out of order`);
  });
  for (const citation of answer.citations) {
    // The letter's own facts (heading, signatures) are sources like its paragraphs.
    const paragraph =
      letter.paragraphs.find((p) => p.id === citation.passageId) ??
      letterSources(letter).find((s) => s.id === citation.passageId);
    if (!paragraph) {
      problems.push(`citation ${citation.n} points to unknown passage ${citation.passageId}`);
      continue;
    }
    if (citation.text !== paragraph.text) {
      problems.push(`citation ${citation.n} does not carry its passage verbatim`);
    }
    if (citation.quote === "" || !paragraph.text.includes(citation.quote)) {
      problems.push(`citation ${citation.n}'s quote is not verbatim in its passage`);
    }
    for (const footnote of citation.footnotes) {
      const real = letter.footnotes.find((f) => f.number === footnote.number);
      if (real?.text !== footnote.text) {
        problems.push(`citation ${citation.n} misquotes footnote ${footnote.number}`);
      }
    }
  }
  if (answer.grounded !== answer.citations.length > 0) {
    problems.push(answer.grounded ? "a grounded answer cites nothing" : "a refusal cites passages");
  }
  return problems;
}
