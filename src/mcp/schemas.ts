import { z } from "zod";
import { answerSchema, nonBlank } from "../server/schemas.js";

/** Tool inputs and outputs. Descriptions are read by the model that calls the tools. */

export const footnoteViewSchema = z.object({
  number: z.int(),
  text: z.string().describe("The footnote in the Dutch original (often an EU document number)."),
  en: z.string().optional().describe("Unofficial English rendering."),
  page: z.int(),
  passageIds: z.array(z.string()).describe("Passages whose text carries this footnote's marker."),
});

export const passageViewSchema = z.object({
  id: z.string().describe("Stable passage id; pass it to get_passage."),
  page: z.int().describe("The page the passage starts on: cite it."),
  pages: z.array(z.int()),
  sectionId: z
    .string()
    .describe("Section id; the section is resource briefwijzer://letter/sections/{sectionId}."),
  section: z.string().describe("Section title in Dutch."),
  sectionEn: z.string().describe("Section title in English."),
  text: z.string().describe("The passage in the Dutch original, which is authoritative: quote it."),
  en: z.string().optional().describe("Unofficial English rendering of the passage."),
  footnotes: z
    .array(footnoteViewSchema)
    .describe("The letter's footnotes referenced in the passage."),
});

/** `k` may ask for every passage of the letter. */
export const searchInputSchema = (passageCount: number) =>
  z.strictObject({
    query: nonBlank(1000).describe(
      "What to look for, in English or Dutch: a question, keywords or a document number.",
    ),
    k: z
      .int()
      .min(1)
      .max(passageCount)
      .default(5)
      .describe(
        `How many passages to return, best first (1 to ${passageCount}, all of the letter's passages; default 5).`,
      ),
  });

export const searchOutputSchema = z.object({
  query: z.string(),
  passages: z.array(
    passageViewSchema.extend({
      rank: z.int().describe("1 is the most relevant."),
      score: z.number().describe("Relevance in [0, 1], for ordering only."),
    }),
  ),
});

export const passageInputSchema = z.strictObject({
  id: z
    .string()
    .min(1)
    .max(200)
    .describe("A passage id from search_letter or a citation's passageId."),
});

export const footnoteInputSchema = z.strictObject({
  number: z.int().min(1).max(999).describe("The footnote's number in the letter."),
});

/**
 * The answer as every channel returns it. Open to extra fields, so that an answer the service
 * enriches later (such as a `direct` reply) still matches what the tool advertises.
 */
export const askOutputSchema = answerSchema.loose();

export type PassageView = z.infer<typeof passageViewSchema>;
export type FootnoteView = z.infer<typeof footnoteViewSchema>;
