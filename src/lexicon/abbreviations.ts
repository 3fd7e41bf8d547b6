/**
 * Words of four letters or more that are written short with a full stop, in either language of the
 * questions ("bijv. de strategie", "incl. footnotes"): their stop ends no sentence, even where the
 * next word is written in lower case as chat usually is.
 */
export const SHORTENED_WORDS: readonly string[] = [
  "approx",
  "bijv",
  "dept",
  "excl",
  "febr",
  "govt",
  "ibid",
  "incl",
  "ongev",
  "prof",
  "resp",
  "sept",
];
