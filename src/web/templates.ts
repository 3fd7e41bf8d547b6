import type { Language, Letter, Paragraph } from "../letter/types.js";
import { ADMIN_STRINGS } from "./client/admin-i18n.js";
import { STRINGS, type Strings } from "./client/i18n.js";

/** Markup that is already safe; anything else interpolated into `html` is escaped. */
class Html {
  constructor(readonly value: string) {}
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === null || value === undefined || value === false) return "";
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  return new Html(strings.reduce((out, text, i) => out + render(values[i - 1]) + text));
}

/** The URL of a built asset by its logical name (`site.css` → `/assets/site.3f9a0c1d2b.css`). */
export type AssetUrl = (name: string) => string;

interface PageShell {
  lang: Language;
  assetUrl: AssetUrl;
  title: string;
  script: string;
  bodyClass: string;
  /** The same page in the other language. */
  otherLanguageHref: string;
  /** Lets letter.js carry the #paragraph target over to the other language. */
  keepHash: boolean;
  main: Html;
  letter: Letter;
}

function shell(page: PageShell): string {
  const strings = STRINGS[page.lang];
  const other = strings.otherLanguage;
  const { metadata } = page.letter;
  return html`<!doctype html>
<html lang="${page.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title}</title>
<link rel="icon" href="${page.assetUrl("favicon.svg")}" type="image/svg+xml">
<link rel="stylesheet" href="${page.assetUrl("site.css")}">
<script src="${page.assetUrl(page.script)}" defer></script>
</head>
<body class="${page.bodyClass}">
<a class="skip-link" href="#main">${strings.skipToContent}</a>
<header class="site-header">
<div class="site-header__inner">
<a class="site-brand" href="/?lang=${page.lang}">${strings.appName}<small>${metadata.kamerstuk.label}</small></a>
<nav class="site-nav" aria-label="${strings.appName}">
${page.bodyClass === "page-chat" ? html`<a href="/letter?lang=${page.lang}">${strings.readLetter}</a>` : html`<a href="/?lang=${page.lang}">${strings.askBriefwijzer}</a>`}
<a href="${page.otherLanguageHref}" lang="${other.lang}" hreflang="${other.lang}"${page.keepHash ? html` data-keep-hash` : ""}>${other.label}</a>
</nav>
</div>
</header>
<main id="main" class="site-main">
${page.main}
</main>
<footer class="site-footer">
<div class="site-footer__inner">
<p>${strings.disclaimer}</p>
<p><a href="${metadata.sourceUrl}">${strings.officialSource}: ${metadata.kamerstuk.label}</a></p>
</div>
</footer>
</body>
</html>
`.value;
}

export function chatPage(letter: Letter, lang: Language, assetUrl: AssetUrl): string {
  const strings = STRINGS[lang];
  return shell({
    lang,
    assetUrl,
    letter,
    title: `${strings.appName} · ${letter.metadata.kamerstuk.label}`,
    script: "page.js",
    bodyClass: "page-chat",
    otherLanguageHref: `/?lang=${strings.otherLanguage.lang}`,
    keepHash: false,
    main: html`<div class="site-intro">
<h1>${strings.pageHeading}</h1>
<p>${strings.tagline}</p>
</div>
<div id="briefwijzer-chat" class="bw-root">
<noscript><p>${strings.noScript} <a href="/letter?lang=${lang}">${strings.readLetter}</a></p></noscript>
</div>`,
  });
}

/** Numbers the footnote references so that each has an anchor the footnote can link back to. */
class FootnoteRefs {
  private readonly seen = new Map<number, number>();

  link(number: number, strings: Strings): Html {
    const count = (this.seen.get(number) ?? 0) + 1;
    this.seen.set(number, count);
    const id = count === 1 ? `fnref-${number}` : `fnref-${number}-${count}`;
    return html`<a class="fnref" id="${id}" href="#fn-${number}" aria-label="${strings.footnote(number)}"><sup>${number}</sup></a>`;
  }
}

/**
 * Marks where pages begin: before a sentence that starts on a new page, or, when a page begins
 * inside a paragraph's last sentence, at the paragraph's end (the parser knows no finer position).
 */
class PageMarkers {
  private current = 0;

  before(page: number, strings: Strings): Html | "" {
    if (page <= this.current) return "";
    this.current = page;
    return html`<span class="page-marker" id="page-${page}">${strings.pageShort(page)}</span>`;
  }
}

function paragraphHtml(
  letter: Letter,
  paragraph: Paragraph,
  lang: Language,
  refs: FootnoteRefs,
  pages: PageMarkers,
): Html {
  const strings = STRINGS[lang];
  const english = lang === "en" ? letter.translation.paragraphs[paragraph.id] : undefined;
  const sentences = paragraph.sentences.map((sentence, i) => {
    const marker = pages.before(sentence.page, strings);
    const englishText = english?.[i]?.en;
    if (englishText !== undefined) {
      // A translation moves words, so references go after the sentence rather than mid-sentence.
      return html`${marker}${englishText}${sentence.footnoteRefs.map((ref) => refs.link(ref.number, strings))}`;
    }
    const pieces: unknown[] = [];
    let from = 0;
    for (const ref of [...sentence.footnoteRefs].sort((a, b) => a.offset - b.offset)) {
      pieces.push(sentence.text.slice(from, ref.offset), refs.link(ref.number, strings));
      from = ref.offset;
    }
    pieces.push(sentence.text.slice(from));
    return html`${marker}${pieces}`;
  });
  const lastPage = Math.max(...paragraph.pages);
  const translated = lang === "nl" || english !== undefined;
  return html`<p class="letter-paragraph" id="${paragraph.id}"${translated ? "" : html` lang="nl"`}>${sentences.map((s, i) => (i === 0 ? s : html` ${s}`))}${pages.before(lastPage, strings)}</p>`;
}

