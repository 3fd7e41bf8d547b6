import type { Language } from "../letter/types.js";
import { THE_LETTER } from "./letter.js";

/**
 * A request for an overview rather than one fact: a summary, the main points, what the letter (or
 * its part on a topic) says.
 */
export const OVERVIEW_REQUEST: Record<Language, RegExp> = {
  en: new RegExp(
    `\\b(?:summar(?:y|ise|ize|ising|izing)|recap|rundown|run-down|outline|synopsis|digest|bottom line|headlines|essence|crux|(?:sum (?:it |this |that |${THE_LETTER.en} )?up|boil (?:it |this |that |${THE_LETTER.en} )?down|break (?:it |this |that |${THE_LETTER.en} )?down)|breakdown|short version|cliff ?notes|at a glance|executive summary|elevator pitch|run me through|go over ${THE_LETTER.en}|(?:main|key|most important|biggest) (?:points?|messages?|topics?|themes?|takeaways?|[\\p{L}-]+s\\b)|highlights|gist|overview|big picture|in (?:short|brief|a nutshell)|tl;?dr|what(?: is|'s|’s) (?:${THE_LETTER.en}|it) (?:about|on)|what (?:does|do) ${THE_LETTER.en} (?:cover|discuss|deal with|address)|(?:what|which) (?:topics|subjects|themes|issues) (?:does|do|are|is)\\b|what (?:does|do) it (?:cover|discuss|deal with|address)|(?:say|says|said|report|reports) about\\b|what(?:'s| is) in ${THE_LETTER.en}|what (?:does|do) ${THE_LETTER.en} (?:contain|say|report)\\W*$|what(?: is|'s|’s) ${THE_LETTER.en} (?:mainly|mostly|chiefly|really|basically) about|(?:purpose|aim|gist|message|content|contents) of ${THE_LETTER.en}|most important (?:points?|things?|messages?|topics?)|(?:explain|describe|brief me on|walk me through) ${THE_LETTER.en}|tell me (?:more )?about|(?:section|part|chapter|paragraph) (?:on|about)\\b|what (?:does|do) (?:the )?(?:government|cabinet|ministers?) (?:report|say|write|tell) in ${THE_LETTER.en})`,
    "iu",
  ),
  nl: new RegExp(
    `\\b(?:samenvatting|samenvatten|samengevat|vat\\b.*\\bsamen|notendop|grote lijnen|essentie|rode draad|teneur|korte versie|in vogelvlucht|highlights|waar (?:komt|draait) (?:${THE_LETTER.nl}|het) (?:\\S+ ){0,3}(?:op neer|om)\\W*$|hoofdpunten|hoofdlijnen|kernpunten|belangrijkste (?:boodschap|[\\p{L}-]+(?:en|s)\\b)|in het kort|kern van|strekking|overzicht|waar gaat (?:${THE_LETTER.nl}|het)(?: \\S+){0,4} over\\W*$|waarover gaat|welke onderwerpen|wat (?:staat|zegt|vermeldt|meldt)\\b.*\\bover\\b|wat (?:behandelt|bespreekt) ${THE_LETTER.nl}|wat staat er in ${THE_LETTER.nl}\\W*$|(?:inhoud|doel|boodschap) van ${THE_LETTER.nl}|wat (?:meldt|vertelt|rapporteert|schrijft) (?:het kabinet|de regering|de minister) in ${THE_LETTER.nl}|welke (?:thema'?s|onderwerpen|kwesties) (?:komen|worden|staan)|vertel (?:me )?(?:iets |meer )?over|(?:het|de) (?:deel|stuk|hoofdstuk|kopje|onderdeel|paragraaf) over)`,
    "iu",
  ),
};

/** What may open the noun phrase of a request ("a short summary", "een beknopte samenvatting"). */
export const REQUEST_DETERMINER: Record<Language, string> = {
  en: "a|an|the|this|that|your|my|our|some",
  nl: "een|de|het|deze|die|dit|je|jouw|uw|mijn|onze|ons",
};

/** A part of the letter, named as such: "the section on…", "het deel over…". */
export const LETTER_PART: Record<Language, RegExp> = {
  en: /\b(?:section|part|chapter|heading|paragraph)s?\b/i,
  nl: /\b(?:deel|gedeelte|hoofdstuk|kopje|onderdeel|paragraaf|stuk over)\b/i,
};

/**
 * What a request is wanted for ("for our members' newsletter", "ten behoeve van de spreektekst"):
 * it says why or in what form, never what about. A possessive or an article follows the preposition
 * ("for LGBTIQ+ persons" names a topic), and the phrase ends at a clause's end or after three words.
 * What only a purpose opens ("ten behoeve van", "in preparation for", never a bare "for": "for a
 * summary of the sanctions") runs on through what is prepared: "…van het plenaire debat".
 */
