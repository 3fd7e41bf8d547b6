import { describe, expect, it } from "vitest";
import { isBsn, PLACEHOLDERS, scrubPersonalData } from "../../src/feedback/scrub.js";

describe("scrubbing personal data from a question before it is stored", () => {
  it("replaces e-mail addresses", () => {
    expect(scrubPersonalData("Mail j.de.vries@minbuza.nl about the SLAPP directive")).toBe(
      `Mail ${PLACEHOLDERS.email} about the SLAPP directive`,
    );
    expect(scrubPersonalData("ik ben anna+brief@example.co.uk, wat staat er over IDAHOT?")).toBe(
      `ik ben ${PLACEHOLDERS.email}, wat staat er over IDAHOT?`,
    );
  });

  it("replaces phone numbers, Dutch ones written any usual way and foreign ones with their code", () => {
    for (const number of [
      "06-12345678",
      "0612345678",
      "06 1234 5678",
      "020-1234567",
      "070 3456789",
      "+31 20 123 4567",
      "0031 6 12345678",
      "+44 20 7946 0958",
    ]) {
      expect(scrubPersonalData(`bel mij op ${number} over de brief`), number).toBe(
        `bel mij op ${PLACEHOLDERS.phone} over de brief`,
      );
    }
  });

  it("replaces a citizen service number only when it passes the eleven-check", () => {
    expect(isBsn("111222333")).toBe(true);
    expect(isBsn("123456782")).toBe(true);
    expect(isBsn("12345678")).toBe(false);
    expect(isBsn("123456789")).toBe(false);
    expect(isBsn("000000000")).toBe(false);
    for (const written of ["111222333", "123456782", "123 456 782", "1234.56.782", "123-456-782"]) {
      expect(scrubPersonalData(`mijn BSN is ${written}, mag ik klagen?`), written).toBe(
        `mijn BSN is ${PLACEHOLDERS.bsn}, mag ik klagen?`,
      );
    }
    // Nine digits that fail the check are no citizen service number (nor a phone number).
    expect(scrubPersonalData("referentie 123456789 in de brief?")).toBe(
      "referentie 123456789 in de brief?",
    );
  });

  it("replaces an IBAN only when its mod-97 checksum holds, compact or in groups, and keeps the words after it", () => {
    expect(scrubPersonalData("stort op NL91ABNA0417164300 aub")).toBe(
      `stort op ${PLACEHOLDERS.iban} aub`,
    );
    expect(scrubPersonalData("IBAN NL91 ABNA 0417 1643 00 please")).toBe(
      `IBAN ${PLACEHOLDERS.iban} please`,
    );
    expect(scrubPersonalData("iban nl91abna0417164300?")).toBe(`iban ${PLACEHOLDERS.iban}?`);
    expect(scrubPersonalData("DE89 3704 0044 0532 0130 00 is German")).toBe(
      `${PLACEHOLDERS.iban} is German`,
    );
    // One digit off: the checksum fails, so it is no IBAN.
    expect(scrubPersonalData("code NL91ABNA0417164301")).toBe("code NL91ABNA0417164301");
  });

  it("keeps the letter's own numbers, years and counts", () => {
    for (const question of [
      "What does Kamerstuk 30 420, nr. 415 say?",
      "Which directive is 2024/1069?",
      "What happened in Q1-2025 and in 2024?",
      "How many of the 32 signatories were new, 5?",
      "Wat gebeurde er op 17-05-2024 (IDAHOT)?",
    ]) {
      expect(scrubPersonalData(question)).toBe(question);
    }
  });

  it("replaces several kinds in one question", () => {
    expect(
      scrubPersonalData(
        "Ik (a@b.nl, 06-12345678, BSN 111222333, NL91ABNA0417164300) vraag: SLAPP?",
      ),
    ).toBe(
      `Ik (${PLACEHOLDERS.email}, ${PLACEHOLDERS.phone}, BSN ${PLACEHOLDERS.bsn}, ${PLACEHOLDERS.iban}) vraag: SLAPP?`,
    );
  });
});
