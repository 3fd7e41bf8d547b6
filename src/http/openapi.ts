import { readFileSync } from "node:fs";
import { z } from "zod";
import {
  answerSchema,
  askRequestSchema,
  errorSchema,
  feedbackCreatedSchema,
  feedbackExportQuerySchema,
  feedbackExportSchema,
  feedbackRequestSchema,
  footnoteNumberSchema,
  footnoteResponseSchema,
  idempotencyKeySchema,
  insightsQueryFields,
  insightsSchema,
  letterSchema,
  statusSchema,
} from "../server/schemas.js";

type JsonSchema = Record<string, unknown>;

/** OpenAPI 3.1 uses JSON Schema 2020-12, zod's default target; the per-schema `$schema` is noise there. */
function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io });
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ "application/json": { schema: ref(name) } });

function errors(...statuses: number[]): Record<string, unknown> {
  const descriptions: Record<number, string> = {
    400: "Invalid JSON or input (the message names the field).",
    401: "Missing or wrong bearer token.",
    403: "Admin endpoints disabled: no ADMIN_TOKEN is configured.",
    404: "Not found.",
    413: "Body larger than BODY_LIMIT.",
    415: "Body is not JSON.",
    422: "The idempotency key was already used for another rating.",
    429: "Rate limited (RATE_LIMIT_PER_MINUTE); see Retry-After.",
    503: "Not ready yet (index loading), or the feedback database (ratings, question log) is unavailable.",
  };
  return Object.fromEntries(
    statuses.map((status) => [
      String(status),
      { description: descriptions[status], content: json("Error") },
    ]),
  );
}

const STREAM_DESCRIPTION = [
  "With `Accept: text/event-stream`: server-sent events, in order:",
  "`citations` ({citations}, as soon as retrieval is done), `delta` ({text}, zero or more),",
  "then `done` (the Answer) or `error` ({code, message}). Comment lines (`: ping`) are heartbeats.",
].join(" ");

function packageVersion(): string {
  const manifest = JSON.parse(
    readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
  ) as { version: string };
  return manifest.version;
}