export const PURPOSE: Record<Language, RegExp> = {
  en: /\b(?:(?:in preparation for|to prepare for|ahead of|in the run-up to) (?:our|my|your|their|his|her|a|an|the) (?:[\p{L}'’-]+ ){0,2}?[\p{L}'’-]+(?: of (?:our|my|your|their|his|her|a|an|the) (?:[\p{L}'’-]+ ){0,2}?[\p{L}'’-]+)?|(?:for|to use in|to put in|to include in) (?:our|my|your|their|his|her|a|an|the) (?:[\p{L}'’-]+ ){0,2}?[\p{L}'’-]+)(?=\s*(?:[,.;:!?()–—-]|$|\b(?:of|on|about|in|and|or|to|with|please|pls)\b))/iu,
  nl: /\b(?:(?:ten behoeve van|t\.b\.v\.|tbv|ter voorbereiding (?:van|op)) (?:ons|onze|mijn|jouw|je|uw|hun|zijn|haar|een|de|het) (?:[\p{L}'’-]+ ){0,2}?[\p{L}'’-]+(?: van (?:ons|onze|mijn|jouw|je|uw|hun|zijn|haar|een|de|het) (?:[\p{L}'’-]+ ){0,2}?[\p{L}'’-]+)?|(?:voor|bedoeld voor) (?:ons|onze|mijn|jouw|je|uw|hun|zijn|haar|een|de|het) (?:[\p{L}'’-]+ ){0,2}?[\p{L}'’-]+)(?=\s*(?:[,.;:!?()–—-]|$|\b(?:een|de|het|van|te|voor|over|in|op|met|om|en|of|geven|maken|schrijven)\b))/iu,
};

/**
 * A clause saying what the asker will do with the answer ("so I can retrieve it", "zodat mijn
 * Kamerlid een motie kan indienen", "that I can work into the speaking notes"): it runs to the
 * sentence's end and never asks, nor names what is asked about.
 */
export const PURPOSE_CLAUSE: Record<Language, RegExp> = {
  en: /\b(?:so that|in order that|so|that|which) (?:i|we|they|my|our|the) (?:[\p{L}'’-]+ ){0,2}?(?:can|could|may|might|will|would)\b[^.?!;]*/iu,
  nl: /\b(?:zodat|opdat)\b[^.?!;]*|\b(?:die|dat|wat) (?:ik|wij|we|mijn|onze) (?:[\p{L}'’-]+ ){0,3}?(?:kan|kunnen|wil|willen|ga|gaan)\b[^.?!;]*/iu,
};

/**
 * The form an answer is wanted in ("in three or four bullets", "in a handful of bullets", "in vijf
 * punten"): never a topic. Bullets, sentences and lines are a form however many are asked for;
 * points and words only when counted ("in other words", "the main points" are no form).
 */
export const ANSWER_FORM: Record<Language, RegExp> = {
  en: /\bin (?:(?:a few|a couple of|(?:one|two|three|four|five|six|seven|\d+)(?: (?:or|to) (?:two|three|four|five|six|seven|\d+))?) (?:points?|words?)|(?:[\p{L}\d'-]+ ){0,4}?(?:bullets?|bullet points?|sentences?|lines?|paragraphs?))\b/iu,
  nl: /\bin (?:(?:een paar|enkele|(?:een|twee|drie|vier|vijf|zes|zeven|\d+)(?: (?:of|tot) (?:twee|drie|vier|vijf|zes|zeven|\d+))?) (?:punten|woorden)|(?:[\p{L}\d'-]+ ){0,4}?(?:bullets?|zinnen|regels|alinea'?s))\b/iu,
};

/** "What is the letter about?": the letter itself is what is asked about, not a topic. */
export const LETTER_IS_ABOUT: Record<Language, RegExp> = {
  en: new RegExp(`(?:is|'s) (?:${THE_LETTER.en}|it) (?:about|over)\\b`, "i"),
  nl: new RegExp(`(?:is|'s) (?:${THE_LETTER.nl}|it) (?:about|over)\\b`, "i"),
};

/** A preposition followed by what it is about: "about the sanctions", "over de strategie". */
export const ABOUT_SOMETHING =
  /\b(?:about|over|on|regarding|concerning|omtrent|inzake|aangaande)\b\s+\S/i;

/** A question closing on the letter or "it" asks about all of it: "what is the letter about?". */
export const ENDS_ON_THE_LETTER = new RegExp(
  `(?:${THE_LETTER.en}|${THE_LETTER.nl}|\\bit\\b|het)\\W*(?:about|over|on)?\\W*$`,
  "i",
);
