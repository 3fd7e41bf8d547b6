import type { Answer, Citation } from "../../answer/types.js";
import type { Language, Letter } from "../../letter/types.js";
import { type Child, h, ICONS, icon, uniqueId } from "./dom.js";
import type { Strings } from "./i18n.js";

/**
 * Answer text as nodes: every "[n]" marker of a known citation becomes a chip button right where
 * the claim it supports ends; all other text stays text.
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
  // The direct answer (the date, number or name asked for) opens the text, set in bold.
  if (direct && direct.text !== "" && text.startsWith(direct.text)) {
    nodes.push(h("strong", { class: "bw-direct" }, direct.text));
    text = text.slice(direct.text.length);
  }
  const parts = text.split(/\[(\d+)\]/);
  for (let i = 0; i < parts.length; i += 2) {
    const before = parts[i] ?? "";
    const marker = parts[i + 1];
    const citation = citations.find((c) => c.n === Number(marker));
    if (marker === undefined || !citation) {
      nodes.push(marker === undefined ? before : `${before}[${marker}]`);
      continue;
    }
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
      marker,
    );
    chip.addEventListener("click", () => onChip(citation));
    chips.push(chip);
    // The chip stays on the line of the claim's last word, never alone at the start of a line.
    const lastWord = /\S*\s*$/.exec(before)?.[0] ?? "";
    nodes.push(
      before.slice(0, before.length - lastWord.length),
      h("span", { class: "bw-nowrap" }, lastWord, chip),
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

/** The English rendering of the passage with the quoted sentences marked, when the letter has one. */
function englishPassage(citation: Citation, letter: Letter): Child[] | undefined {
  const paragraph = letter.paragraphs.find((p) => p.id === citation.passageId);
  const english = letter.translation.paragraphs[citation.passageId];
  if (!paragraph || !english) return undefined;
  const quoted = new Set(
    quotedSentences(
      paragraph.sentences.map((s) => s.text),
      citation.quote,
    ),
  );
  return english.flatMap((pair, i) => [
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