/** The API description, derived from the schemas that validate requests, so the two cannot drift. */
export function buildOpenApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Briefwijzer API",
      version: packageVersion(),
      description:
        "Answers questions about Kamerstuk 30 420, nr. 415 with citations down to its footnotes. " +
        "Every error is `{ error: { code, message } }`.",
    },
    paths: {
      "/api/ask": {
        post: {
          summary: "Answer a question about the letter",
          parameters: [
            {
              name: "X-Briefwijzer-Client",
              in: "header",
              required: false,
              description:
                "The channel, for the question log: `page` (the chat page) or `widget`; anything else, or none, counts as an API client.",
              schema: { type: "string" },
            },
          ],
          requestBody: { required: true, content: json("AskRequest") },
          responses: {
            "200": {
              description: `The answer. ${STREAM_DESCRIPTION}`,
              headers: {
                "X-Question-Id": {
                  description:
                    "The question log's id for this question (absent with QUESTION_LOG=off); send it as `questionId` with a rating.",
                  schema: { type: "string", format: "uuid" },
                },
              },
              content: {
                ...json("Answer"),
                "text/event-stream": { schema: { type: "string" } },
              },
            },
            ...errors(400, 413, 415, 429, 503),
          },
        },
      },
      "/api/letter": {
        get: {
          summary: "The parsed letter with its English rendering",
          responses: {
            "200": { description: "The letter.", content: json("Letter") },
            ...errors(429),
          },
        },
      },
      "/api/footnotes/{number}": {
        get: {
          summary: "One footnote of the letter",
          parameters: [
            {
              name: "number",
              in: "path",
              required: true,
              schema: jsonSchema(footnoteNumberSchema, "input"),
            },
          ],
          responses: {
            "200": { description: "The footnote.", content: json("Footnote") },
            ...errors(400, 404, 429),
          },
        },
      },
      "/api/feedback": {
        post: {
          summary: "Rate an answer",
          description:
            "Send an idempotency key (the `Idempotency-Key` header or the body's `idempotencyKey`) to retry safely: a rating sent again under its key is answered with the rating first stored under it (201, same id, `Idempotent-Replayed: true`) and stored once. A 503 whose message says the rating may have been stored means the database took the statement but did not confirm it in time; retry under the same key.",
          parameters: [
            {
              name: "Idempotency-Key",
              in: "header",
              required: false,
              schema: jsonSchema(idempotencyKeySchema, "input"),
            },
          ],
          requestBody: { required: true, content: json("FeedbackRequest") },
          responses: {
            "201": {
              description: "Stored, or stored before under the same idempotency key.",
              headers: {
                "Idempotent-Replayed": {
                  description: "`true` when the key had been used: nothing new was stored.",
                  schema: { type: "string", enum: ["true"] },
                },
              },
              content: json("FeedbackCreated"),
            },
            ...errors(400, 413, 415, 422, 429, 503),
          },
        },
        get: {
          summary: "Export all feedback (admin)",
          security: [{ adminToken: [] }],
          parameters: [
            {
              name: "format",
              in: "query",
              required: false,
              schema: jsonSchema(feedbackExportQuerySchema.shape.format, "input"),
            },
          ],
          responses: {
            "200": {
              description: "All feedback, oldest first.",
              content: {
                ...json("FeedbackExport"),
                "text/csv": { schema: { type: "string" } },
              },
            },
            ...errors(400, 401, 403, 429, 503),
          },
        },
      },
      "/api/admin/insights": {
        get: {
          summary: "Insights for the letter's owners (admin)",
          description:
            "Aggregates of the question log and the ratings over whole UTC days: counts by day, channel, language and outcome; the most asked questions (near-duplicates together); the sections most cited; the unanswered questions by topic; the answers rated not helpful with their questions; p50/p95 latency. With format=csv, the period's questions, one a row. Questions are stored scrubbed of e-mail addresses, phone numbers, BSNs and IBANs, and never with who asked.",
          security: [{ adminToken: [] }],
          parameters: (["from", "to", "format"] as const).map((name) => ({
            name,
            in: "query",
            required: false,
            schema: jsonSchema(insightsQueryFields.shape[name], "input"),
          })),
          responses: {
            "200": {
              description: "The insights of the period.",
              content: {
                ...json("Insights"),
                "text/csv": { schema: { type: "string" } },
              },
            },
            ...errors(400, 401, 403, 429, 503),
          },
        },
      },
      "/api/openapi.json": {
        get: {
          summary: "This document",
          responses: { "200": { description: "OpenAPI 3.1 document." } },
        },
      },
      "/healthz": {
        get: {
          summary: "Liveness",
          responses: { "200": { description: "The process is up.", content: json("Status") } },
        },
      },
      "/readyz": {
        get: {
          summary: "Readiness: the index is loaded and questions are answered",
          responses: {
            "200": { description: "Ready.", content: json("Status") },
            ...errors(503),
          },
        },
      },
      "/metrics": {
        get: {
          summary: "Prometheus metrics",
          responses: {
            "200": {
              description: "Prometheus text exposition.",
              content: { "text/plain": { schema: { type: "string" } } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        AskRequest: jsonSchema(askRequestSchema, "input"),
        FeedbackRequest: jsonSchema(feedbackRequestSchema, "input"),
        Answer: jsonSchema(answerSchema, "output"),
        Letter: jsonSchema(letterSchema, "output"),
        Footnote: jsonSchema(footnoteResponseSchema, "output"),
        FeedbackCreated: jsonSchema(feedbackCreatedSchema, "output"),
        FeedbackExport: jsonSchema(feedbackExportSchema, "output"),
        Insights: jsonSchema(insightsSchema, "output"),
        Status: jsonSchema(statusSchema, "output"),
        Error: jsonSchema(errorSchema, "output"),
      },
      securitySchemes: { adminToken: { type: "http", scheme: "bearer" } },
    },
  };
}
