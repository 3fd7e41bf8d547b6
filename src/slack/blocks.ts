import type { ContextBlock, KnownBlock, SectionBlock } from "@slack/types";
import type { Answer, Citation } from "../answer/types.js";
import { exampleQuestions } from "../letter/examples.js";
import type { Language } from "../letter/types.js";
import { publicError } from "../server/errors.js";
import { clipEscaped, escapeMrkdwn, MAX_TEXT, splitText } from "./mrkdwn.js";

/** Slack's limit on the blocks of one message. */
export const MAX_BLOCKS = 50;

/** A slash-command reply: the acknowledgement's body, or what is POSTed to `response_url`. */
export interface SlackMessage {
  response_type: "ephemeral" | "in_channel";
  /** The fallback for notifications and clients that show no blocks. */
  text: string;
  blocks: KnownBlock[];
}

export type ResponseType = SlackMessage["response_type"];

const LABELS = {
  en: {
    asked: "asked",
    question: "Question",
    sources: "Sources",
    page: "page",
    footnote: "footnote",
    openInLetter: "open in the letter",
    notCovered: "Not in the letter",
    notStated: "Not stated in the letter",
    seeAlso: "See also, in the letter",
    tryAsking: "Questions the letter does answer:",
  },
  nl: {
    asked: "vroeg",
    question: "Vraag",
    sources: "Bronnen",
    page: "pagina",
    footnote: "voetnoot",
    openInLetter: "open in de brief",
    notCovered: "Niet in de brief",
    notStated: "Niet vermeld in de brief",
    seeAlso: "Zie ook, in de brief",
    tryAsking: "Vragen die de brief wel beantwoordt:",
  },
} satisfies Record<Language, Record<string, string>>;

const section = (text: string): SectionBlock => ({
  type: "section",
  text: { type: "mrkdwn", text },
});

const context = (text: string): ContextBlock => ({
  type: "context",
  elements: [{ type: "mrkdwn", text }],
});

/** The question as others in the channel see it: the asker's own command is not shown to them. */
function questionBlock(question: string, language: Language, userId?: string): SectionBlock {
  const labels = LABELS[language];
  // Slack user ids are upper-case alphanumerics; anything else is not put inside a `<@…>` mention.
  const who =
    userId && /^[UW][A-Z0-9]+$/.test(userId)
      ? `<@${userId}> ${labels.asked}:`
      : `*${labels.question}*`;
  const oneLine = question.replace(/\s+/g, " ").trim();
  return section(`${who}\n>${clipEscaped(oneLine, MAX_TEXT - who.length - 2)}`);
}

/**
 * The paragraph in the letter view, in the answer's language; `|` and angle brackets would end
 * Slack's link syntax early.
 */
function letterLink(publicBaseUrl: string, passageId: string, language: Language): string {
  const href = new URL(
    `letter?lang=${language}#${encodeURIComponent(passageId)}`,
    `${publicBaseUrl}/`,
  ).href;
  return href.replace(/[<>|]/g, (char) => encodeURIComponent(char));
}

/**
 * One citation as a single context element: several elements would sit side by side, and one
 * element holds up to 3000 characters, so the lines are clipped to share that budget in order of
 * importance (where, the quote, then the footnotes).
 */
function sourceText(
  citation: Citation,
  language: Language,
  publicBaseUrl?: string,
  /** A place the letter mentions the subject ("see also") has no marker in the answer. */
  numbered = true,
): string {
  const labels = LABELS[language];
  const where = [
    numbered
      ? `*[${citation.n}]* ${labels.page} ${citation.page}`
      : `${labels.page} ${citation.page}`,
    escapeMrkdwn(citation.section),
  ];
  if (publicBaseUrl) {
    where.push(
      `<${letterLink(publicBaseUrl, citation.passageId, language)}|${labels.openInLetter}>`,
    );
  }
  const heading = where.join(" · ");
  const lines = [heading];
  let room = MAX_TEXT - heading.length;
  const add = (prefix: string, raw: string, suffix = "") => {
    const space = room - 1 - prefix.length - suffix.length;
    if (space < 16) return;
    const line = `${prefix}${clipEscaped(raw, space)}${suffix}`;
    lines.push(line);
    room -= line.length + 1;
  };
  add("“", citation.quote, "”");
  for (const footnote of citation.footnotes) {
    add(`${labels.footnote} ${footnote.number}: `, footnote.text);
  }
  return lines.join("\n");
}

