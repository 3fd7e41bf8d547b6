import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildOpenApiDocument } from "../../src/http/openapi.js";
import {
  askRequestSchema,
  feedbackExportQuerySchema,
  feedbackRequestSchema,
  footnoteNumberSchema,
  idempotencyKeySchema,
  insightsQueryFields,
} from "../../src/server/schemas.js";

const doc = buildOpenApiDocument();

/** A validator rebuilt from the published document alone, as a client generator would see it. */
const documented = (schema: unknown) => z.fromJSONSchema(schema as never);

/** Strings around the interesting lengths: empty, blank, padded and one past the limit. */
const text = (max: number) =>
  fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom("", " ", "\n\t ", " a "),
    fc.integer({ min: max - 1, max: max + 1 }).map((n) => "x".repeat(n)),
    fc.integer({ min: max - 2, max: max + 1 }).map((n) => ` ${"x".repeat(n)} `),
  );
const oddValue = fc.oneof(fc.integer(), fc.constant(null), fc.boolean(), fc.array(fc.string()));
/** Mostly plausible values, sometimes a wrong type. */
const mostly = <T>(plausible: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 3, arbitrary: plausible }, { weight: 1, arbitrary: oddValue });

type Fields = Record<string, fc.Arbitrary<unknown>>;

/** Objects with the given fields, sometimes an unknown field too, sometimes not an object at all. */
function payload(required: Fields, optional: Fields): fc.Arbitrary<unknown> {
  const object = fc
    .tuple(fc.record(required), fc.record(optional, { requiredKeys: [] }))
    .map(([always, sometimes]) => ({ ...always, ...sometimes }));
  return fc.oneof(
    { weight: 4, arbitrary: object },
    {
      weight: 1,
      arbitrary: fc.tuple(object, fc.anything()).map(([o, extra]) => ({ ...o, extra })),
    },
    { weight: 1, arbitrary: fc.anything() },
  );
}

const turn = payload(
  {
    role: mostly(fc.constantFrom("user", "assistant", "system")),
    content: mostly(text(4000)),
  },
  {},
);

const askPayload = payload(
  { question: mostly(text(1000)) },
  {
    history: mostly(fc.array(turn, { maxLength: 12 })),
    lang: mostly(fc.constantFrom("auto", "en", "nl", "fr", "")),
  },
);

/** Keys around the rule: printable ASCII, no spaces, at most 255 characters. */
const idempotencyKey = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.uuid(),
  fc.constantFrom("", "a b", "ключ", "x".repeat(255), "x".repeat(256)),
);

const feedbackPayload = payload(
  {
    question: mostly(text(1000)),
    answer: mostly(text(20_000)),
    rating: mostly(fc.constantFrom("up", "down", "meh")),
  },
  { comment: mostly(text(2000)), idempotencyKey: mostly(idempotencyKey) },
);

/** Asserts both validators agree on every generated value, and that both outcomes occur. */
function expectSameVerdicts(
  arbitrary: fc.Arbitrary<unknown>,
  validation: z.ZodType,
  published: z.ZodType,
): void {
  const verdicts = new Set<boolean>();
  fc.assert(
    fc.property(arbitrary, (value) => {
      const accepted = validation.safeParse(value).success;
      verdicts.add(accepted);
      expect(published.safeParse(value).success).toBe(accepted);
    }),
    { numRuns: 400 },
  );
  expect(verdicts).toEqual(new Set([true, false]));
}

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 and every $ref in it resolves", () => {
    expect(doc.openapi).toBe("3.1.0");
    const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/\w+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const name = ref.slice('"#/components/schemas/'.length, -1);
      expect(doc.components.schemas).toHaveProperty(name);
    }
  });

  it("documents a refusal's reason and the related places of a not-stated one, apart from the citations", () => {
    const answer = doc.components.schemas.Answer as {
      properties: Record<string, { enum?: string[]; description?: string; items?: unknown }>;
    };
    expect(answer.properties.reason?.enum).toEqual(["not_stated", "out_of_scope"]);
    expect(answer.properties.outcome?.enum).toContain("not_stated");
    expect(answer.properties.related?.items).toEqual(answer.properties.citations?.items);
    expect(answer.properties.related?.description).toMatch(/not the answer's sources/);
  });

  it("accepts exactly the /api/ask bodies that validation accepts", () => {
    expectSameVerdicts(askPayload, askRequestSchema, documented(doc.components.schemas.AskRequest));
  });

  it("accepts exactly the /api/feedback bodies that validation accepts", () => {
    expectSameVerdicts(
      feedbackPayload,
      feedbackRequestSchema,
      documented(doc.components.schemas.FeedbackRequest),
    );
  });

  it("describes the footnote number, idempotency key, export format and insights period parameters as validated", () => {
    const footnote = doc.paths["/api/footnotes/{number}"].get.parameters[0]?.schema;
    expectSameVerdicts(
      fc.oneof(fc.nat().map(String), fc.string(), fc.constantFrom("1.5", "-1", "9e1", "0012")),
      footnoteNumberSchema,
      documented(footnote),
    );
    const key = doc.paths["/api/feedback"].post.parameters[0]?.schema;
    expectSameVerdicts(idempotencyKey, idempotencyKeySchema, documented(key));
    const [from, , insightsFormat] = doc.paths["/api/admin/insights"].get.parameters;
    expectSameVerdicts(
      fc.oneof(
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
        fc.constantFrom("2026-02-30", "2026-13-01", "26-12-06", "2026-12-6", "yesterday", ""),
        fc.string(),
      ),
      insightsQueryFields.shape.from,
      documented(from?.schema),
    );
    expectSameVerdicts(
      fc.constantFrom("json", "csv", "xml", undefined),
      insightsQueryFields.shape.format,
      documented(insightsFormat?.schema),
    );
    const format = doc.paths["/api/feedback"].get.parameters[0]?.schema;
    expectSameVerdicts(
      fc.oneof(fc.constantFrom("json", "csv", "xml", "JSON"), fc.string()),
      feedbackExportQuerySchema.shape.format,
      documented(format),
    );
  });
});
