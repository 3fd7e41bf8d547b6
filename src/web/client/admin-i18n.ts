import type { Outcome } from "../../answer/types.js";
import type { Channel } from "../../feedback/question-log.js";
import type { Language } from "../../letter/types.js";

/** The insights page's words: kept apart from the chat's, which the widget bundles. */
export interface AdminStrings {
  title: string;
  heading: string;
  intro: string;
  noScript: string;
  formLabel: string;
  token: string;
  tokenHint: string;
  from: string;
  to: string;
  show: string;
  forget: string;
  tokenHeld: string;
  loading: string;
  loaded: (from: string, to: string) => string;
  problems: {
    unauthorized: string;
    disabled: string;
    invalid: (message: string) => string;
    rateLimited: string;
    unavailable: string;
    unreachable: string;
    failed: string;
  };
  questionLogOff: string;
  downloadCsv: string;
  downloading: string;
  totals: {
    heading: string;
    questions: string;
    answered: string;
    unanswered: string;
    followUps: string;
    cacheHits: string;
    latency: string;
    latencyValue: (p50: number, p95: number) => string;
    ratings: string;
    ratingsValue: (up: number, down: number) => string;
    none: string;
  };
  overTime: { heading: string; description: (total: number, days: number) => string };
  showTable: string;
  day: string;
  total: string;
  byChannel: string;
  byLanguage: string;
  bySections: string;
  citations: string;
  share: (count: number, percent: number) => string;
  topQuestions: string;
  question: string;
  timesAsked: string;
  outcomes: string;
  alsoAskedAs: string;
  unanswered: string;
  topic: string;
  questions: string;
  thumbsDown: string;
  date: string;
  answer: string;
  comment: string;
  sections: string;
  channel: string;
  outcome: string;
  nothing: string;
  outcomeNames: Record<Outcome, string>;
  channelNames: Record<Channel, string>;
  languageNames: Record<Language, string>;
}

