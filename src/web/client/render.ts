import type { Answer, Citation } from "../../answer/types.js";
import { letterSources } from "../../letter/sources.js";
import type { Language, Letter } from "../../letter/types.js";
import { type Child, h, ICONS, icon, uniqueId } from "./dom.js";
import type { Strings } from "./i18n.js";

/** Punctuation that closes the claim a chip stands after: kept on the chip's line. */
const CLOSING = /^[.,;:!?]/;

/**
 * Answer text as nodes: every "[n]" marker of a known citation becomes a chip button right where
 * the claim it supports ends; all other text stays text. The direct answer (the date, number or
 * name asked for) opens the text in bold; its own marker is left out when the quote after it
 * cites the same source, so one chip stands for both.
 */
export function answerText(
  text: string,
  citations: Citation[],
  strings: Strings,
  onChip: (citation: Citation) => void,
  direct?: Answer["direct"],
): { nodes: (string | HTMLElement)[]; chips: HTMLButtonElement[] } {
  const chips: HTMLButtonElement[] = [];
  const nodes: (string | HTMLElement)[] = [];
  const chipFor = (citation: Citation) => {
    const label = strings.citationLabel(citation.n, citation.page, citation.section);
    const chip = h(
      "button",
      {
        type: "button",
        class: "bw-chip",
        "aria-label": label,
        title: label,
        "aria-expanded": "false",
      },
      String(citation.n),
    );
    chip.addEventListener("click", () => onChip(citation));
    chips.push(chip);
    return chip;
  };
  if (direct && direct.text !== "" && text.startsWith(direct.text)) {
    const strong = h("strong", { class: "bw-direct" }, direct.text);
    text = text.slice(direct.text.length);
    const marker = ` [${direct.citation}]`;
    const cited = citations.find((c) => c.n === direct.citation);
    if (cited && text.startsWith(marker)) {
      text = text.slice(marker.length);
      const next = /\[(\d+)\]/.exec(text)?.[1];
      const closing = CLOSING.exec(text)?.[0] ?? "";
      text = text.slice(closing.length);
      nodes.push(
        Number(next) === direct.citation
          ? h("span", {}, strong, closing)
          : h("span", { class: "bw-nowrap" }, strong, chipFor(cited), closing),
      );
    } else {
      nodes.push(strong);
    }
  }
  const parts = text.split(/\[(\d+)\]/);
  for (let i = 0; i < parts.length; i += 2) {
    let before = parts[i] ?? "";
    const marker = parts[i + 1];
    const citation = citations.find((c) => c.n === Number(marker));
    // The previous chip took the punctuation that closes its claim.
    if (i > 0 && CLOSING.test(before) && nodes.at(-1) instanceof HTMLElement)
      before = before.slice(1);
    if (marker === undefined || !citation) {
      nodes.push(marker === undefined ? before : `${before}[${marker}]`);
      continue;
    }
    // The chip stays on the line of the claim's last word, never alone at the start of a line,
    // and the full stop after it stays with it.
    const lastWord = /\S*\s*$/.exec(before)?.[0] ?? "";
    const closing = CLOSING.exec(parts[i + 2] ?? "")?.[0] ?? "";
    nodes.push(
      before.slice(0, before.length - lastWord.length),
      h("span", { class: "bw-nowrap" }, lastWord, chipFor(citation), closing),
    );
  }
  return { nodes, chips };
}

/** Indexes of the consecutive sentences that, joined by spaces, are the quote. */
export function quotedSentences(sentences: string[], quote: string): number[] {
  for (let first = 0; first < sentences.length; first++) {
    let joined = "";
    for (let last = first; last < sentences.length; last++) {
      joined = last === first ? (sentences[last] ?? "") : `${joined} ${sentences[last]}`;
      if (joined === quote) return Array.from({ length: last - first + 1 }, (_, k) => first + k);
      if (!quote.startsWith(joined)) break;
    }
  }
  return [];
}

/** The passage with the quote inside a <mark>. */
function markedText(text: string, quote: string): Child[] {
  const at = quote === "" ? -1 : text.indexOf(quote);
  if (at === -1) return [text];
  return [text.slice(0, at), h("mark", {}, quote), text.slice(at + quote.length)];
}

/**
 * A passage's sentences, Dutch and English: a paragraph's from the translation, or the letter's
 * heading or signature block (cited as `letter-heading`, `letter-signatures`) from its sources.
 */
function sentencePairs(
  letter: Letter,
  passageId: string,
): { nl: string; en: string }[] | undefined {
  const english = letter.translation.paragraphs[passageId];
  if (english) return english;
  return letterSources(letter).find((source) => source.id === passageId)?.sentences;
}

