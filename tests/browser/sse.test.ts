import { describe, expect, it } from "vitest";
import { readServerSentEvents } from "../../src/web/client/api.js";
import { quotedSentences } from "../../src/web/client/render.js";

async function collect(chunks: (string | Uint8Array)[]) {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) {
        controller.enqueue(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
      }
      controller.close();
    },
  });
  const events = [];
  for await (const event of readServerSentEvents(body)) events.push(event);
  return events;
}

describe("the browser's server-sent events reader", () => {
  it("reads named events, joins data lines and skips heartbeat comments", async () => {
    const events = await collect([
      'event: citations\ndata: {"citations":[]}\n\n',
      ": heartbeat\n\n",
      "event: delta\ndata: one\ndata: two\n\n",
      "data: unnamed\n\n",
    ]);
    expect(events).toEqual([
      { event: "citations", data: '{"citations":[]}' },
      { event: "delta", data: "one\ntwo" },
      { event: "message", data: "unnamed" },
    ]);
  });

  it("copes with events, lines, CRLFs and multi-byte characters split across chunks", async () => {
    const bytes = new TextEncoder().encode(
      'event: done\r\ndata: {"answer":"Richtlijn – EU"}\r\n\r\n',
    );
    const oneBytePerChunk = Array.from(bytes, (byte) => Uint8Array.of(byte));
    expect(await collect(oneBytePerChunk)).toEqual([
      { event: "done", data: '{"answer":"Richtlijn – EU"}' },
    ]);
  });

  it("drops an event the stream cut off before its blank line", async () => {
    expect(await collect(["event: delta\ndata: partial"])).toEqual([]);
  });
});

describe("finding the quoted sentences in a passage", () => {
  const sentences = ["One.", "Two (a).", "Three."];

  it("finds one sentence or a run of them", () => {
    expect(quotedSentences(sentences, "Two (a).")).toEqual([1]);
    expect(quotedSentences(sentences, "Two (a). Three.")).toEqual([1, 2]);
  });

  it("finds nothing for text that is not a run of whole sentences", () => {
    expect(quotedSentences(sentences, "Two")).toEqual([]);
    expect(quotedSentences(sentences, "One. Three.")).toEqual([]);
  });
});
