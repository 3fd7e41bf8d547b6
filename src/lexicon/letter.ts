import type { Language } from "../letter/types.js";

/**
 * The letter named as an object: "this letter", "de kamerbrief aan de Tweede Kamer". A pattern
 * source, to be built into the patterns of the concepts that ask about the letter.
 */
export const THE_LETTER: Record<Language, string> = {
  en: "(?:the|this|that) (?:letter|document|kamerstuk|paper)(?: (?:to|for) (?:the )?(?:parliament|house|tweede kamer))?",
  nl: "(?:de|deze|die|het) (?:brief|kamerbrief|kamerstuk|document|stuk)(?: (?:aan|voor) de (?:tweede )?kamer)?",
};

export const LETTER_PHRASE: Record<Language, RegExp> = {
  en: new RegExp(THE_LETTER.en, "i"),
  nl: new RegExp(THE_LETTER.nl, "i"),
};

/** The letter named as a document ("deze brief", "the parliamentary paper"), not by a pronoun. */
export const LETTER_NOUN: Record<Language, RegExp> = {
  en: /\b(?:(?:the|this) )?(?:letter|document|kamerstuk|parliamentary paper|paper)\b/i,
  nl: /\b(?:(?:de|deze|het|dit) )?(?:brief|kamerbrief|kamerstuk|document|stuk)\b/i,
};

/**
 * Another letter, pointed at as the one just spoken of ("that letter", "die brief"): in a
 * conversation, the one the earlier turns named, not this one.
 */
export const THAT_LETTER: Record<Language, RegExp> = {
  en: /\b(?:that|those) (?:[\p{L}-]+ )?(?:letters?|documents?|papers?)\b/iu,
  nl: /\b(?:die|dat|diezelfde) (?:[\p{L}-]+ )?(?:brief|brieven|kamerbrief|document|stuk)\b/iu,
};

/**
 * The letter named as the source of what is asked ("welke datum noemt de brief?", "according to
 * the letter"): the question is about what it says, not about the letter itself.
 */
export const LETTER_AS_SOURCE: Record<Language, RegExp> = {
  en: /\b(?:according to (?:the|this) letter|(?:does|did) (?:the|this) letter (?:say|mention|give|state|name|report|cite|quote|list|refer to)|(?:the|this) letter (?:says|mentions|gives|states|names|reports|cites|quotes|lists|refers to)|(?:mentioned|cited|named|quoted|listed|given|referred to) in (?:the|this) letter)\b/i,
  nl: /\b(?:volgens (?:de|deze) brief|(?:noemt|zegt|vermeldt|meldt|geeft|rapporteert|citeert|verwijst) (?:de|deze) brief|(?:de|deze) brief (?:noemt|zegt|vermeldt|meldt|geeft|rapporteert|citeert|verwijst)|in (?:de|deze) brief(?: \S+){0,4} (?:genoemd|vermeld|aangehaald|geciteerd|gegeven))\b/i,
};

/**
 * The letter described by its subject ("the annual letter on gender equality…", "de brief over
 * gendergelijkheid"): what identifies the letter, not a topic asked about. Only "the letter"
 * itself: "the joint letter on…" is another one, and so is "die brief over…" unless the annual one.
 */
export const LETTER_DESCRIBED: Record<Language, RegExp> = {
  en: /\b(?:(?:the|this) (?:annual |yearly )?(?:letter|kamerbrief|parliamentary paper|kamerstuk)|that (?:annual|yearly) letter) (?:on|about|concerning|regarding) [^.;:?!]*/i,
  nl: /\b(?:(?:de|deze) (?:jaarlijkse )?(?:brief|kamerbrief|kamerstuk)|(?:de|deze|die) (?:jaarbrief|jaarlijkse brief)) (?:over|inzake|aangaande|betreffende) [^.;:?!]*/i,
};

/**
 * A footnote of the letter named by its number ("footnote 2", "voetnoot 9", "fn. 4", "noot nr. 10"):
 * the question is about what that footnote says, whatever other words it uses.
 */
export const FOOTNOTE_NAMED =
  /\b(?:footnotes?|fn|voetnoot|voetnoten|noot)\.?\s*(?:no\.?|nr\.?|number|nummer)?\s*(\d{1,3})\b/giu;
