import type { Answer, ChatTurn, Citation } from "../../answer/types.js";
import type { Language } from "../../letter/types.js";
import { type ApiClient, ApiProblem } from "./api.js";
import { h, ICONS, icon, randomKey, uniqueId } from "./dom.js";
import { STRINGS } from "./i18n.js";
import { answerText, citationPanel, seeAlso } from "./render.js";

/** The API accepts at most ten turns of history, each at most 4,000 characters. */
const MAX_HISTORY = 10;
const MAX_TURN_CHARS = 4000;

export interface ChatOptions {
  lang: Language;
  api: ApiClient;
  /** The passage in the letter view, on the Briefwijzer origin. */
  letterHref(passageId: string, language: Language): string;
  /** Open the letter in a new tab: the widget must not navigate its host page away. */
  newTab: boolean;
  /** The chat page that asks `question` on load (`/?lang=…&q=…`), for "copy link". */
  permalink(question: string, language: Language): string;
  /** Asked as soon as the chat is shown (a permalink's question). */
  initialQuestion?: string;
}

export interface Chat {
  element: HTMLElement;
  focus(): void;
}

/** The conversation UI shared by the chat page and the widget. */
export function createChat(options: ChatOptions): Chat {
  const { api } = options;
  const strings = STRINGS[options.lang];
  const history: ChatTurn[] = [];
  let busy = false;

  const inputId = uniqueId("question");
  const hintId = uniqueId("hint");
  const input = h("textarea", {
    id: inputId,
    class: "bw-input",
    name: "question",
    rows: 2,
    maxlength: 1000,
    placeholder: strings.placeholder,
    "aria-describedby": hintId,
    enterkeyhint: "send",
  });
  const send = h("button", { type: "submit", class: "bw-send" }, strings.send);
  const form = h(
    "form",
    { class: "bw-form" },
    h("label", { for: inputId, class: "bw-sr-only" }, strings.questionLabel),
    h("div", { class: "bw-form__row" }, input, send),
    h("p", { id: hintId, class: "bw-hint" }, strings.sendHint),
  );
  // Streamed text changes many times; only the finished answer is announced, once.
  const live = h("div", { class: "bw-sr-only", "aria-live": "polite", "aria-atomic": "true" });
  const welcome = greeting();
  // The greeting goes once a question is asked; this heading stays, so that the sources' h3
  // headings always follow an h2 (axe-core's heading-order).
  const log = h(
    "div",
    { class: "bw-log" },
    h("h2", { class: "bw-sr-only" }, strings.conversation),
    welcome,
  );

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const question = input.value.trim();
    if (question === "" || busy) return;
    input.value = "";
    void ask(question);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  function questionButtons(label: string, questions: string[]): HTMLElement {
    const labelId = uniqueId("questions");
    return h(
      "div",
      { class: "bw-suggestions" },
      h("p", { class: "bw-suggestions__label", id: labelId }, label),
      h(
        "ul",
        { "aria-labelledby": labelId },
        ...questions.map((question) =>
          h(
            "li",
            {},
            h(
              "button",
              {
                type: "button",
                class: "bw-suggestion",
                onclick: () => {
                  if (!busy) void ask(question);
                },
              },
              question,
            ),
          ),
        ),
      ),
    );
  }

  function greeting(): HTMLElement {
    return h(
      "section",
      { class: "bw-greeting" },
      h("h3", { class: "bw-greeting__title" }, strings.greetingTitle),
      h("p", {}, strings.greetingText),
      questionButtons(strings.examplesLabel, strings.examples),
    );
  }

  /** "Copy link": the permalink to the clipboard, or shown to copy by hand where that is refused. */
  function copyLinkButton(question: string, answer: Answer, status: HTMLElement): HTMLElement {
    const labels = STRINGS[answer.language];
    const link = options.permalink(question, answer.language);
    const button = h(
      "button",
      { type: "button", class: "bw-secondary bw-copy-link" },
      labels.copyLink,
    );
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(link);
        status.replaceChildren(labels.linkCopied);
      } catch {
        // No clipboard outside a secure context (an intranet on plain http), or permission refused.
        status.replaceChildren(
          `${labels.copyThisLink} `,
          h("a", { href: link, class: "bw-permalink" }, link),
        );
      }
    });
    return button;
  }

  function feedbackRow(question: string, answer: Answer, questionId?: string): HTMLElement {
    // The labels around an answer speak its language, whatever the page's.
    const strings = STRINGS[answer.language];
    const status = h("p", { class: "bw-feedback__status", role: "status" });
    // A reader who tries again after a failure may send a rating that was in fact stored; under
    // the same key the server stores it once.
    const key = randomKey();
    let sent = false;
    const rate = async (rating: "up" | "down", button: HTMLButtonElement) => {
      if (sent) return;
      sent = true;
      // aria-disabled rather than disabled: a disabled button drops keyboard focus to <body>.
      for (const b of [up, down]) b.setAttribute("aria-disabled", "true");
      button.setAttribute("aria-pressed", "true");
      try {
        await api.feedback({
          question,
          answer: answer.answer,
          rating,
          idempotencyKey: `${key}-${rating}`,
          questionId,
        });
        status.textContent = strings.feedbackThanks;
      } catch {
        sent = false;
        for (const b of [up, down]) b.removeAttribute("aria-disabled");
        button.setAttribute("aria-pressed", "false");
        status.textContent = strings.feedbackFailed;
      }
    };
    const rateButton = (rating: "up" | "down", label: string, path: string) => {
      const button = h(
        "button",
        { type: "button", class: "bw-rate", "aria-pressed": "false", title: label },
        icon(path),
        h("span", { class: "bw-sr-only" }, label),
      );
      button.addEventListener("click", () => void rate(rating, button));
      return button;
    };
    const up = rateButton("up", strings.feedbackUp, ICONS.thumbsUp);
    const down = rateButton("down", strings.feedbackDown, ICONS.thumbsDown);
    return h(
      "div",
      { class: "bw-feedback" },
      h("p", { class: "bw-feedback__question" }, strings.feedbackQuestion),
      h("div", { class: "bw-feedback__buttons" }, up, down),
      copyLinkButton(question, answer, status),
      status,
    );
  }

  async function ask(question: string): Promise<void> {
    busy = true;
    // Once the conversation starts the examples have done their job; refusals suggest more.
    welcome.remove();
    send.setAttribute("aria-disabled", "true");
    const asked = h(
      "div",
      { class: "bw-msg bw-question" },
      h("span", { class: "bw-sr-only" }, `${strings.you}: `),
      question,
    );
    const status = h("p", { class: "bw-status" }, strings.searching);
    const text = h("p", { class: "bw-answer__text" });
    const slot = h("div", { class: "bw-source-slot", id: uniqueId("source-slot") });
    const message = h(
      "article",
      { class: "bw-msg bw-answer", "aria-busy": "true", "aria-label": strings.assistant },
      status,
      text,
      slot,
    );
    log.append(asked, message);
    asked.scrollIntoView({ block: "nearest" });
    live.textContent = strings.searching;

    let streamed = "";
    let citations: Citation[] = [];
    let language = options.lang;
    let chips: HTMLButtonElement[] = [];
    let open: number | undefined;

    const markChips = () => {
      for (const chip of chips) {
        chip.setAttribute("aria-expanded", String(chip.textContent === String(open)));
        chip.setAttribute("aria-controls", slot.id);
      }
    };
    const closeSource = () => {
      const chip = chips.find((c) => c.textContent === String(open));
      open = undefined;
      slot.replaceChildren();
      markChips();
      chip?.focus();
    };
    const openSource = async (citation: Citation) => {
      if (open === citation.n) {
        closeSource();
        return;
      }
      open = citation.n;
      markChips();
      const letter = language === "en" ? await api.letter().catch(() => undefined) : undefined;
      if (open !== citation.n) return;
      const panel = citationPanel({
        citation,
        language,
        strings: STRINGS[language],
        letter,
        letterHref: options.letterHref(citation.passageId, language),
        newTab: options.newTab,
        onClose: closeSource,
      });
      panel.addEventListener("keydown", (event) => {
        if (event.key !== "Escape") return;
        // The widget closes its panel on Escape; here Escape only closes the source.
        event.stopPropagation();
        closeSource();
      });
      slot.replaceChildren(panel);
      // Focus for keyboard and screen reader users. The view shows the answer's end (the source
      // and the feedback row under it) where it fits, then the highlighted quote, each clear of
      // the sticky question bar (the page's scroll-padding-bottom).
      panel.focus({ preventScroll: true });
      (message.querySelector(".bw-feedback") ?? panel).scrollIntoView({ block: "nearest" });
      (panel.querySelector("mark") ?? panel).scrollIntoView({ block: "nearest" });
    };
    const showText = (value: string, direct?: Answer["direct"]) => {
      const rendered = answerText(
        value,
        citations,
        STRINGS[language],
        (citation) => void openSource(citation),
        direct,
      );
      chips = rendered.chips;
      text.replaceChildren(...rendered.nodes);
      markChips();
    };

    try {
      const { answer, questionId } = await api.ask(
        { question, history: history.slice(-MAX_HISTORY), lang: "auto" },
        {
          onCitations: (received) => {
            citations = received;
          },
          onDelta: (delta) => {
            streamed += delta;
            showText(streamed);
          },
        },
      );
      citations = answer.citations;
      language = answer.language;
      const labels = STRINGS[language];
      message.setAttribute("lang", language);
      message.setAttribute("aria-label", labels.assistant);
      showText(answer.answer, answer.direct);
      status.remove();
      if (!answer.grounded) {
        const notStated = answer.reason === "not_stated";
        message.classList.add("bw-refusal");
        message.prepend(
          h("p", { class: "bw-badge" }, notStated ? labels.notStated : labels.notInLetter),
        );
        if (notStated && answer.related?.length) {
          message.append(
            seeAlso(
              answer.related,
              labels,
              (passageId) => options.letterHref(passageId, language),
              options.newTab,
            ),
          );
        }
        if (answer.followUps?.length) {
          message.append(questionButtons(labels.suggestionsLabel, answer.followUps));
        }
      }
      message.append(feedbackRow(question, answer, questionId));
      history.push(
        { role: "user", content: question },
        { role: "assistant", content: answer.answer.slice(0, MAX_TURN_CHARS) },
      );
      live.textContent = `${strings.answerAnnouncement} ${answer.answer}`;
    } catch (error) {
      const kind = error instanceof ApiProblem ? error.kind : "failed";
      const retry = h("button", { type: "button", class: "bw-secondary" }, strings.retry);
      retry.addEventListener("click", () => {
        asked.remove();
        message.remove();
        // The retry button is gone with its message; keep keyboard focus in the chat.
        input.focus();
        void ask(question);
      });
      message.classList.add("bw-error");
      message.replaceChildren(h("p", { class: "bw-error__text" }, strings.problems[kind]), retry);
      live.textContent = strings.problems[kind];
    } finally {
      message.setAttribute("aria-busy", "false");
      busy = false;
      send.removeAttribute("aria-disabled");
    }
  }

  const element = h("div", { class: "bw-chat" }, log, live, form);
  const initial = options.initialQuestion?.trim();
  if (initial) void ask(initial.slice(0, 1000));
  return { element, focus: () => input.focus() };
}
