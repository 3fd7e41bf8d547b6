import type {
  Footnote,
  FootnoteRef,
  Paragraph,
  ParsedLetter,
  Section,
  Sentence,
  Signatory,
} from "./types.js";

/**
 * Turns the text that a PDF extractor (pdftotext-like) made of a Dutch parliamentary letter into
 * structured data. It relies only on the conventions of such letters and extractions, never on
 * line numbers of one letter:
 * - a line that starts with whitespace, a form feed or a line after the page footer starts a page;
 * - `Tweede Kamer, vergaderjaar …, nr. 415 2` is the page footer (page furniture, not text);
 * - footnote markers are numbered 1, 2, 3… in order and glued to the word they follow;
 * - footnotes sit at the foot of a page, each beginning with its number, in the same order.
 */

export class LetterParseError extends Error {
  override name = "LetterParseError";
}

/**
 * Private-use sentinels carry footnote markers (E000 n E001) and page starts (E002 n E003) through
 * line joining and sentence splitting.
 */
const MARK_OPEN = "\uE000";
const MARK_CLOSE = "\uE001";
const MARK_PATTERN = /\uE000(\d+)\uE001/g;
const PAGE_OPEN = "\uE002";
const PAGE_CLOSE = "\uE003";
const SENTINEL_PATTERN = /\uE000(\d+)\uE001|\uE002(\d+)\uE003/g;
const LEADING_PAGE_SENTINEL = /^\uE002\d+\uE003/;

const PAGE_FOOTER =
  /^(?:Tweede|Eerste) Kamer, vergaderjaar \d{4}\s*[–-]\s*\d{4},.*\bnr\.\s*\d+\s+(\d+)\s*$/;
