import { exampleQuestions } from "../../letter/examples.js";
import type { Language } from "../../letter/types.js";

export type ProblemKind =
  | "rate-limited"
  | "starting"
  | "unreachable"
  | "not-allowed"
  | "invalid"
  | "failed";

export interface Strings {
  appName: string;
  pageHeading: string;
  tagline: string;
  skipToContent: string;
  readLetter: string;
  askBriefwijzer: string;
  otherLanguage: { lang: Language; label: string };
  noScript: string;
  disclaimer: string;
  greetingTitle: string;
  /** A heading for screen readers over the questions and answers, above the sources' headings. */
  conversation: string;
  greetingText: string;
  examplesLabel: string;
  examples: string[];
  questionLabel: string;
  placeholder: string;
  send: string;
  sendHint: string;
  you: string;
  assistant: string;
  searching: string;
  answerAnnouncement: string;
  notInLetter: string;
  /** A refusal whose subject the letter mentions without saying what was asked. */
  notStated: string;
  /** Where the letter mentions the subject of a question it does not answer. */
  seeAlso: string;
  suggestionsLabel: string;
  copyLink: string;
  linkCopied: string;
  /** When the clipboard cannot be written: the link is shown to copy by hand. */
  copyThisLink: string;
  citationLabel: (n: number, page: number, section: string) => string;
  sourceHeading: (n: number) => string;
  page: (page: number) => string;
  pageShort: (page: number) => string;
  footnotes: string;
  footnote: (n: number) => string;
  backToText: string;
  openInLetter: string;
  closeCitation: string;
  dutchOriginal: string;
  feedbackQuestion: string;
  feedbackUp: string;
  feedbackDown: string;
  feedbackThanks: string;
  feedbackFailed: string;
  problems: Record<ProblemKind, string>;
  retry: string;
  widgetTitle: string;
  closeWidget: string;
  letterHeading: string;
  signedBy: string;
  officialSource: string;
}

