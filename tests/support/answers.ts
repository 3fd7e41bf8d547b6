/**
 * Near-topic questions whose subject the letter mentions without giving what is asked: the
 * answer service refuses them as `not_stated`, with the places that mention the subject.
 */
export const NOT_STATED = {
  en: "How many LGBTIQ+ people live in the Netherlands?",
  nl: "Hoeveel geld gaf Nederland aan ILGA-Europe?",
} as const;
