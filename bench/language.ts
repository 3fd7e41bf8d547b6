/**
 * `node --import tsx bench/language.ts`: how well the language detector tells Dutch from English
 * on short questions, beside the trigram detector alone. Not part of `npm test`.
 *
 * Sets: the dev questions whole; each one's two longest words, and its longest word, asked as a
 * question ("pensioenhervorming?"); and one- or two-word policy questions the letter does not
 * cover. Words shared by both languages ("Amsterdam?") make 100% unreachable on the short sets.
 * Other libraries compared when they are installed (`npm i --no-save tinyld eld`).
 */
import { readFileSync } from "node:fs";
import { franc } from "franc-min";
import { loadLetter } from "../src/letter/load.js";
import { LanguageDetector } from "../src/retrieve/language.js";

type Case = { text: string; lang: string };

const dev = (
  JSON.parse(readFileSync("tests/eval/questions.json", "utf8")) as {
    split: string;
    lang: string;
    question: string;
  }[]
).filter((q) => q.split === "dev");
const longest = (question: string) =>
  (question.match(/[\p{L}\p{N}+'-]+/gu) ?? []).sort((a, b) => b.length - a.length);
const offLetter: Case[] = [
  ..."pensioenhervorming woningmarkt stikstofcrisis zorgverzekering belastingverhoging kinderopvangtoeslag asielzoekers huurprijzen onderwijsbegroting verkiezingen klimaatbeleid gezondheidszorg werkloosheid minimumloon studiefinanciering ziekenhuizen verkeersveiligheid spoorwegen defensiebegroting landbouwsubsidies vaccinatie jeugdzorg ouderenzorg hypotheekrente energieprijzen windmolens kernenergie grondwet gemeenteraad waterschappen dijkversterking drugsbeleid politiekorps gevangenissen rechtspraak armoedebestrijding schuldhulpverlening voedselbanken bijstandsuitkering arbeidsmarkt zzp'ers loonkloof kinderbijslag zwangerschapsverlof abortuswet euthanasie wapenleveranties ontwikkelingshulp handelsakkoord douane visumplicht grensbewaking"
    .split(" ")
    .map((word) => ({ text: `${word}?`, lang: "nl" })),
  ..."pension-reform housing-market nitrogen health-insurance tax-increase childcare asylum rent education-budget elections climate-policy healthcare unemployment minimum-wage student-loans hospitals road-safety railways defence-budget farm-subsidies vaccination youth-care elderly-care mortgage energy-prices wind-turbines nuclear-power constitution city-council water-boards flood-defences drug-policy police prisons judiciary poverty debt-relief food-banks welfare labour-market freelancers pay-gap child-benefit maternity-leave abortion-law euthanasia arms-exports development-aid trade-deal customs visas border-control"
    .split(" ")
    .map((word) => ({ text: `${word.replace(/-/g, " ")}?`, lang: "en" })),
];
const sets: Record<string, Case[]> = {
  "dev questions": dev.map((q) => ({ text: q.question, lang: q.lang })),
  "two words": dev.map((q) => ({
    text: `${longest(q.question).slice(0, 2).join(" ")}?`,
    lang: q.lang,
  })),
  "one word": dev.map((q) => ({ text: `${longest(q.question)[0]}?`, lang: q.lang })),
  "off-letter words": offLetter,
};

const letter = loadLetter("corpus/kamerstuk-30420-415.txt");
const detector = LanguageDetector.forLetter(letter);
const orEnglish = (language: string | undefined) => (language === "nl" ? "nl" : "en");
const detectors: Record<string, (text: string) => string> = {
  "Briefwijzer (stop words, vocabulary, then franc-min)": (text) => detector.detect(text),
  "franc-min alone": (text) =>
    orEnglish({ nld: "nl", eng: "en" }[franc(text, { only: ["nld", "eng"], minLength: 1 })]),
};
try {
  const { eld } = await import("eld/extrasmall" as string);
  eld.setLanguageSubset(["en", "nl"]);
  detectors["eld (extrasmall) alone"] = (text) => orEnglish(eld.detect(text).language);
} catch {}
try {
  const tinyld = await import("tinyld" as string);
  detectors["tinyld alone"] = (text) => orEnglish(tinyld.detect(text, { only: ["nl", "en"] }));
} catch {}

for (const [name, detect] of Object.entries(detectors)) {
  const scores = Object.entries(sets).map(([set, cases]) => {
    const right = cases.filter((c) => detect(c.text) === c.lang).length;
    return `${set} ${right}/${cases.length}`;
  });
  console.log(`${name}: ${scores.join(", ")}`);
}
