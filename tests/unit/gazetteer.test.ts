import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LETTER_GAZETTEER, loadGazetteer } from "../../src/letter/gazetteer.js";

const dir = mkdtempSync(join(tmpdir(), "gazetteer-"));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe("the letter's gazetteer", () => {
  it("is read from the corpus beside the letter", () => {
    expect(LETTER_GAZETTEER.home).toEqual({ en: ["Netherlands"], nl: ["Nederland"] });
  });

  it("names the file and the field when the file is damaged", () => {
    const { venues: _venues, ...rest } = LETTER_GAZETTEER;
    expect(() => loadGazetteer(write("missing.json", JSON.stringify(rest)))).toThrow(
      /missing\.json is invalid:[\s\S]*venues/,
    );
    expect(() => loadGazetteer(write("cut.json", '{"home": {"en": ['))).toThrow(
      /cut\.json is not readable JSON/,
    );
    const typo = { ...LETTER_GAZETTEER, offices: { en: [""], nl: [] } };
    expect(() => loadGazetteer(write("empty.json", JSON.stringify(typo)))).toThrow(/offices/);
  });
});
