import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  joinLines,
  LetterParseError,
  parseLetter,
  splitSentences,
} from "../../src/letter/parse.js";

const letterText = readFileSync("corpus/kamerstuk-30420-415.txt", "utf8");
const letter = parseLetter(letterText);
const paragraph = (id: string) => {
  const found = letter.paragraphs.find((p) => p.id === id);
  if (!found) throw new Error(`no paragraph ${id}`);
  return found;
};
const allText = letter.paragraphs.map((p) => p.text).join("\n");

describe("the real letter", () => {
  it("has four pages, the unheaded opening and the five sections in order", () => {
    expect(letter.pageCount).toBe(4);
    expect(letter.sections.map((s) => [s.title, s.page])).toEqual([
      [null, 1],
      ["Europese samenwerking", 1],
      ["Inzet voor de bescherming van grondrechten", 2],
      ["IDAHOT+ Forum", 3],
      ["Inzet binnen de Raad van Europa", 3],
      ["Evaluatie van de kabinetsinzet", 4],
    ]);
    expect(letter.warnings).toEqual([]);
  });

  it("has all 11 footnotes with their exact, joined texts", () => {
    expect(letter.footnotes.map((f) => [f.number, f.page, f.text])).toEqual([
      [
        1,
        1,
        "Lhbtiq+ is een afkorting voor lesbische, homoseksuele, biseksuele, transgender, intersekse en queer personen",
      ],
      [
        2,
        1,
        "Toegezegd door de Minister van Onderwijs, Cultuur en Wetenschap in het Wetgevingsoverleg Emancipatie op 6 december 2021. Kamerstuk 2023/2024, 30 420, nr. 388, Kamerstuk 2022/23, 30 420, nr. 376 en Kamerstuk 2021/22, 30 420, nr. 367.",
      ],
      [3, 2, "Richtlijn – EU – 2024/1385"],
      [
        4,
        2,
        "Strategie voor gendergelijkheid 2020–2025, Strategie voor gelijkheid van lhbtiq’ers 2020–2025",
      ],
      [5, 2, "La Hulpe Declaration on the Future of the European Pillar of Social Rights"],
      [
        6,
        2,
        "Kamerstuk 2023/2024, 22 112 en 30 420, nr. 3956, Joint letter on the continuation and strengthening of gender equality and LGBTIQ equality in the European Union | Tweede Kamer der Staten-Generaal",
      ],
      [7, 2, "Strategic agenda 2024–2029 – Consilium"],
      [8, 3, "Kamervragen 2023–2024, Kamerstuk 2024Z12561"],
      [9, 3, "Directive – EU – 2024/1069"],
      [
        10,
        3,
        "Trans Gender Europe (TGEU), International Lesbian, Gay, Bisexual, Trans and Intersex Association Europe (ILGA Europe); en International Lesbian, Gay, Bisexual, Trans, Queer and Intersex Youth & Student Organisation (IGLYO).",
      ],
      [11, 3, "Politieke verklaring bescherming van lhbtiq+ mensenrechten"],
    ]);
  });

  it("gives every paragraph its pages, section and footnote numbers", () => {
    expect(letter.paragraphs.map((p) => [p.id, p.pages, p.footnotes])).toEqual([
      ["opening-1", [1], []],
      ["opening-2", [1], [1, 2]],
      ["europese-samenwerking-1", [1, 2], []],
      ["europese-samenwerking-2", [2], [3]],
      ["europese-samenwerking-3", [2], [4, 5]],
      ["europese-samenwerking-4", [2], [6, 7]],
      ["europese-samenwerking-5", [2], []],
      ["inzet-voor-de-bescherming-van-grondrechten-1", [2, 3], [8]],
      ["inzet-voor-de-bescherming-van-grondrechten-2", [3], [9]],
      ["inzet-voor-de-bescherming-van-grondrechten-3", [3], [10]],
      ["idahot-forum-1", [3], [11]],
      ["idahot-forum-2", [3], []],
      ["inzet-binnen-de-raad-van-europa-1", [3, 4], []],
      ["inzet-binnen-de-raad-van-europa-2", [4], []],
      ["inzet-binnen-de-raad-van-europa-3", [4], []],
      ["evaluatie-van-de-kabinetsinzet-1", [4], []],
      ["evaluatie-van-de-kabinetsinzet-2", [4], []],
    ]);
    for (const footnote of letter.footnotes) {
      expect(footnote.paragraphIds).toHaveLength(1);
    }
  });

  it("places each footnote reference at its sentence, glued markers included", () => {
    const opening = paragraph("opening-2");
    const lhbtiq = opening.sentences.find((s) => s.text.includes("lhbtiq+ personen"));
    expect(lhbtiq?.footnoteRefs.map((r) => r.number)).toEqual([1]);
    expect(lhbtiq?.text.slice(0, lhbtiq.footnoteRefs[0]?.offset)).toMatch(/lhbtiq\+$/);
    expect(opening.sentences.at(-1)).toMatchObject({
      text: "Het kabinet doet dat jaarlijks.",
      footnoteRefs: [{ number: 2, offset: 31 }],
    });
    const violence = paragraph("europese-samenwerking-2").sentences.at(-1);
    expect(violence?.text).toMatch(/huiselijk geweld\.$/);
    expect(violence?.footnoteRefs).toEqual([{ number: 3, offset: violence?.text.length }]);
    // "aflopen.4 Op" then a line that starts "16 april": a marker, then body text, not a footnote.
    const strategies = paragraph("europese-samenwerking-3").sentences;
    expect(strategies.map((s) => s.footnoteRefs.map((r) => r.number))).toEqual([
      [],
      [],
      [],
      [4],
      [5],
    ]);
    expect(strategies[3]?.text).toMatch(/aangezien deze in 2025 aflopen\.$/);
    expect(strategies[4]?.text).toMatch(/^Op 16 april ondertekende Nederland/);
  });

  it("keeps numbers that are not markers as text", () => {
    for (const literal of [
      "(art. 19)",
      "Commissie-Von der Leyen I",
      "Rutte III (2017–2022)",
      "Q1–2025.",
      "RvE voor 2024–2029.",
      "32 Europese landen",
      "in 2021 in Hongarije",
    ]) {
      expect(allText).toContain(literal);
    }
    expect(letter.footnotes.find((f) => f.number === 3)?.text).toContain("2024/1385");
    expect(letter.footnotes.find((f) => f.number === 2)?.text).toContain(
      "2022/23, 30 420, nr. 376",
    );
  });

  it("joins hyphenated line ends and keeps real hyphens", () => {
    for (const word of [
      "wetswijzigingen",
      "gendergelijkheidsstrategie",
      "koepelorganisaties",
      "coalitievorming",
      "mensenrechtenverdedigers",
      "Nederlandse ambassades",
      "Mensenrechtenambassadeur",
      "geslachtskenmerken",
    ]) {
      expect(allText).toContain(word);
    }
    for (const hyphenated of [
      "EU-lidstaten",
      "EU-mensenrechtenregime",
      "lhbtiq+-rechten",
      "niet-gouvernementele",
      "en -expressie",
    ]) {
      expect(allText).toContain(hyphenated);
    }
    expect(allText).not.toMatch(/\p{L}- \p{Ll}/u);
  });

  it("joins the paragraph on Bulgaria across the page break and the footnote block", () => {
    const bulgaria = paragraph("inzet-voor-de-bescherming-van-grondrechten-1");
    expect(bulgaria.pages).toEqual([2, 3]);
    expect(bulgaria.text).toContain("die zich richten op de inperking van de gelijke behandeling");
    expect(bulgaria.sentences.map((s) => s.page)).toEqual([2, 3, 3]);
    expect(paragraph("europese-samenwerking-1").text).toContain(
      "duidelijke en ambitieuze Europese en internationale afspraken",
    );
  });

  it("drops the page footer as furniture and reads the signature block", () => {
    expect(allText).not.toContain("vergaderjaar");
    expect(letter.footnotes.map((f) => f.text).join(" ")).not.toContain(
      "vergaderjaar 2024–2025, 30 420",
    );
    expect(letter.signatories).toEqual([
      { role: "Minister van Buitenlandse Zaken", name: "C.C.J. Veldkamp" },
      { role: "Staatssecretaris van Onderwijs, Cultuur en Wetenschap", name: "M.L.J. Paul" },
    ]);
    expect(allText).not.toContain("Veldkamp");
  });

  it("splits sentences without breaking at abbreviations, initials or possessives", () => {
    const funding = paragraph("inzet-voor-de-bescherming-van-grondrechten-3").sentences.map(
      (s) => s.text,
    );
    expect(funding).toHaveLength(3);
    expect(funding[1]).toBe(
      "Zij vervullen een belangrijke kennisfunctie en ondersteunen kleine lokale NGO’s.",
    );
    expect(paragraph("europese-samenwerking-2").sentences[2]?.text).toContain(
      "(art. 19) werden voortgezet",
    );
  });
});