const FOOTNOTE_LINE = /^(\d{1,3})\s+(\S.*)$/;
const SIGNATURE_NAME = /^(?:\p{Lu}\.\s?)+\s?(?:\p{Ll}+\s)*\p{Lu}[\p{L}'’-]+(?:\s[\p{L}'’-]+)*$/u;
const SIGNATURE_ROLE = /^De .+,$/;
const SENTENCE_END = /[.!?…:]["'’”)]*$/;

/**
 * Markers follow a lower-case letter, closing punctuation or `+` with no space between, and are
 * followed by a space, punctuation or the end of the line. A number after `/`, a digit, a dash or an
 * upper-case token (2024/1385, 2017–2022, Q1) is part of the text.
 */
const MARKER_CANDIDATE = /(?<=[\p{Ll}.,;:!?)\]’”'"+])(\d{1,3})(?=[\s,.;:)\]]|$)/gu;

/** Abbreviations after which a full stop does not end a sentence. */
const ABBREVIATIONS = new Set([
  "art",
  "nr",
  "nrs",
  "blz",
  "bijv",
  "bv",
  "ca",
  "dhr",
  "mevr",
  "drs",
  "dr",
  "mr",
  "ir",
  "prof",
  "jl",
  "incl",
  "excl",
  "resp",
  "o.a",
  "e.a",
  "m.b.t",
  "t.a.v",
  "i.v.m",
  "z.g",
  "vs",
  "etc",
  "e.g",
  "i.e",
  "no",
  "p",
  "pp",
  "st",
]);

interface Line {
  text: string;
  page: number;
}

interface Block {
  lines: Line[];
}

interface FootnoteDraft {
  number: number;
  page: number;
  lines: string[];
}

export function parseLetter(raw: string): ParsedLetter {
  const text = assertReadableText(raw);
  const warnings: string[] = [];
  const { blocks, footnoteDrafts, pageCount, markersSeen } = scanLines(text.split("\n"));

  const footnotes = footnoteDrafts.map((draft) => ({
    number: draft.number,
    page: draft.page,
    text: joinLines(draft.lines),
  }));

  const { sections, paragraphs, signatories } = structureBlocks(mergeAcrossPages(blocks));

  if (paragraphs.length === 0) {
    throw new LetterParseError("No paragraphs of text were found in the letter.");
  }

  const footnoteNumbers = new Set(footnotes.map((f) => f.number));
  for (const marker of markersSeen) {
    if (!footnoteNumbers.has(marker)) {
      warnings.push(`Footnote marker ${marker} has no footnote text.`);
    }
  }
  if (markersSeen.length === 0) warnings.push("The letter has no footnotes.");

  const footnotesWithParagraphs: Footnote[] = footnotes.map((footnote) => ({
    ...footnote,
    paragraphIds: paragraphs.filter((p) => p.footnotes.includes(footnote.number)).map((p) => p.id),
  }));

  return {
    pageCount,
    sections,
    paragraphs,
    footnotes: footnotesWithParagraphs,
    signatories,
    warnings,
  };
}

function assertReadableText(raw: string): string {
  if (raw.trim() === "") throw new LetterParseError("The letter is empty.");
  if (raw.includes("\u0000") || raw.includes("\uFFFD")) {
    throw new LetterParseError(
      "The letter is not readable text (binary data or a wrong encoding).",
    );
  }
  // Control characters other than tab, newline, form feed and carriage return mark binary data.
  let controls = 0;
  for (const char of raw) {
    const code = char.charCodeAt(0);
    if (code < 32 && !"\t\n\f\r".includes(char)) controls += 1;
  }
  if (controls > raw.length / 100) {
    throw new LetterParseError("The letter is not readable text (too many control characters).");
  }
  // The sentinels are ours; text that already holds them would be misread as markers.
  return raw.replace(/\r\n?/g, "\n").replace(/[\uE000-\uE003]/g, "");
}

/**
 * One pass over the lines: separates page furniture, footnotes and body blocks, tags every body line
 * with its page and replaces footnote markers with sentinels.
 */
function scanLines(rawLines: string[]) {
  const blocks: Block[] = [];
  const footnoteDrafts: FootnoteDraft[] = [];
  const markersSeen: number[] = [];
  let page = 1;
  let seenText = false;
  let pageHasText = false;
  let afterFooter = false;
  let inFootnotes = false;
  let previousBlank = true;
  let current: Block | undefined;

  const closeBlock = () => {
    if (current && current.lines.length > 0) blocks.push(current);
    current = undefined;
  };
  const startPage = () => {
    if (seenText && pageHasText) page += 1;
    pageHasText = false;
    inFootnotes = false;
    closeBlock();
  };

  for (const rawLine of rawLines) {
    const formFeed = rawLine.includes("\f");
    const line = rawLine.replace(/\f/g, "");
    const trimmed = line.trim();

    if (trimmed === "") {
      previousBlank = true;
      if (!inFootnotes) closeBlock();
      continue;
    }

    const footer = PAGE_FOOTER.exec(trimmed);
    if (footer) {
      // The footer names the page it closes; trust it over our count.
      page = Number(footer[1]);
      pageHasText = true;
      afterFooter = true;
      inFootnotes = false;
      closeBlock();
      previousBlank = true;
      continue;
    }

    if (formFeed || afterFooter || (/^\s/.test(line) && seenText)) {
      startPage();
    }
    afterFooter = false;

    const footnoteStart = FOOTNOTE_LINE.exec(trimmed);
    const expectedFootnote = (footnoteDrafts.at(-1)?.number ?? 0) + 1;
    if (
      footnoteStart &&
      (previousBlank || inFootnotes) &&
      Number(footnoteStart[1]) === expectedFootnote &&
      markersSeen.includes(expectedFootnote)
    ) {
      closeBlock();
      inFootnotes = true;
      footnoteDrafts.push({ number: expectedFootnote, page, lines: [footnoteStart[2] as string] });
    } else if (inFootnotes) {
      footnoteDrafts.at(-1)?.lines.push(trimmed);
    } else {
      current ??= { lines: [] };
      current.lines.push({ text: markFootnotes(trimmed, markersSeen), page });
    }
    seenText = true;
    pageHasText = true;
    previousBlank = false;
  }
  closeBlock();
  return { blocks, footnoteDrafts, pageCount: page, markersSeen };
}

/** Replaces the next expected footnote markers in a body line with sentinels. */
function markFootnotes(line: string, markersSeen: number[]): string {
  return line.replace(MARKER_CANDIDATE, (digits: string) => {
    const expected = (markersSeen.at(-1) ?? 0) + 1;
    if (Number(digits) !== expected) return digits;
    markersSeen.push(expected);
    return `${MARK_OPEN}${digits}${MARK_CLOSE}`;
  });
}

/**
 * Joins extracted lines into running text. A line-end hyphen is a hyphenation break (dropped)
 * when the next line continues in lower case and the part before it is an ordinary word; it is a
 * real hyphen (kept) before a capital or after an abbreviation such as `EU-`.
 */
export function joinLines(lines: string[]): string {
  let text = "";
  for (const raw of lines) {
    const line = raw.trim();
    if (line === "") continue;
    if (text === "") {
      text = line;
      continue;
    }
    const hyphenated = /(\p{L}+)-$/u.exec(text);
    if (hyphenated) {
      const stem = hyphenated[1] as string;
      const isAbbreviation = stem.length > 1 && stem === stem.toUpperCase();
      const continuesLowercase = /^\p{Ll}/u.test(line.replace(LEADING_PAGE_SENTINEL, ""));
      text = continuesLowercase && !isAbbreviation ? text.slice(0, -1) + line : text + line;
    } else {
      text = `${text} ${line}`;
    }
  }
  return text.replace(/\s+/g, " ").trim();
}

function blockText(block: Block): string {
  return joinLines(block.lines.map((l) => l.text));
}

/**
 * A paragraph interrupted by the foot of a page (footnotes, footer) continues on the next page:
 * merge a block into the one before it when a page boundary lies between them and the earlier one
 * did not end a sentence.
 */
function mergeAcrossPages(blocks: Block[]): Block[] {
  const merged: Block[] = [];
  for (const block of blocks) {
    const previous = merged.at(-1);
    const previousLast = previous?.lines.at(-1);
    const first = block.lines[0];
    if (
      previous &&
      previousLast &&
      first &&
      first.page > previousLast.page &&
      !(previous.lines.length === 1 && looksLikeHeading(previousLast.text)) &&
      !SENTENCE_END.test(stripMarkers(previousLast.text))
    ) {
      previous.lines.push(...block.lines);
    } else {
      merged.push({ lines: [...block.lines] });
    }
  }
  return merged;
}

function stripMarkers(text: string): string {
  return text.replace(MARK_PATTERN, "");
}

/** A short capitalised line without closing punctuation: the shape of a section heading. */
function looksLikeHeading(line: string): boolean {
  const text = stripMarkers(line);
  return (
    text.split(/\s+/).length <= 10 &&
    text.length <= 80 &&
    /^[\p{Lu}\d]/u.test(text) &&
    !/[.,;:!?]$/.test(text)
  );
}

/** A heading stands alone and follows a finished paragraph (not the unfinished end of a page). */
function isHeading(block: Block, previous: Block | undefined): boolean {
  if (block.lines.length !== 1 || !looksLikeHeading((block.lines[0] as Line).text)) return false;
  return !previous || SENTENCE_END.test(stripMarkers(blockText(previous))) || isSignature(previous);
}

function isSignature(block: Block): boolean {
  const [role, name] = block.lines.map((l) => l.text);
  return (
    block.lines.length === 2 &&
    role !== undefined &&
    name !== undefined &&
    SIGNATURE_ROLE.test(role) &&
    SIGNATURE_NAME.test(name)
  );
}

export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

function structureBlocks(blocks: Block[]) {
  const sections: Section[] = [];
  const paragraphs: Paragraph[] = [];
  const signatories: Signatory[] = [];
  let section: Section | undefined;

  blocks.forEach((block, index) => {
    const firstPage = (block.lines[0] as Line).page;
    if (isSignature(block)) {
      const [role, name] = block.lines.map((l) => l.text) as [string, string];
      signatories.push({ role: role.replace(/^De\s+/, "").replace(/,$/, ""), name });
      return;
    }
    if (isHeading(block, blocks[index - 1])) {
      const title = stripMarkers((block.lines[0] as Line).text);
      section = {
        id: uniqueId(slugify(title), sections),
        title,
        page: firstPage,
        paragraphIds: [],
      };
      sections.push(section);
      return;
    }
    if (!section) {
      section = { id: "opening", title: null, page: firstPage, paragraphIds: [] };
      sections.push(section);
    }
    const paragraph = buildParagraph(
      `${section.id}-${section.paragraphIds.length + 1}`,
      section.id,
      block,
    );
    section.paragraphIds.push(paragraph.id);
    paragraphs.push(paragraph);
  });
  return { sections, paragraphs, signatories };
}

function uniqueId(base: string, sections: Section[]): string {
  const taken = new Set(sections.map((s) => s.id));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}

function buildParagraph(id: string, sectionId: string, block: Block): Paragraph {
  const marked = joinLines(
    block.lines.map((line, i) =>
      i === 0 || line.page !== block.lines[i - 1]?.page
        ? `${PAGE_OPEN}${line.page}${PAGE_CLOSE}${line.text}`
        : line.text,
    ),
  );
  const sentences = splitSentences(marked);
  const pages = [...new Set(block.lines.map((l) => l.page))];
  return {
    id,
    sectionId,
    pages,
    text: sentences.map((s) => s.text).join(" "),
    sentences,
    footnotes: sentences.flatMap((s) => s.footnoteRefs.map((r) => r.number)),
  };
}

/** Removes sentinels from text, recording where each footnote marker stood and each page began. */
function extractSentinels(marked: string) {
  const refs: FootnoteRef[] = [];
  const pageStarts: Array<{ page: number; offset: number }> = [];
  let text = "";
  let last = 0;
  for (const match of marked.matchAll(SENTINEL_PATTERN)) {
    text += marked.slice(last, match.index);
    if (match[1] !== undefined) refs.push({ number: Number(match[1]), offset: text.length });
    else pageStarts.push({ page: Number(match[2]), offset: text.length });
    last = match.index + match[0].length;
  }
  text += marked.slice(last);
  return { text, refs, pageStarts };
}

/**
 * Splits a paragraph (with marker sentinels) into sentences. A sentence ends at . ! or ? (after any
 * footnote marker) when a capital, digit or quote follows, unless the full stop closes an
 * abbreviation or initials.
 */
export function splitSentences(marked: string): Sentence[] {
  const { text, refs, pageStarts } = extractSentinels(marked);
  const boundaries: number[] = [];
  const candidate = /[.!?]["'’”)]*(?=\s+["'‘“(]?[\p{Lu}\d])/gu;
  for (const match of text.matchAll(candidate)) {
    const end = match.index + match[0].length;
    const word = /([\p{L}.'’]+)\.$/u.exec(text.slice(0, match.index + 1))?.[1]?.toLowerCase();
    const initials = word !== undefined && /^(?:\p{L}\.)*\p{L}$/u.test(word);
    if (match[0].startsWith(".") && word && (ABBREVIATIONS.has(word) || initials)) {
      continue;
    }
    boundaries.push(end);
  }
  const sentences: Sentence[] = [];
  let start = 0;
  for (const end of [...boundaries, text.length]) {
    const slice = text.slice(start, end);
    const leading = slice.length - slice.trimStart().length;
    const sentenceText = slice.trim();
    if (sentenceText !== "") {
      const sentenceStart = start + leading;
      sentences.push({
        text: sentenceText,
        page:
          pageStarts.findLast((p) => p.offset <= sentenceStart)?.page ?? pageStarts[0]?.page ?? 1,
        footnoteRefs: refs
          .filter(
            (r) => r.offset > sentenceStart && r.offset <= sentenceStart + sentenceText.length,
          )
          .map((r) => ({ number: r.number, offset: r.offset - sentenceStart })),
      });
    }
    start = end;
  }
  return sentences;
}