/** The English rendering of the passage with the quoted sentences marked, when the letter has one. */
function englishPassage(citation: Citation, letter: Letter): Child[] | undefined {
  const pairs = sentencePairs(letter, citation.passageId);
  if (!pairs) return undefined;
  const quoted = new Set(
    quotedSentences(
      pairs.map((pair) => pair.nl),
      citation.quote,
    ),
  );
  return pairs.flatMap((pair, i) => [
    i > 0 ? " " : "",
    quoted.has(i) ? h("mark", {}, pair.en) : pair.en,
  ]);
}

export interface CitationView {
  citation: Citation;
  language: Language;
  strings: Strings;
  /** Present once loaded: enables the English passage and footnotes. */
  letter?: Letter;
  letterHref: string;
  newTab: boolean;
  onClose(): void;
}

/**
 * The source behind a chip: section and page, the passage with the quoted sentence highlighted,
 * the footnotes it references, and a link to the passage in the letter view.
 */
export function citationPanel(view: CitationView): HTMLElement {
  const { citation, strings, letter } = view;
  const headingId = uniqueId("source");
  const english = view.language === "en" && letter ? englishPassage(citation, letter) : undefined;
  const original = h(
    "blockquote",
    { class: "bw-passage", lang: "nl" },
    ...markedText(citation.text, citation.quote),
  );

  const footnotes = citation.footnotes.map((footnote) => {
    const text =
      (view.language === "en"
        ? letter?.translation.footnotes[String(footnote.number)]
        : undefined) ?? footnote.text;
    return h(
      "li",
      { class: "bw-footnote" },
      h("span", { class: "bw-footnote__number", "aria-hidden": "true" }, String(footnote.number)),
      h("span", { class: "bw-sr-only" }, `${strings.footnote(footnote.number)}: `),
      h("span", { class: "bw-footnote__text" }, text),
    );
  });

  const close = h(
    "button",
    {
      type: "button",
      class: "bw-icon-button",
      "aria-label": strings.closeCitation,
      title: strings.closeCitation,
    },
    icon(ICONS.close),
  );
  close.addEventListener("click", view.onClose);

  return h(
    "section",
    { class: "bw-source", "aria-labelledby": headingId, tabindex: "-1" },
    h(
      "div",
      { class: "bw-source__header" },
      h(
        "div",
        {},
        h(
          "h3",
          { class: "bw-source__title", id: headingId },
          `${strings.sourceHeading(citation.n)} · ${citation.section}`,
        ),
        h("p", { class: "bw-source__meta" }, strings.page(citation.page)),
      ),
      close,
    ),
    english ? h("blockquote", { class: "bw-passage", lang: "en" }, ...english) : original,
    english && letter ? h("p", { class: "bw-notice" }, letter.translation.notice) : null,
    english
      ? h("details", { class: "bw-original" }, h("summary", {}, strings.dutchOriginal), original)
      : null,
    footnotes.length > 0
      ? h(
          "div",
          { class: "bw-footnotes" },
          h("h4", { class: "bw-footnotes__title" }, strings.footnotes),
          h("ul", { class: "bw-footnotes__list" }, ...footnotes),
        )
      : null,
    h(
      "a",
      {
        class: "bw-letter-link",
        href: view.letterHref,
        target: view.newTab ? "_blank" : undefined,
        rel: view.newTab ? "noopener" : undefined,
      },
      strings.openInLetter,
    ),
  );
}

/**
 * Where the letter mentions the subject of a question it does not answer: each place with its
 * section, page and a link to it, never presented as the answer's source.
 */
export function seeAlso(
  related: Citation[],
  strings: Strings,
  letterHref: (passageId: string) => string,
  newTab: boolean,
): HTMLElement {
  const labelId = uniqueId("see-also");
  return h(
    "div",
    { class: "bw-see-also" },
    h("p", { class: "bw-suggestions__label", id: labelId }, strings.seeAlso),
    h(
      "ul",
      { "aria-labelledby": labelId },
      ...related.map((citation) =>
        h(
          "li",
          {},
          h(
            "a",
            {
              href: letterHref(citation.passageId),
              target: newTab ? "_blank" : undefined,
              rel: newTab ? "noopener" : undefined,
            },
            `${citation.section} · ${strings.page(citation.page)}`,
          ),
          h("blockquote", { class: "bw-see-also__quote", lang: "nl" }, citation.quote),
        ),
      ),
    ),
  );
}
