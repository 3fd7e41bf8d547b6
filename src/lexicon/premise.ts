import type { Language } from "../letter/types.js";

/**
 * A question that states something and asks to have it confirmed ("The forum was held in Malta,
 * right?", "Klopt het dat…"): what it asserts is a premise to check against the letter, not the
 * topic it asks about. The letter's own account corrects it. A tag counts only where it closes a
 * question ("…, right?"): "the right to equal treatment" confirms nothing.
 */
export const CONFIRMATION: Record<Language, RegExp> = {
  en: /\b(?:right|correct|true|isn'?t (?:it|that)|wasn'?t (?:it|that)|didn'?t (?:it|they))\s*\?|\b(?:is it (?:true|right|correct)|can you confirm|could you confirm|please confirm|reportedly|i (?:read|heard) that)\b/i,
  nl: /\b(?:toch|klopt(?: dat| dit| het)?|nietwaar|correct)\s*\?|\b(?:klopt het dat|is het waar|is het juist|kun je (?:dat |dit |het )?bevestigen|bevestigd|naar verluidt|ik (?:las|hoorde) dat)\b/i,
};