export function letterPage(letter: Letter, lang: Language, assetUrl: AssetUrl): string {
  const strings = STRINGS[lang];
  const { metadata, translation } = letter;
  const refs = new FootnoteRefs();
  const pages = new PageMarkers();
  const sections = letter.sections.map((section) => {
    const title =
      section.title === null
        ? null
        : lang === "en"
          ? (translation.sectionTitles[section.id] ?? section.title)
          : section.title;
    const paragraphs = section.paragraphIds.flatMap((id) => {
      const paragraph = letter.paragraphs.find((p) => p.id === id);
      return paragraph ? [paragraphHtml(letter, paragraph, lang, refs, pages)] : [];
    });
    return html`<section class="letter-section"${title ? html` aria-labelledby="${section.id}"` : ""}>
${title ? html`<h2 id="${section.id}">${title}</h2>` : ""}
${paragraphs}
</section>
`;
  });
  const footnotes = letter.footnotes.map((footnote) => {
    const text =
      lang === "en"
        ? (translation.footnotes[String(footnote.number)] ?? footnote.text)
        : footnote.text;
    return html`<li id="fn-${footnote.number}" value="${footnote.number}">${text} <a class="backref" href="#fnref-${footnote.number}" aria-label="${strings.backToText}">↩</a></li>
`;
  });
  const english = lang === "en" ? translation.letter : undefined;
  const title = english?.title ?? metadata.title;
  const role = (dutch: string) => english?.roles[dutch] ?? dutch;

  return shell({
    lang,
    assetUrl,
    letter,
    title: `${metadata.kamerstuk.label} · ${strings.appName}`,
    script: "letter.js",
    bodyClass: "page-letter",
    otherLanguageHref: `/letter?lang=${strings.otherLanguage.lang}`,
    keepHash: true,
    main: html`<article class="letter">
<header class="letter-header" id="letter-heading">
<p class="letter-kicker">${strings.letterHeading} · ${metadata.kamerstuk.label} · ${metadata.parliamentaryYear}</p>
<h1>${title}</h1>
${lang === "en" ? html`<p class="letter-notice" role="note">${translation.notice}</p>` : ""}
</header>
${sections}
<ul class="letter-signatories" id="letter-signatures" aria-label="${strings.signedBy}">
${metadata.signatories.map((s) => html`<li>${s.name}<span>${role(s.role)}</span></li>`)}
</ul>
<section class="letter-footnotes" aria-labelledby="footnotes">
<h2 id="footnotes">${strings.footnotes}</h2>
<ol>
${footnotes}</ol>
</section>
</article>`,
  });
}

/**
 * The insights page for the letter's owners (`/admin`): the form is served as it is; admin.js
 * fetches the insights with the token typed into it (held in memory only) and draws them.
 */
export function adminPage(letter: Letter, lang: Language, assetUrl: AssetUrl): string {
  const strings = ADMIN_STRINGS[lang];
  return shell({
    lang,
    assetUrl,
    letter,
    title: `${strings.title} · ${STRINGS[lang].appName}`,
    script: "admin.js",
    bodyClass: "page-admin",
    otherLanguageHref: `/admin?lang=${STRINGS[lang].otherLanguage.lang}`,
    keepHash: false,
    main: html`<div class="site-intro">
<h1>${strings.heading}</h1>
<p>${strings.intro}</p>
</div>
<form class="admin-form" id="admin-form">
<fieldset>
<legend>${strings.formLabel}</legend>
<div class="admin-field admin-field--token">
<label for="admin-token">${strings.token}</label>
<input id="admin-token" name="token" type="password" autocomplete="off" spellcheck="false" aria-describedby="admin-token-hint">
<p class="admin-hint" id="admin-token-hint">${strings.tokenHint}</p>
</div>
<div class="admin-field">
<label for="admin-from">${strings.from}</label>
<input id="admin-from" name="from" type="date">
</div>
<div class="admin-field">
<label for="admin-to">${strings.to}</label>
<input id="admin-to" name="to" type="date">
</div>
</fieldset>
<div class="admin-actions">
<button type="submit" class="admin-button">${strings.show}</button>
<button type="button" class="admin-button admin-button--secondary" id="admin-forget" hidden>${strings.forget}</button>
</div>
</form>
<noscript><p>${strings.noScript}</p></noscript>
<p class="admin-status" id="admin-status" role="status"></p>
<div class="admin-results" id="admin-results" hidden></div>`,
  });
}
