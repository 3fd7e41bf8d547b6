import { readFileSync } from "node:fs";
import { z } from "zod";

const questionSchema = z.object({
  id: z.string().min(1),
  lang: z.enum(["en", "nl"]),
  question: z.string().min(1),
  expectedPassages: z.array(z.string()),
  expectedFootnotes: z.array(z.number().int().positive()),
  kind: z.enum(["direct", "paraphrase", "footnote", "followup", "offtopic"]),
  history: z
    .array(z.object({ role: z.enum(["user", "assistant"]), content: z.string() }))
    .optional(),
});

export type EvalQuestion = z.infer<typeof questionSchema>;

export const QUESTIONS_PATH = "tests/eval/questions.json";

export function loadQuestions(path = QUESTIONS_PATH): EvalQuestion[] {
  return z.array(questionSchema).parse(JSON.parse(readFileSync(path, "utf8")));
}

export const isOffTopic = (q: EvalQuestion) => q.kind === "offtopic";
