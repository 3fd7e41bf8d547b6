import { describe, expect, it } from "vitest";
import { chunkLetter } from "../../src/chunk/chunk.js";
import { loadLetter } from "../../src/letter/load.js";

const letter = loadLetter("corpus/kamerstuk-30420-415.txt");
const chunks = chunkLetter(letter);

describe("chunking the real letter", () => {
  it("loads the English rendering aligned with every paragraph", () => {
    expect(letter.warnings).toEqual([]);
    expect(Object.keys(letter.translation.paragraphs)).toEqual(letter.paragraphs.map((p) => p.id));
    expect(Object.keys(letter.translation.footnotes)).toHaveLength(11);
  });

  it("cuts along paragraphs, windows long ones with overlap, and keeps metadata", () => {
    const passages = chunks.filter(
      (c) => c.metadata.kind === "passage" && c.metadata.lang === "nl",
    );
    for (const paragraph of letter.paragraphs) {
      const own = passages.filter((c) => c.metadata.passageId === paragraph.id);
      const covered = new Set(
        own.flatMap(({ metadata }) => {
          const [first, last] = metadata.sentences ?? [0, -1];
          return Array.from({ length: last - first + 1 }, (_, i) => first + i);
        }),
      );
      expect(covered.size).toBe(paragraph.sentences.length);
      for (const chunk of own) {
        expect(chunk.metadata).toMatchObject({
          sectionId: paragraph.sectionId,
          page: paragraph.pages[0],
        });
      }
      if (own.length > 1) {
        expect(own[1]?.metadata.sentences?.[0]).toBe(own[0]?.metadata.sentences?.[1]);
      }
    }
    const slapp = passages.filter(
      (c) => c.metadata.passageId === "inzet-voor-de-bescherming-van-grondrechten-2",
    );
    expect(slapp.at(-1)?.metadata.footnotes).toEqual([9]);
    expect(slapp[0]?.text.startsWith("Inzet voor de bescherming van grondrechten. ")).toBe(true);
  });

  it("makes every footnote and every sentence searchable in both languages", () => {
    for (const lang of ["nl", "en"] as const) {
      const footnotes = chunks.filter(
        (c) => c.metadata.kind === "footnote" && c.metadata.lang === lang,
      );
      expect(footnotes.map((c) => c.metadata.footnoteNumber)).toEqual([
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
      ]);
      const sentences = chunks.filter(
        (c) => c.metadata.kind === "sentence" && c.metadata.lang === lang,
      );
      expect(sentences).toHaveLength(letter.paragraphs.reduce((n, p) => n + p.sentences.length, 0));
    }
    const fn9 = chunks.find((c) => c.metadata.id === "nl:fn9");
    expect(fn9).toMatchObject({
      text: "Directive – EU – 2024/1069",
      metadata: { passageId: "inzet-voor-de-bescherming-van-grondrechten-2", page: 3 },
    });
    expect(new Set(chunks.map((c) => c.metadata.id)).size).toBe(chunks.length);
  });
});
