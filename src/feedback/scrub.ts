import { electronicFormatIBAN, isValidIBAN } from "ibantools";
import { findPhoneNumbersInText } from "libphonenumber-js/max";

/** What a question's personal data is replaced with before it is stored. */
export const PLACEHOLDERS = {
  email: "[e-mail]",
  iban: "[IBAN]",
  bsn: "[BSN]",
  phone: "[phone]",
} as const;

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

/** Two letters, two check digits, then what might be the account, spaces allowed (print format). */
const IBAN_START = /\b[A-Za-z]{2}\d{2}(?=[A-Za-z0-9 ]{10})/g;
const IBAN_BODY = /^[A-Za-z0-9 ]{0,40}/;

/**
 * Nine digits, or eight (an old number written without its leading zero), grouped as people
 * write them: 123456782, 123 456 782, 123-456-782, 1234.56.782.
 */
const BSN =
  /(?<![\p{N}.-])(?:\d{3}[ .-]?\d{3}[ .-]?\d{3}|\d{4}\.\d{2}\.\d{3}|\d{8})(?![\p{N}]|[.-]\d)/gu;

/** The eleven-check of a citizen service number: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11. */
export function isBsn(digits: string): boolean {
  const padded = digits.padStart(9, "0");
  if (!/^\d{9}$/.test(padded) || /^0+$/.test(padded)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(padded[i]) * (9 - i);
  sum -= Number(padded[8]);
  return sum % 11 === 0;
}

/**
 * The longest valid IBAN starting at each candidate: a sentence may go on after the number
 * ("NL91 ABNA 0417 1643 00 please"), and only the checksum (mod 97) tells where it ends.
 */
function scrubIbans(text: string): string {
  let out = "";
  let from = 0;
  for (const start of text.matchAll(IBAN_START)) {
    if (start.index < from) continue;
    const body = IBAN_BODY.exec(text.slice(start.index))?.[0] ?? "";
    for (let end = body.length; end >= 15; end--) {
      const candidate = body.slice(0, end);
      if (candidate.endsWith(" ")) continue;
      const electronic = electronicFormatIBAN(candidate);
      if (electronic && isValidIBAN(electronic)) {
        out += text.slice(from, start.index) + PLACEHOLDERS.iban;
        from = start.index + end;
        break;
      }
    }
  }
  return out + text.slice(from);
}

function scrubPhones(text: string): string {
  // Dutch numbers without a country code are read as Dutch; any with one as that country's.
  const found = findPhoneNumbersInText(text, { defaultCountry: "NL" });
  let out = "";
  let from = 0;
  for (const { startsAt, endsAt } of found) {
    out += text.slice(from, startsAt) + PLACEHOLDERS.phone;
    from = endsAt;
  }
  return out + text.slice(from);
}

/**
 * The question as it may be stored: e-mail addresses, IBANs (with a valid checksum), citizen
 * service numbers (passing the eleven-check) and phone numbers replaced with placeholders. Numbers
 * that are none of these (years, Kamerstuk and directive numbers, counts) stay.
 */
export function scrubPersonalData(text: string): string {
  const withoutEmail = text.replace(EMAIL, PLACEHOLDERS.email);
  const withoutIban = scrubIbans(withoutEmail);
  const withoutBsn = withoutIban.replace(BSN, (match) =>
    isBsn(match.replace(/\D/g, "")) ? PLACEHOLDERS.bsn : match,
  );
  return scrubPhones(withoutBsn);
}
