import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { describe, expect, it } from "vitest";

/** The delivery channels: siblings over the shared kit in src/server, none importing another. */
const CHANNELS = ["http", "slack", "mcp", "web"];
/** Everything below the channels, up to the answer service; `cli` is the composition root. */
const BELOW_THE_CHANNELS = [
  "letter",
  "chunk",
  "embed",
  "index",
  "retrieve",
  "lexicon",
  "compose",
  "answer",
  "evaluate",
  "feedback",
  "state",
  "server",
];

/**
 * The answering flow, upstream first: corpus → parse (letter) → words (lexicon) → chunk → embed →
 * index → retrieve → decide → compose → answer. A stage may import any stage before it, never one
 * after it.
 */
const FLOW = [
  "letter",
  "lexicon",
  "chunk",
  "embed",
  "index",
  "retrieve",
  "decide",
  "compose",
  "answer",
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** `src/<area>/…` of every relative import (static, re-export, side effect or dynamic) in a file. */
function importedAreas(file: string): { area: string; specifier: string }[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [
    ...text.matchAll(/^\s*(?:import|export)\b[^"';]*?["']([^"']+)["']/gm),
    ...text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
  ].map((match) => match[1] ?? "");
  return specifiers
    .filter((specifier) => specifier.startsWith("."))
    .map((specifier) => {
      const target = relative("src", normalize(join(dirname(file), specifier)));
      return { area: target.split("/")[0] ?? "", specifier };
    });
}

const graph = sourceFiles("src").map((file) => ({
  file,
  area: relative("src", file).split("/")[0] ?? "",
  imports: importedAreas(file),
}));

describe("the import graph", () => {
  it("is read from the sources (a sanity check of the reading itself)", () => {
    const slackRouter = graph.find((node) => node.file === join("src", "slack", "router.ts"));
    expect(slackRouter?.imports.map((i) => i.area)).toContain("server");
    expect(graph.length).toBeGreaterThan(80);
  });

  it("has no channel importing another channel", () => {
    const crossings = graph.flatMap((node) =>
      CHANNELS.includes(node.area)
        ? node.imports
            .filter((i) => CHANNELS.includes(i.area) && i.area !== node.area)
            .map((i) => `${node.file} → ${i.specifier}`)
        : [],
    );
    expect(crossings).toEqual([]);
  });

  it("has nothing below the channels importing a channel or the command line", () => {
    const upward = graph.flatMap((node) =>
      BELOW_THE_CHANNELS.includes(node.area)
        ? node.imports
            .filter((i) => [...CHANNELS, "cli"].includes(i.area))
            .map((i) => `${node.file} → ${i.specifier}`)
        : [],
    );
    expect(upward).toEqual([]);
  });

  it("keeps the lexicon at the bottom: it imports only the letter's types, the tuning profile and itself", () => {
    const upward = graph.flatMap((node) =>
      node.area === "lexicon"
        ? node.imports
            .filter(
              (i) =>
                !["lexicon", "letter", "profile.js"].includes(i.area) ||
                /letter\/(?!types\.js)/.test(i.specifier),
            )
            .map((i) => `${node.file} → ${i.specifier}`)
        : [],
    );
    expect(upward).toEqual([]);
  });

  it("points every import of the answering flow down the flow, never back", () => {
    const backEdges = graph.flatMap((node) => {
      const stage = FLOW.indexOf(node.area);
      if (stage < 0) return [];
      return node.imports
        .filter((i) => FLOW.indexOf(i.area) > stage)
        .map((i) => `${node.file} → ${i.specifier}`);
    });
    expect(backEdges).toEqual([]);
  });

  it("keeps the browser code off the answer pipeline: the page and widget import no compose/", () => {
    const browser = graph.filter((node) => node.file.startsWith(join("src", "web", "client")));
    const pipeline = browser.flatMap((node) =>
      node.imports
        .filter((i) => ["compose", "retrieve", "answer", "index", "embed"].includes(i.area))
        .filter((i) => !/\/types\.js$/.test(i.specifier))
        .map((i) => `${node.file} → ${i.specifier}`),
    );
    expect(pipeline).toEqual([]);
  });
});
