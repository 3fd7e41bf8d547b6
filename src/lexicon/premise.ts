import type { Language } from "../letter/types.js";

/**
 * A question that states something and asks to have it confirmed ("The forum was held in Malta,
 * right?", "Klopt het dat…"): what it asserts is a premise to check against the letter, not the
 * topic it asks about. The letter's own account corrects it. A tag counts only where it closes a
 * question ("…, right?", "…, was dat Roemenië?"): "the right to equal treatment" confirms nothing.
 */
export const CONFIRMATION: Record<Language, RegExp> = {
  en: /\b(?:right|correct|true|isn'?t (?:it|that)|wasn'?t (?:it|that)|didn'?t (?:it|they))\s*\?|\b(?:is it (?:true|right|correct)|can you confirm|could you confirm|please confirm|reportedly|i (?:read|heard) that)\b|[,;]\s*(?:or )?(?:was|is|were|are) (?:it|that|this|they)\b[^,;?]{1,40}\?\s*$/i,
  nl: /\b(?:toch|klopt(?: dat| dit| het)?|nietwaar|correct)\s*\?|\b(?:klopt het dat|is het waar|is het juist|kun je (?:dat |dit |het )?bevestigen|bevestigd|naar verluidt|ik (?:las|hoorde) dat)\b|[,;]\s*(?:of )?(?:was|is|waren|zijn) (?:het|dat|dit|die|ze)\b[^,;?]{1,40}\?\s*$/i,
};

/** A number or date written in figures ("2019", "30", "2020–2025", "2024/1069"). */
export const CLAIMED_NUMBER = /(?<![\p{L}\p{N}])\p{N}[\p{N}./–-]*(?![\p{L}\p{N}])/gu;

/**
 * The Dutch verb-first ask for oneself ("heb ik recht op…", "moet ik … aanvragen"), however far
 * its verb and what it asks for stand apart within the sentence.
 */
const DUTCH_ASKS_FOR_ONESELF =
  "(?:heb|krijg|moet|mag|kan|kom) ik\\b[^?.!]*\\b(?:recht op|aanvragen|nodig|in aanmerking|betalen|krijgen|regelen|verlengen|vernieuwen)\\b";

/**
 * How a reader finds, reads, cites or words something: "how do I cite the letter?" asks about the
 * letter; "how do I book an appointment?" asks for advice.
 */
const LOOKUP = {
  en: "find|see|read|cite|quote|know|learn|tell|understand|refer|say|write|translate|describe|explain|summari[sz]e|interpret|look",
  nl: {
    asked: "vind|zie|lees|citeer|weet|begrijp|noem|verwijs|zeg|schrijf|vertaal|leg|interpreteer",
    infinitive:
      "vinden|zien|lezen|nalezen|citeren|weten|begrijpen|terugvinden|opzoeken|noemen|verwijzen|zeggen|schrijven|vertalen|uitleggen|interpreteren",
  },
};

/**
 * A question about what the asker may, must or can get or do ("do I need a visa?", "heb ik recht
 * op huurtoeslag?", "hoe maak ik een afspraak?", any how-to of one's own but finding, reading or
 * citing something): a request for personal advice, which a government's report to parliament
 * never gives, whatever words of it the question shares.
 */
export const PERSONAL_ADVICE: Record<Language, RegExp> = {
  en: new RegExp(
    `\\b(?:do|does|can|could|should|must|may|will) I (?:need|get|apply|have to|qualify|claim|receive|renew|book|buy|bring|use)\\b|\\bI (?:need|have) to (?:renew|apply for|book) my\\b|\\bam I (?:entitled|eligible|allowed|required)\\b|\\bhow (?:do|can|could|should|would|must) I (?!(?:${LOOKUP.en})\\b)\\p{L}+|\\bwhere (?:do|can) I (?:apply|get|buy|book|renew)\\b`,
    "iu",
  ),
  // Dutch puts the verb first after a fronted clause too ("Voor de motie heb ik het nummer nodig"):
  // verb-first asks only opening the sentence, or in a sentence that ends in a question mark.
  nl: new RegExp(
    `(?:^|[.?!]\\s+)(?:(?:en|maar|dus|ok)\\s+)?${DUTCH_ASKS_FOR_ONESELF}|\\b${DUTCH_ASKS_FOR_ONESELF}[^?.!]*\\?|\\bwaar (?:vraag|krijg|regel|koop|boek|verleng) ik\\b|\\bhoe (?!(?:${LOOKUP.nl.asked})\\b)\\p{L}+ ik\\b(?![^?.!]*\\b(?:${LOOKUP.nl.infinitive})\\b)|\\bik moet mijn [\\p{L}-]+ (?:verlengen|vernieuwen|aanvragen)\\b`,
    "iu",
  ),
};