export const ADMIN_STRINGS: Record<Language, AdminStrings> = {
  en: {
    title: "Insights",
    heading: "What people ask about the letter",
    intro:
      "For the letter's owners: the questions asked in every channel (scrubbed of personal data, never who asked), what the letter leaves unanswered, and how answers are rated.",
    noScript: "This page needs JavaScript.",
    formLabel: "Period and access",
    token: "Admin token",
    tokenHint: "Kept in this tab's memory only: reloading the page forgets it.",
    from: "From",
    to: "To (included)",
    show: "Show insights",
    forget: "Forget the token",
    tokenHeld: "The token is held in this tab until you reload or forget it.",
    loading: "Loading the insights…",
    loaded: (from, to) => `Insights from ${from} to ${to} loaded.`,
    problems: {
      unauthorized: "The token was not accepted. Enter the admin token again.",
      disabled: "Insights are disabled on this server: it has no ADMIN_TOKEN.",
      invalid: (message) => `The period is not valid: ${message}`,
      rateLimited: "Too many requests; try again in a minute.",
      unavailable: "The database cannot be read right now; try again later.",
      unreachable: "The server cannot be reached. Check your connection.",
      failed: "Something went wrong on the server.",
    },
    questionLogOff:
      "The question log is off on this server (QUESTION_LOG=off): no new questions are recorded. Ratings are still counted.",
    downloadCsv: "Download the questions as CSV",
    downloading: "Preparing the download…",
    totals: {
      heading: "At a glance",
      questions: "Questions",
      answered: "Answered from the letter",
      unanswered: "Not answered by the letter",
      followUps: "Follow-up questions",
      cacheHits: "Answered from the cache",
      latency: "Answer time (median / 95th percentile)",
      latencyValue: (p50, p95) => `${p50} ms / ${p95} ms`,
      ratings: "Ratings (helpful / not helpful)",
      ratingsValue: (up, down) => `${up} / ${down}`,
      none: "none",
    },
    overTime: {
      heading: "Questions per day, by outcome",
      description: (total, days) => `${total} questions over ${days} days.`,
    },
    showTable: "Show the figures as a table",
    day: "Day",
    total: "Total",
    byChannel: "Questions by channel",
    byLanguage: "Questions by language",
    bySections: "Sections by citations",
    citations: "Citations",
    share: (count, percent) => `${count} (${percent}%)`,
    topQuestions: "Most asked questions",
    question: "Question",
    timesAsked: "Times asked",
    outcomes: "Outcomes",
    alsoAskedAs: "Also asked as",
    unanswered: "Questions the letter does not answer, by topic",
    topic: "Topic",
    questions: "Questions",
    thumbsDown: "Answers rated not helpful",
    date: "Date",
    answer: "Answer",
    comment: "Comment",
    sections: "Sections cited",
    channel: "Channel",
    outcome: "Outcome",
    nothing: "Nothing in this period.",
    outcomeNames: {
      answer: "Answered",
      overview: "Overview",
      letter_fact: "About the letter itself",
      language_switch: "Language switch",
      not_stated: "Not stated in the letter",
      out_of_scope: "Outside the letter",
    },
    channelNames: {
      page: "Chat page",
      widget: "Widget",
      slack: "Slack",
      mcp: "AI assistants (MCP)",
      api: "API",
      cli: "Command line",
    },
    languageNames: { en: "English", nl: "Dutch" },
  },
  nl: {
    title: "Inzichten",
    heading: "Wat mensen over de brief vragen",
    intro:
      "Voor de eigenaars van de brief: de vragen uit elk kanaal (ontdaan van persoonsgegevens, nooit wie ze stelde), wat de brief onbeantwoord laat en hoe antwoorden worden beoordeeld.",
    noScript: "Deze pagina heeft JavaScript nodig.",
    formLabel: "Periode en toegang",
    token: "Beheertoken",
    tokenHint: "Alleen bewaard in het geheugen van dit tabblad: herladen vergeet het.",
    from: "Van",
    to: "Tot en met",
    show: "Inzichten tonen",
    forget: "Token vergeten",
    tokenHeld: "Het token blijft in dit tabblad tot u herlaadt of het vergeet.",
    loading: "Inzichten laden…",
    loaded: (from, to) => `Inzichten van ${from} tot en met ${to} geladen.`,
    problems: {
      unauthorized: "Het token werd niet geaccepteerd. Voer het beheertoken opnieuw in.",
      disabled: "Inzichten staan uit op deze server: er is geen ADMIN_TOKEN ingesteld.",
      invalid: (message) => `De periode is niet geldig: ${message}`,
      rateLimited: "Te veel verzoeken; probeer het over een minuut opnieuw.",
      unavailable: "De database kan nu niet worden gelezen; probeer het later opnieuw.",
      unreachable: "De server is niet bereikbaar. Controleer uw verbinding.",
      failed: "Er ging iets mis op de server.",
    },
    questionLogOff:
      "Het vragenlogboek staat uit op deze server (QUESTION_LOG=off): nieuwe vragen worden niet vastgelegd. Beoordelingen worden nog wel geteld.",
    downloadCsv: "De vragen downloaden als CSV",
    downloading: "Download voorbereiden…",
    totals: {
      heading: "In één oogopslag",
      questions: "Vragen",
      answered: "Beantwoord uit de brief",
      unanswered: "Niet beantwoord door de brief",
      followUps: "Vervolgvragen",
      cacheHits: "Beantwoord uit de cache",
      latency: "Antwoordtijd (mediaan / 95e percentiel)",
      latencyValue: (p50, p95) => `${p50} ms / ${p95} ms`,
      ratings: "Beoordelingen (nuttig / niet nuttig)",
      ratingsValue: (up, down) => `${up} / ${down}`,
      none: "geen",
    },
    overTime: {
      heading: "Vragen per dag, naar uitkomst",
      description: (total, days) => `${total} vragen in ${days} dagen.`,
    },
    showTable: "De cijfers als tabel tonen",
    day: "Dag",
    total: "Totaal",
    byChannel: "Vragen per kanaal",
    byLanguage: "Vragen per taal",
    bySections: "Secties naar aantal citaten",
    citations: "Citaten",
    share: (count, percent) => `${count} (${percent}%)`,
    topQuestions: "Meest gestelde vragen",
    question: "Vraag",
    timesAsked: "Aantal keer gesteld",
    outcomes: "Uitkomsten",
    alsoAskedAs: "Ook gesteld als",
    unanswered: "Vragen die de brief niet beantwoordt, per onderwerp",
    topic: "Onderwerp",
    questions: "Vragen",
    thumbsDown: "Antwoorden beoordeeld als niet nuttig",
    date: "Datum",
    answer: "Antwoord",
    comment: "Opmerking",
    sections: "Geciteerde secties",
    channel: "Kanaal",
    outcome: "Uitkomst",
    nothing: "Niets in deze periode.",
    outcomeNames: {
      answer: "Beantwoord",
      overview: "Overzicht",
      letter_fact: "Over de brief zelf",
      language_switch: "Taalwissel",
      not_stated: "Niet vermeld in de brief",
      out_of_scope: "Buiten de brief",
    },
    channelNames: {
      page: "Chatpagina",
      widget: "Widget",
      slack: "Slack",
      mcp: "AI-assistenten (MCP)",
      api: "API",
      cli: "Opdrachtregel",
    },
    languageNames: { en: "Engels", nl: "Nederlands" },
  },
};
