import {
  type CompleteResourceTemplateCallback,
  McpServer,
  ResourceTemplate,
  type ToolCallback,
} from "@modelcontextprotocol/sdk/server/mcp.js";
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  McpError,
} from "@modelcontextprotocol/sdk/types.js";
import type { z } from "zod";
import type { Answer } from "../answer/types.js";
import { sectionTitle } from "../compose/citations.js";
import type { Letter } from "../letter/types.js";
import type { Logger } from "../logger.js";
import { invalidInput, notFound, notReady, publicError } from "../server/errors.js";
import { askRequestSchema } from "../server/schemas.js";
import { describeIssues } from "../server/validation.js";
import type { BackendHandle, LetterBackend } from "./backend.js";
import { toolError } from "./errors.js";
import { footnoteView, letterMarkdown, passageView, sectionMarkdown } from "./letter-text.js";
import {
  askOutputSchema,
  footnoteInputSchema,
  footnoteViewSchema,
  passageInputSchema,
  passageViewSchema,
  searchInputSchema,
  searchOutputSchema,
} from "./schemas.js";

export const LETTER_URI = "briefwijzer://letter";
const SERVER_VERSION = "0.1.0";

export interface McpServerDependencies {
  letter: Letter;
  backend: BackendHandle;
  logger: Logger;
  /**
   * How long `ask_letter` and `search_letter` wait for the index before answering `not_ready`.
   * Over stdio the client has just started the server and is its only user, so it waits long;
   * over HTTP a load balancer watches /readyz, so a call waits only briefly.
   */
  readyWithinMs: number;
}

function found<T>(value: T | undefined, message: string): T {
  if (value === undefined) throw notFound(message);
  return value;
}

const structured = <T extends Record<string, unknown>>(value: T, text = JSON.stringify(value)) => ({
  structuredContent: value,
  content: [{ type: "text" as const, text }],
});

/** The arguments as the tool's schema reads them; each problem named by its field, as the HTTP API names them. */
function parseArguments<S extends z.ZodType>(schema: S, args: unknown): z.output<S> {
  const result = schema.safeParse(args ?? {});
  if (result.success) return result.data;
  throw invalidInput(describeIssues(result.error, "arguments"));
}

type ToolHandler = (args: unknown) => Promise<CallToolResult>;

/** Validates a tool's arguments, runs it, logs it, and turns every failure into a tool error without internals. */
function guarded<S extends z.ZodType>(
  tool: string,
  logger: Logger,
  schema: S,
  run: (args: z.output<S>) => CallToolResult | Promise<CallToolResult>,
): ToolHandler {
  return async (args) => {
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    try {
      const result = await run(parseArguments(schema, args));
      logger.info({ tool, ms: ms() }, "mcp tool call");
      return result;
    } catch (error) {
      const failure = publicError(error);
      if (failure.kind === "internal") logger.error({ err: error, tool }, "mcp tool call failed");
      else logger.info({ tool, ms: ms(), code: failure.code }, "mcp tool call refused");
      return toolError(failure);
    }
  };
}

/**
 * The answer for a reader: the text with its [n] markers, then the sources those markers point
 * to. A refusal the letter does not state lists where the letter mentions the subject, apart from
 * any source: the letter does not answer the question there.
 */
export function answerText(answer: Answer): string {
  const lines = [answer.answer];
  const related = answer.reason === "not_stated" ? (answer.related ?? []) : [];
  if (related.length > 0) {
    lines.push(
      "",
      "See also (the letter mentions the subject here, but does not answer the question):",
    );
    for (const c of related) {
      lines.push(`- page ${c.page}, ${c.section} (passage ${c.passageId})`, `    “${c.quote}”`);
    }
  }
  if (!answer.grounded && answer.followUps?.length) {
    lines.push("", "Questions the letter does answer:", ...answer.followUps.map((q) => `- ${q}`));
  }
  if (answer.citations.length > 0) lines.push("", "Sources:");
  for (const c of answer.citations) {
    lines.push(
      `[${c.n}] page ${c.page}, ${c.section} (passage ${c.passageId})`,
      `    “${c.quote}”`,
    );
    for (const f of c.footnotes) lines.push(`    footnote ${f.number}: ${f.text}`);
  }
  return lines.join("\n");
}

/**
 * Completers by argument name. The SDK looks a name up as a property, so `__proto__` found
 * Object.prototype ("completer is not a function"); an argument the template does not have is
 * an invalid-params error naming the ones it has.
 */