/** The answer as mrkdwn, its direct answer (the words that answer a "when", "how many"…) in bold. */
function answerMrkdwn(answer: Answer): string {
  const lead = answer.direct ? `${answer.direct.text} [${answer.direct.citation}]` : undefined;
  if (!lead || !answer.answer.startsWith(lead)) return escapeMrkdwn(answer.answer);
  const rest = answer.answer.slice(answer.direct?.text.length);
  return `*${escapeMrkdwn(answer.direct?.text ?? "")}*${escapeMrkdwn(rest)}`;
}

export interface AnswerMessageOptions {
  question: string;
  answer: Answer;
  responseType: ResponseType;
  userId?: string;
  publicBaseUrl?: string;
}

/** The full reply: the question, the answer with its [n] markers, and one source per citation. */
export function answerMessage(options: AnswerMessageOptions): SlackMessage {
  const { question, answer, publicBaseUrl } = options;
  const labels = LABELS[answer.language];
  const blocks: KnownBlock[] = [questionBlock(question, answer.language, options.userId)];

  if (answer.grounded) {
    blocks.push(...splitText(answerMrkdwn(answer)).map(section));
  } else {
    const notStated = answer.reason === "not_stated";
    const badge = notStated ? labels.notStated : labels.notCovered;
    blocks.push(...splitText(`*${badge}*\n${escapeMrkdwn(answer.answer)}`).map(section));
    // Where the letter mentions the subject: to read on, not the answer's source.
    const related = notStated ? (answer.related ?? []) : [];
    if (related.length > 0) {
      blocks.push(section(`*${labels.seeAlso}*`));
      for (const place of related) {
        blocks.push(context(sourceText(place, answer.language, publicBaseUrl, false)));
      }
    }
    const suggestions = answer.followUps ?? [];
    if (suggestions.length > 0) {
      const list = suggestions.map((q) => `• ${escapeMrkdwn(q)}`).join("\n");
      blocks.push(...splitText(`${labels.tryAsking}\n${list}`).map(section));
    }
  }

  if (answer.citations.length > 0) {
    blocks.push(section(`*${labels.sources}*`));
    for (const citation of answer.citations) {
      blocks.push(context(sourceText(citation, answer.language, publicBaseUrl)));
    }
  }

  return {
    response_type: options.responseType,
    text: clipEscaped(`${question.trim()}\n${answer.answer}`, MAX_TEXT),
    // Answers are short; this only guards against a pathological one being rejected whole.
    blocks: blocks.slice(0, MAX_BLOCKS),
  };
}

/** Usage and example questions, for an empty command and `help`. */
export function usageMessage(command: string): SlackMessage {
  const examples = [...exampleQuestions("en"), ...exampleQuestions("nl")]
    .map((q) => `• \`${command} ${escapeMrkdwn(q)}\``)
    .join("\n");
  const placeholder = "&lt;question&gt;";
  const text = [
    "*Briefwijzer* answers questions about Kamerstuk 30 420, nr. 415 (the letter on gender equality, SRHR and LGBTIQ+ equality in the EU), quoting the letter and its footnotes. Ask in English or Dutch.",
    `• \`${command} ${placeholder}\`: an answer only you can see`,
    `• \`${command} share ${placeholder}\`: an answer the whole channel sees`,
    `• \`${command} help\`: this message`,
  ].join("\n");
  return {
    response_type: "ephemeral",
    text: `Usage: ${command} ${placeholder}, or ${command} share ${placeholder}`,
    blocks: [section(text), section(`*Examples*\n${examples}`)],
  };
}

function notice(text: string): SlackMessage {
  return { response_type: "ephemeral", text, blocks: [section(text)] };
}

/** The immediate acknowledgement while the answer is still being composed. */
export function lookingUpMessage(question: string): SlackMessage {
  const oneLine = question.replace(/\s+/g, " ").trim();
  return notice(`Looking that up… “${clipEscaped(oneLine, MAX_TEXT - 20)}”`);
}

/**
 * A failure to answer, told to the asker: Slack's one mapping of the service's errors. It goes
 * out with status 200, since Slack shows any error status as a bare "dispatch failed".
 */
export function failureMessage(error: unknown): SlackMessage {
  return notice(
    publicError(error).kind === "not_ready"
      ? "Briefwijzer is starting up and is not ready to answer yet. Please try again in a minute."
      : "Sorry, Briefwijzer could not answer that just now. Please try again later.",
  );
}

/** The same limit as the API's; the asker sees how far over it the question is. */
export function questionTooLongMessage(length: number, max: number): SlackMessage {
  const count = (n: number) => n.toLocaleString("en");
  return notice(
    `Your question is ${count(length)} characters long; Briefwijzer takes questions of up to ${count(max)} characters. Please shorten it, or ask it as separate questions.`,
  );
}
