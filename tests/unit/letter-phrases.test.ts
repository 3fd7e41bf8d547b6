import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { corpusFiles } from "../../src/letter/load.js";
import { isStopword } from "../../src/retrieve/analyzer.js";

/**
 * "Letter phrases live in corpus data or are derived from the letter, never written in code":
 * another letter of the series should need data, not code. This reads every string, template and
 * regular-expression literal in src/ and fails on a phrase of the letter (or of its English
 * rendering) written there.
 */
const files = corpusFiles("corpus/kamerstuk-30420-415.txt");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** The text of every literal in a file; comments are not read (quoting the letter in docs is fine). */
function literals(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isStringLiteralLike(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node) ||
      ts.isRegularExpressionLiteral(node)
    ) {
      found.push(node.text);
    }
    node.forEachChild(visit);
  };
  visit(source);
  return found;
}

/**
 * The runs of words a literal spells. A regular expression's groups and quantifiers are taken out,
 * so that "individuals and (?:two )?entities" reads as the phrase it matches; its alternatives and
 * punctuation end a run.
 */
function runs(literal: string): string[][] {
  return literal
    .replace(
      /\\[pPu]\{[^}]*\}|\\[bBsSdDwWnt]|\[[^\]]*\]|\(\?(?:<?[=!]|:)|[()?*+]|\{\d+(?:,\d*)?\}/g,
      "",
    )
    .split(/[|^$\\.,;:!?"“”()–]/)
    .map((part) => part.match(/[\p{L}\p{N}][\p{L}\p{N}'’+-]*/gu) ?? []);
}

const isContentWord = (word: string) =>
  !isStopword(word.toLowerCase(), "en") && !isStopword(word.toLowerCase(), "nl");
const isName = (word: string) => /^\p{Lu}/u.test(word) && isContentWord(word);

/** The letter's words in a row, Dutch and English; the rendering's notice is ours, not the letter's. */
function letterWords(): string {
  const { notice: _notice, ...rendering } = JSON.parse(readFileSync(files.translation, "utf8"));
  const text = `${readFileSync(files.text, "utf8")} ${JSON.stringify(rendering)}`;
  return ` ${(text.match(/[\p{L}\p{N}][\p{L}\p{N}'’+-]*/gu) ?? []).join(" ").toLowerCase()} `;
}

/**
 * Phrases of the letter found in code: three words in a row of which two are content words, or two
 * names in a row ("La Hulpe"). Runs of stop words ("as part of", "in the EU") say nothing of one
 * letter, so are not counted.
 */
function letterPhrasesIn(literal: string, letter: string): string[] {
  const found: string[] = [];
  for (const words of runs(literal)) {
    for (let i = 0; i < words.length; i++) {
      const three = words.slice(i, i + 3);
      const two = words.slice(i, i + 2);
      const inLetter = (phrase: string[]) => letter.includes(` ${phrase.join(" ").toLowerCase()} `);
      if (three.length === 3 && three.filter(isContentWord).length >= 2 && inLetter(three)) {
        found.push(three.join(" "));
      } else if (two.length === 2 && two.every(isName) && inLetter(two)) {
        found.push(two.join(" "));
      }
    }
  }
  return found;
}

/** Names that every Dutch government letter on the EU uses: the kinds of answer are told by them. */
const GENERIC = new Set([
  "State Secretary", // an office of every cabinet, beside Minister
  "Parliamentary Paper", // how a footnote cites any Kamerstuk
  "Europese Commissie", // the EU's executive, named in any letter on the EU
  "Directive EU", // how a footnote cites any EU directive ("Directive – EU – 2024/1069")
  "among other things", // idioms that any letter's sentences use, read as cues of a stance or a list
  "maakt zich zorgen",
  "the past year", // an annual report's period
  "het afgelopen jaar",
]);

/**
 * Letter phrases still in code, by file: the letter's subject in the refusals and the channels'
 * greetings, the example questions, the embedder's warm-up text. The browser bundle takes its
 * texts at build time, so moving these to corpus data needs the web build to read it. A file that
 * loses or gains one fails the test, so that this list only shrinks.
 */
const SUBJECT_EN = [
  "SRHR and equal",
  "and equal rights",
  "and reproductive health",
  "and rights SRHR",
  "equal rights of",
  "health and rights",
  "reproductive health and",
  "rights SRHR and",
  "sexual and reproductive",
];
const SUBJECT_NL = [
  "SRGR en gelijke",
  "en gelijke rechten",
  "en rechten SRGR",
  "en reproductieve gezondheid",
  "gelijke rechten van",
  "gezondheid en rechten",
  "rechten SRGR en",
  "reproductieve gezondheid en",
  "seksuele en reproductieve",
];
const NOT_YET_DATA: Record<string, string[]> = {
  "src/compose/refusal.ts": [...SUBJECT_EN, ...SUBJECT_NL].sort(),
  "src/letter/examples.ts": ["Council of Europe", "Raad van Europa"],
  "src/mcp/server.ts": SUBJECT_EN,
  "src/slack/blocks.ts": ["LGBTIQ equality in", "and LGBTIQ equality"],
  "src/web/client/i18n.ts": [
    "LGBTIQ equality in",
    "and LGBTIQ equality",
    "and reproductive health",
    "en gelijke rechten",
    "en reproductieve gezondheid",
    "gelijke rechten van",
    "gezondheid en rechten",
    "health and rights",
    "reproductieve gezondheid en",
    "reproductive health and",
    "seksuele en reproductieve",
    "sexual and reproductive",
  ],
};

describe("letter phrases in code", () => {
  const letter = letterWords();
  const found: Record<string, string[]> = {};
  for (const file of sourceFiles("src")) {
    const phrases = literals(file)
      .flatMap((literal) => letterPhrasesIn(literal, letter))
      .filter((phrase) => !GENERIC.has(phrase));
    if (phrases.length > 0) found[file] = [...new Set(phrases)].sort();
  }

  it("reads the letter and the literals (a sanity check of the reading itself)", () => {
    expect(letterPhrasesIn("/in (?:the )?(?:La Hulpe|Council of Europe)/", letter)).toEqual([
      "La Hulpe",
      "Council of Europe",
    ]);
    expect(letterPhrasesIn("individuals and (?:two )?entities", letter)).toEqual([
      "individuals and two",
      "and two entities",
    ]);
    expect(letterPhrasesIn("as part of the answer", letter)).toEqual([]);
  });

  it("finds none but those not yet moved to corpus data", () => {
    expect(found).toEqual(NOT_YET_DATA);
  });
});