function completers(
  template: string,
  byName: Record<string, CompleteResourceTemplateCallback>,
): Record<string, CompleteResourceTemplateCallback> {
  const names = Object.keys(byName);
  return new Proxy(byName, {
    get: (target, name) =>
      typeof name === "string" && Object.hasOwn(target, name)
        ? target[name]
        : () => {
            throw new McpError(
              ErrorCode.InvalidParams,
              `${template} has no argument ${String(name)}; its arguments are ${names.join(", ")}.`,
            );
          },
  });
}

const ABOUT =
  "Kamerstuk 30 420, nr. 415: the Dutch government's 2024–2025 annual letter to parliament on gender equality, sexual and reproductive health and rights (SRHR) and equal rights of LGBTIQ+ people in the EU";

/**
 * The letter as an MCP server definition, shared by the Streamable HTTP and stdio transports.
 * Renderings are computed once; `create()` gives a server to connect to one transport.
 */
export function mcpServerFactory(deps: McpServerDependencies): () => McpServer {
  const { letter, backend, logger } = deps;
  const markdown = { nl: letterMarkdown(letter, "nl"), en: letterMarkdown(letter, "en") };
  const sectionIds = letter.sections.map((s) => s.id);
  const metadata = JSON.stringify(
    {
      ...letter.metadata,
      pageCount: letter.pageCount,
      footnoteCount: letter.footnotes.length,
      sections: letter.sections.map((s) => ({
        id: s.id,
        title: sectionTitle(letter, s.id, "nl"),
        titleEn: sectionTitle(letter, s.id, "en"),
        page: s.page,
        uri: `${LETTER_URI}/sections/${s.id}`,
      })),
    },
    null,
    2,
  );

  const ready = async (): Promise<LetterBackend> => {
    const service = await backend.within(deps.readyWithinMs);
    if (!service) throw notReady();
    return service;
  };
  const searchInput = searchInputSchema(letter.paragraphs.length);

  return () => {
    const server = new McpServer(
      { name: "briefwijzer", title: "Briefwijzer", version: SERVER_VERSION },
      {
        instructions: `Answers questions about ${ABOUT}, quoting the letter with page, section and footnote citations. Prefer ask_letter; when it says grounded: false the letter does not cover the question, so say so instead of answering from general knowledge.`,
      },
    );
    const readOnly = { readOnlyHint: true, idempotentHint: true, openWorldHint: false } as const;
    const tools = new Map<string, ToolHandler>();
    /** Registered with the SDK for tools/list; called through `tools` (below). */
    const tool = <S extends z.ZodObject>(
      name: string,
      config: { title: string; description: string; inputSchema: S; outputSchema: z.ZodObject },
      run: (args: z.output<S>) => CallToolResult | Promise<CallToolResult>,
    ) => {
      const handler = guarded(name, logger, config.inputSchema, run);
      // Never called by the SDK (see `tools`): the cast only spares resolving its conditional type.
      server.registerTool(name, { ...config, annotations: readOnly }, ((args: unknown) =>
        handler(args)) as ToolCallback<S>);
      tools.set(name, handler);
    };

    tool(
      "ask_letter",
      {
        title: "Ask the letter",
        description: `Answers a question about ${ABOUT}. Every claim in the answer is a quote from the letter followed by a marker [n]; citations[n-1] gives its page, section, passage id, the verbatim Dutch quote and the letter's footnotes (often EU document numbers such as 2024/1069). Cite these when you use the answer. grounded: false means the letter does not cover the question: tell the user so, do not fill in from general knowledge. Ask in English or Dutch; pass history (earlier turns) for follow-up questions.`,
        inputSchema: askRequestSchema.extend({
          question: askRequestSchema.shape.question.describe(
            "The question, in English or Dutch (at most 1000 characters).",
          ),
        }),
        outputSchema: askOutputSchema,
      },
      async (input) => {
        const answer = await (await ready()).ask(input);
        return structured({ ...answer }, answerText(answer));
      },
    );

    tool(
      "search_letter",
      {
        title: "Search the letter",
        description: `Finds the passages of ${ABOUT} most relevant to a query, best first, each with id, page, section, the Dutch text, its English rendering and its footnotes. Use it to compose your own answer; quote the Dutch text and cite page and footnotes. Prefer ask_letter for a ready, grounded answer.`,
        inputSchema: searchInput,
        outputSchema: searchOutputSchema,
      },
      async ({ query, k }) => {
        const hits = await (await ready()).search(query, k);
        const passages = hits.flatMap((hit, i) => {
          const view = passageView(letter, hit.passageId);
          return view ? [{ rank: i + 1, score: hit.score, ...view }] : [];
        });
        return structured({ query, passages });
      },
    );

    tool(
      "get_passage",
      {
        title: "Get a passage",
        description:
          "Returns one passage of the letter by id (from search_letter, or a citation's passageId): page, section, the Dutch text, its English rendering and its footnotes.",
        inputSchema: passageInputSchema,
        outputSchema: passageViewSchema,
      },
      ({ id }) =>
        structured(
          found(
            passageView(letter, id),
            `The letter has no passage "${id}". Passage ids come from search_letter or from an answer's citations.`,
          ),
        ),
    );

    tool(
      "get_footnote",
      {
        title: "Get a footnote",
        description: `Returns footnote n of the letter (1 to ${letter.footnotes.length}): its Dutch text (often an EU document number), English rendering, page and the passages that cite it.`,
        inputSchema: footnoteInputSchema,
        outputSchema: footnoteViewSchema,
      },
      ({ number }) =>
        structured(
          found(
            footnoteView(letter, number),
            `The letter has no footnote ${number}; it has ${letter.footnotes.length}.`,
          ),
        ),
    );
    // The SDK would validate arguments itself and answer in its own words ("MCP error -32602:
    // Input validation error: …"); through `tools` they fail like every other tool failure, as
    // `invalid_input: field: problem`, the HTTP API's words for the same input.
    server.server.setRequestHandler(CallToolRequestSchema, async (request) => {
      const handler = tools.get(request.params.name);
      if (!handler) {
        throw new McpError(
          ErrorCode.InvalidParams,
          `There is no tool ${request.params.name}; the tools are ${[...tools.keys()].join(", ")}.`,
        );
      }
      return handler(request.params.arguments);
    });

    server.registerResource(
      "letter",
      LETTER_URI,
      {
        title: letter.metadata.kamerstuk.label,
        description: `The whole letter in the Dutch original, as Markdown with its footnotes and [p. n] page marks: ${ABOUT}.`,
        mimeType: "text/markdown",
      },
      (uri) => ({ contents: [{ uri: uri.href, mimeType: "text/markdown", text: markdown.nl }] }),
    );
    server.registerResource(
      "letter-en",
      `${LETTER_URI}/en`,
      {
        title: `${letter.metadata.kamerstuk.label} (English rendering)`,
        description:
          "The whole letter in an unofficial English rendering, under its notice, as Markdown with its footnotes; the Dutch original is authoritative.",
        mimeType: "text/markdown",
      },
      (uri) => ({ contents: [{ uri: uri.href, mimeType: "text/markdown", text: markdown.en }] }),
    );
    server.registerResource(
      "metadata",
      `${LETTER_URI}/metadata`,
      {
        title: "About the letter",
        description:
          "Title, Kamerstuk number, parliamentary year, signatories, official URL and the list of sections, as JSON.",
        mimeType: "application/json",
      },
      (uri) => ({ contents: [{ uri: uri.href, mimeType: "application/json", text: metadata }] }),
    );
    server.registerResource(
      "section",
      new ResourceTemplate(`${LETTER_URI}/sections/{id}`, {
        list: () => ({
          resources: letter.sections.map((s) => ({
            uri: `${LETTER_URI}/sections/${s.id}`,
            name: `section-${s.id}`,
            title: `${sectionTitle(letter, s.id, "en")} (p. ${s.page})`,
          })),
        }),
        complete: completers("briefwijzer://letter/sections/{id}", {
          id: (value) => sectionIds.filter((id) => id.startsWith(value)),
        }),
      }),
      {
        description:
          "One section of the letter as Markdown: the Dutch original with the footnotes it cites, then its unofficial English rendering.",
        mimeType: "text/markdown",
      },
      (uri, { id }) => {
        const text = typeof id === "string" ? sectionMarkdown(letter, id) : undefined;
        if (text === undefined) {
          throw new McpError(
            ErrorCode.InvalidParams,
            `The letter has no section ${String(id)}; its sections are ${sectionIds.join(", ")}.`,
          );
        }
        return { contents: [{ uri: uri.href, mimeType: "text/markdown", text }] };
      },
    );
    return server;
  };
}