export const STRINGS: Record<Language, Strings> = {
  en: {
    appName: "Briefwijzer",
    pageHeading: "Questions about the letter to parliament",
    skipToContent: "Skip to content",
    tagline:
      "Ask questions about the letter to parliament on gender equality, sexual and reproductive health and rights, and LGBTIQ+ equality in the EU.",
    readLetter: "Read the letter",
    askBriefwijzer: "Ask Briefwijzer",
    otherLanguage: { lang: "nl", label: "Nederlands" },
    noScript: "The chat needs JavaScript. You can still read the whole letter.",
    disclaimer:
      "Answers quote the letter and link to their sources. The Dutch original is authoritative; check important details in the letter itself.",
    greetingTitle: "Ask the letter",
    conversation: "Conversation",
    greetingText:
      "Ask a question in English or Dutch. Every answer quotes the letter and shows where it says so, down to the footnotes.",
    examplesLabel: "You could ask",
    examples: exampleQuestions("en"),
    questionLabel: "Your question",
    placeholder: "Ask about the letter…",
    send: "Ask",
    sendHint: "Enter to send, Shift+Enter for a new line",
    you: "You",
    assistant: "Briefwijzer",
    searching: "Searching the letter…",
    answerAnnouncement: "Answer:",
    notInLetter: "Not in the letter",
    notStated: "Not stated in the letter",
    seeAlso: "See also, in the letter",
    suggestionsLabel: "Questions the letter does answer",
    copyLink: "Copy link",
    linkCopied: "Link copied.",
    copyThisLink: "Copy this link:",
    citationLabel: (n, page, section) => `Source ${n}: page ${page}, ${section}`,
    sourceHeading: (n) => `Source ${n}`,
    page: (page) => `Page ${page}`,
    pageShort: (page) => `p. ${page}`,
    footnotes: "Footnotes",
    footnote: (n) => `Footnote ${n}`,
    backToText: "Back to the text",
    openInLetter: "Read this passage in the letter",
    closeCitation: "Close source",
    dutchOriginal: "Dutch original",
    feedbackQuestion: "Was this answer helpful?",
    feedbackUp: "Helpful",
    feedbackDown: "Not helpful",
    feedbackThanks: "Thank you for your feedback.",
    feedbackFailed: "Your feedback could not be sent. Please try again.",
    problems: {
      "rate-limited":
        "You have asked many questions in a short time. Please wait a minute and try again.",
      starting: "Briefwijzer is starting up. Please try again in a few seconds.",
      unreachable: "The Briefwijzer server cannot be reached. Check your connection and try again.",
      "not-allowed":
        "This site is not allowed to use the Briefwijzer service. Its administrators can ask for it to be allowed.",
      invalid: "This question could not be processed. Questions can be up to 1,000 characters.",
      failed: "Something went wrong while answering. Please try again.",
    },
    retry: "Try again",
    widgetTitle: "Ask the letter",
    closeWidget: "Close",
    letterHeading: "Letter to parliament",
    signedBy: "Signed by",
    officialSource: "Official publication",
  },
  nl: {
    appName: "Briefwijzer",
    pageHeading: "Vragen over de Kamerbrief",
    skipToContent: "Direct naar de inhoud",
    tagline:
      "Stel vragen over de Kamerbrief over gendergelijkheid, seksuele en reproductieve gezondheid en rechten, en gelijke rechten van lhbtiq+ personen in de EU.",
    readLetter: "Lees de brief",
    askBriefwijzer: "Vraag het Briefwijzer",
    otherLanguage: { lang: "en", label: "English" },
    noScript: "De chat werkt alleen met JavaScript. U kunt de hele brief wel lezen.",
    disclaimer:
      "Antwoorden citeren de brief en verwijzen naar de bron. De Nederlandse tekst is leidend; controleer belangrijke details in de brief zelf.",
    greetingTitle: "Vraag het de brief",
    conversation: "Gesprek",
    greetingText:
      "Stel een vraag in het Nederlands of Engels. Elk antwoord citeert de brief en laat zien waar het staat, tot in de voetnoten.",
    examplesLabel: "U kunt bijvoorbeeld vragen",
    examples: exampleQuestions("nl"),
    questionLabel: "Uw vraag",
    placeholder: "Stel een vraag over de brief…",
    send: "Vraag",
    sendHint: "Enter om te versturen, Shift+Enter voor een nieuwe regel",
    you: "U",
    assistant: "Briefwijzer",
    searching: "De brief wordt doorzocht…",
    answerAnnouncement: "Antwoord:",
    notInLetter: "Niet in de brief",
    notStated: "Niet vermeld in de brief",
    seeAlso: "Zie ook, in de brief",
    suggestionsLabel: "Vragen die de brief wel beantwoordt",
    copyLink: "Link kopiëren",
    linkCopied: "Link gekopieerd.",
    copyThisLink: "Kopieer deze link:",
    citationLabel: (n, page, section) => `Bron ${n}: pagina ${page}, ${section}`,
    sourceHeading: (n) => `Bron ${n}`,
    page: (page) => `Pagina ${page}`,
    pageShort: (page) => `p. ${page}`,
    footnotes: "Voetnoten",
    footnote: (n) => `Voetnoot ${n}`,
    backToText: "Terug naar de tekst",
    openInLetter: "Lees deze passage in de brief",
    closeCitation: "Bron sluiten",
    dutchOriginal: "Nederlandse tekst",
    feedbackQuestion: "Had u iets aan dit antwoord?",
    feedbackUp: "Nuttig",
    feedbackDown: "Niet nuttig",
    feedbackThanks: "Bedankt voor uw reactie.",
    feedbackFailed: "Uw reactie kon niet worden verstuurd. Probeer het opnieuw.",
    problems: {
      "rate-limited":
        "U heeft in korte tijd veel vragen gesteld. Wacht een minuut en probeer het opnieuw.",
      starting: "Briefwijzer wordt opgestart. Probeer het over een paar seconden opnieuw.",
      unreachable:
        "De Briefwijzer-server is niet bereikbaar. Controleer uw verbinding en probeer het opnieuw.",
      "not-allowed":
        "Deze site mag de Briefwijzer-dienst niet gebruiken. De beheerders van de site kunnen vragen om toegang.",
      invalid:
        "Deze vraag kon niet worden verwerkt. Een vraag mag maximaal 1.000 tekens lang zijn.",
      failed: "Er ging iets mis bij het beantwoorden. Probeer het opnieuw.",
    },
    retry: "Opnieuw proberen",
    widgetTitle: "Vraag het de brief",
    closeWidget: "Sluiten",
    letterHeading: "Kamerbrief",
    signedBy: "Ondertekend door",
    officialSource: "Officiële publicatie",
  },
};

export function isLanguage(value: unknown): value is Language {
  return value === "en" || value === "nl";
}
