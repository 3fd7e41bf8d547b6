import { readFileSync } from "node:fs";
import { z } from "zod";
import { parseLetter } from "./parse.js";
import type { Letter, LetterMetadata, ParsedLetter, Translation } from "./types.js";

const metadataSchema = z.object({
  title: z.string().min(1),
  kamerstuk: z.object({ dossier: z.string(), number: z.number().int(), label: z.string() }),
  parliamentaryYear: z.string(),
  addressee: z.string().min(1).optional(),
  date: z.string().optional(),
  signatories: z.array(z.object({ role: z.string(), name: z.string() })),
  sourceUrl: z.url(),
  language: z.literal("nl"),
}) satisfies z.ZodType<LetterMetadata>;

const translationSchema = z.object({
  notice: z.string().min(1),
  letter: z
    .object({
      title: z.string().min(1),
      kamerstuk: z.string().min(1),
      parliamentaryYear: z.string().min(1),
      addressee: z.string().min(1).optional(),
      roles: z.record(z.string(), z.string().min(1)),
    })
    .optional(),
  sectionTitles: z.record(z.string(), z.string()),
  paragraphs: z.record(z.string(), z.array(z.object({ nl: z.string(), en: z.string().min(1) }))),
  footnotes: z.record(z.string(), z.string().min(1)),
}) satisfies z.ZodType<Translation>;

/** The files that make up one letter in `corpus/`: the extracted text and its companions beside it. */
export function corpusFiles(textPath: string) {
  const base = textPath.replace(/\.txt$/, "");
  return {
    text: textPath,
    metadata: `${base}.meta.json`,
    translation: `${base}.en.json`,
    glossary: `${base}.glossary.json`,
    gazetteer: `${base}.gazetteer.json`,
  };
}

export function readJson<T>(path: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`${path} is not readable JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`${path} is invalid: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/**
 * Keeps only the translated paragraphs whose Dutch sentences still match the parsed letter, so a
 * changed letter or parser can never pair a quote with the wrong English sentence.
 */
export function alignTranslation(
  letter: ParsedLetter,
  translation: Translation,
): { translation: Translation; warnings: string[] } {
  const warnings: string[] = [];
  const paragraphs: Translation["paragraphs"] = {};
  for (const paragraph of letter.paragraphs) {
    const rendered = translation.paragraphs[paragraph.id];
    const aligned =
      rendered !== undefined &&
      rendered.length === paragraph.sentences.length &&
      rendered.every((pair, i) => pair.nl === paragraph.sentences[i]?.text);
    if (aligned) paragraphs[paragraph.id] = rendered;
    else warnings.push(`No aligned English rendering for paragraph ${paragraph.id}.`);
  }
  return { translation: { ...translation, paragraphs }, warnings };
}

export function loadLetter(textPath: string): Letter {
  const files = corpusFiles(textPath);
  const parsed = parseLetter(readFileSync(files.text, "utf8"));
  const metadata = readJson(files.metadata, metadataSchema);
  const aligned = alignTranslation(parsed, readJson(files.translation, translationSchema));
  return {
    ...parsed,
    warnings: [...parsed.warnings, ...aligned.warnings],
    metadata,
    translation: aligned.translation,
  };
}
