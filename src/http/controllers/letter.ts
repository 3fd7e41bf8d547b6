import type { RequestHandler } from "express";
import type { Letter } from "../../letter/types.js";
import { notFound } from "../../server/errors.js";
import { footnoteNumberSchema } from "../../server/schemas.js";
import { parseInput } from "../../server/validation.js";

/** `GET /api/letter`: serialised once, as the letter never changes while the process runs. */
export function letterController(letter: Letter): RequestHandler {
  const body = JSON.stringify(letter);
  return (_req, res) => {
    // Revalidated each time; Express answers 304 from the ETag, so clients refetch cheaply.
    res.set("Cache-Control", "no-cache").type("json").send(body);
  };
}

/** `GET /api/footnotes/:number`, with the unofficial English rendering when there is one. */
export function footnoteController(letter: Letter): RequestHandler {
  return (req, res) => {
    const number = parseInput(footnoteNumberSchema, req.params.number, "number");
    const footnote = letter.footnotes.find((candidate) => candidate.number === number);
    if (!footnote) {
      throw notFound(`The letter has no footnote ${number}; it has ${letter.footnotes.length}.`);
    }
    res.json({ ...footnote, en: letter.translation.footnotes[String(number)] });
  };
}
