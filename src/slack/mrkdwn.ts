/** Slack's limit on the text of a section block and of each context element. */
export const MAX_TEXT = 3000;

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/**
 * Slack reads `<…>` as links and mentions (`<!channel>` would ping everyone), so letter text and
 * questions must never reach it unescaped.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/[&<>]/g, (char) => ESCAPES[char] ?? char);
}

/** Escapes `raw` and shortens it (with "…") so that the escaped text fits in `max` characters. */
export function clipEscaped(raw: string, max: number): string {
  const escaped = escapeMrkdwn(raw);
  if (escaped.length <= max) return escaped;
  // Cut the raw text, not the escaped one, so no entity is broken in half.
  let out = "";
  for (const char of raw) {
    const piece = ESCAPES[char] ?? char;
    if (out.length + piece.length > max - 1) break;
    out += piece;
  }
  return `${out.trimEnd()}…`;
}

/**
 * Splits escaped mrkdwn into pieces of at most `max` characters, preferring paragraph, then
 * sentence, then word boundaries, so that long answers read naturally across section blocks.
 */
export function splitText(text: string, max: number = MAX_TEXT): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const cut = cutPoint(rest, max);
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest !== "") pieces.push(rest);
  return pieces;
}

function cutPoint(text: string, max: number): number {
  // One character more than fits: a boundary exactly at `max` still leaves a piece of `max`.
  const window = text.slice(0, max + 1);
  // A boundary in the first half would leave a stub block; a plain word break is better then.
  const worthIt = (index: number) => index > max / 2;
  const paragraph = window.lastIndexOf("\n\n");
  if (worthIt(paragraph)) return paragraph;
  let sentence = -1;
  for (const match of window.matchAll(/[.!?\]]\s/g)) sentence = match.index + 1;
  if (worthIt(sentence)) return sentence;
  const word = window.search(/\s\S*$/);
  if (word > 0) return word;
  return hardCut(text, max);
}

/** No whitespace at all: cut at `max`, but not inside an entity or a surrogate pair. */
function hardCut(text: string, max: number): number {
  let cut = max;
  const amp = text.lastIndexOf("&", cut - 1);
  if (amp >= 0 && amp > cut - 5 && !text.slice(amp, cut).includes(";")) cut = amp;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return cut;
}