/** A small letter in the shape of an extracted Kamerbrief, to exercise each trap in isolation. */
function syntheticLetter(body: string): string {
  return ` ${body.trim()}\n`;
}

describe("synthetic letters", () => {
  it("finds glued markers and footnotes, and reads a numbered body line as text", () => {
    const parsed = parseLetter(
      syntheticLetter(`
Het kabinet steunt lhbtiq+1 personen en doet dat jaarlijks.2 Wij bestrijden
geweld.3 Strategieën lopen in 2025 aflopen.4 Op
16 april tekende Nederland.

1 Eerste voetnoot
2 Tweede voetnoot met
30 420, nr. 1 als vervolg
3 Derde voetnoot
4 Vierde voetnoot
`),
    );
    const sentences = parsed.paragraphs.flatMap((p) => p.sentences);
    expect(sentences.map((s) => s.footnoteRefs.map((r) => r.number))).toEqual([
      [1, 2],
      [3],
      [4],
      [],
    ]);
    expect(sentences[3]?.text).toBe("Op 16 april tekende Nederland.");
    expect(parsed.footnotes.map((f) => f.text)).toEqual([
      "Eerste voetnoot",
      "Tweede voetnoot met 30 420, nr. 1 als vervolg",
      "Derde voetnoot",
      "Vierde voetnoot",
    ]);
  });

  it("does not take numbers in the text for markers", () => {
    const parsed = parseLetter(
      syntheticLetter(`
Richtlijn 2024/1385 en Kamerstuk 30 420 (art. 19) in Q1–2025, van 2017–2022 onder Von der Leyen I.
`),
    );
    expect(parsed.paragraphs[0]?.footnotes).toEqual([]);
    expect(parsed.paragraphs[0]?.text).toBe(
      "Richtlijn 2024/1385 en Kamerstuk 30 420 (art. 19) in Q1–2025, van 2017–2022 onder Von der Leyen I.",
    );
    expect(parsed.warnings).toContain("The letter has no footnotes.");
  });

  it("joins hyphenation but keeps hyphens before capitals and after abbreviations", () => {
    expect(joinLines(["de wetswijzi-", "gingen"])).toBe("de wetswijzigingen");
    expect(joinLines(["de genderge-", "lijkheidsstrategie"])).toBe("de gendergelijkheidsstrategie");
    expect(joinLines(["de koepelorga-", "nisaties"])).toBe("de koepelorganisaties");
    expect(joinLines(["de EU-", "lidstaten"])).toBe("de EU-lidstaten");
    expect(joinLines(["Commissie-", "Von der Leyen"])).toBe("Commissie-Von der Leyen");
    expect(joinLines(["pleitte – met succes", "– voor"])).toBe("pleitte – met succes – voor");
  });

  it("continues a paragraph across a page break, footnotes and footer, and joins split footnotes", () => {
    const parsed = parseLetter(
      syntheticLetter(`
Eerste alinea met een marker.1 Deze zin loopt door tot aan het einde van de

1 Een voetnoot die door-

loopt na een lege regel
Tweede Kamer, vergaderjaar 2024–2025, 30 420, nr. 415 1



pagina en eindigt hier.

Kop van een sectie

Nieuwe alinea.
`),
    );
    expect(parsed.pageCount).toBe(2);
    expect(parsed.paragraphs.map((p) => [p.text, p.pages])).toEqual([
      [
        "Eerste alinea met een marker. Deze zin loopt door tot aan het einde van de pagina en eindigt hier.",
        [1, 2],
      ],
      ["Nieuwe alinea.", [2]],
    ]);
    expect(parsed.sections.map((s) => s.title)).toEqual([null, "Kop van een sectie"]);
    expect(parsed.footnotes[0]?.text).toBe("Een voetnoot die doorloopt na een lege regel");
  });

  it("warns about a marker with no footnote", () => {
    const parsed = parseLetter(syntheticLetter("Een zin met een marker.1 En nog een zin."));
    expect(parsed.warnings).toEqual(["Footnote marker 1 has no footnote text."]);
    expect(parsed.footnotes).toEqual([]);
  });

  it("rejects empty and binary input with a clear error", () => {
    expect(() => parseLetter("")).toThrow(LetterParseError);
    expect(() => parseLetter(" \n\n \n")).toThrow(/empty/);
    expect(() => parseLetter("PK\u0003\u0004\u0000\u0000binary")).toThrow(/not readable text/);
    expect(() => parseLetter("\uFFFD\uFFFD broken encoding")).toThrow(/not readable text/);
  });

  it("splits sentences at the right places", () => {
    expect(
      splitSentences("Zie art. 19 van de wet. Dat is C.C.J. Veldkamp. 32 landen tekenden.").map(
        (s) => s.text,
      ),
    ).toEqual(["Zie art. 19 van de wet.", "Dat is C.C.J. Veldkamp.", "32 landen tekenden."]);
  });
});
