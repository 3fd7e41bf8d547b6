import { z } from "zod";
import { loadConfig } from "../config.js";
import { corpusFiles, readJson } from "./load.js";

const names = z.array(z.string().trim().min(1));
const perLanguage = z.strictObject({ en: names, nl: names });

const gazetteerSchema = z.strictObject({
  $comment: z.string().optional(),
  /** The letter's own country: the actor of nearly every sentence, not a place asked about. */
  home: perLanguage,
  /** Places the letter names beyond Europe's countries (its venues, its setting); no answer to "which countries". */
  places: perLanguage,
  /** Where things happen, as "in/at/to the …": names a capitalised-words pattern would cut short. */
  venues: perLanguage,
  /** Offices and bodies the letter names that the general list of offices lacks. */
  offices: perLanguage,
  /** Groups of people the letter counts ("four individuals and two entities"). */
  groups: perLanguage,
});

/** The letter's own names of places, offices and groups, per language (`corpus/*.gazetteer.json`). */
export type Gazetteer = z.infer<typeof gazetteerSchema>;

export function loadGazetteer(path: string): Gazetteer {
  return readJson(path, gazetteerSchema);
}

/**
 * The gazetteer of the letter this process answers about (CORPUS_PATH). Read when first imported:
 * the span patterns built from it are module constants that other modules compile their own
 * patterns from at import, before any entry point has loaded the letter.
 */
export const LETTER_GAZETTEER: Gazetteer = loadGazetteer(
  corpusFiles(loadConfig().corpusPath).gazetteer,
);
