import type { Language, Letter } from "../letter/types.js";
import { analyze, tokenize } from "./analyzer.js";

/**
 * How often each stem occurs in the letter: the number of its units (sentences, footnotes, section
 * titles) holding the stem, per language. Words everywhere in the letter (EU, Nederland, kabinet)
 * say little about what a question is about; a word it never uses says a lot.
 */
export interface LetterVocabulary {
  units: number;
  frequency: Record<Language, Map<string, number>>;
  /** Stems the glossary maps to the letter's own words: known, though the letter may not use them. */
  glossary: Record<Language, ReadonlySet<string>>;
}

export function letterVocabulary(
  letter: Letter,
  glossaryStems: Record<Language, ReadonlySet<string>>,
): LetterVocabulary {
  const units: Record<Language, string[]> = {
    nl: [
      ...letter.paragraphs.flatMap((p) => p.sentences.map((s) => s.text)),
      ...letter.footnotes.map((f) => f.text),
      ...letter.sections.map((s) => s.title ?? ""),
      letter.metadata.title,
    ],
    en: [
      ...Object.values(letter.translation.paragraphs).flatMap((pairs) => pairs.map((p) => p.en)),
      ...Object.values(letter.translation.footnotes),
      ...Object.values(letter.translation.sectionTitles),
      letter.translation.letter?.title ?? "",
    ],
  };
  const frequency = { nl: new Map<string, number>(), en: new Map<string, number>() };
  for (const language of ["nl", "en"] as const) {
    for (const unit of units[language]) {
      for (const stem of new Set(analyze(unit, language))) {
        frequency[language].set(stem, (frequency[language].get(stem) ?? 0) + 1);
      }
    }
  }
  return { units: Math.max(units.nl.length, units.en.length), frequency, glossary: glossaryStems };
}

/** Specificity of a stem: inverse document frequency, highest for a word the letter never uses. */
export function specificity(
  vocabulary: LetterVocabulary,
  stem: string,
  language: Language,
): number {
  const count = Math.max(
    vocabulary.frequency[language].get(stem) ?? 0,
    vocabulary.frequency[language === "nl" ? "en" : "nl"].get(stem) ?? 0,
  );
  return Math.log((vocabulary.units + 1) / (count + 1));
}

/**
 * Words of a question that frame it rather than name its topic ("mention", "plan", "happen"):
 * absent from the letter, yet no sign that the question is about something else.
 */
const FRAME_WORDS: Record<Language, ReadonlySet<string>> = {
  en: new Set(
    "mention mentioned mentions happen happened happening plan plans planned anything something specific specifically exactly explain describe tell know detail details role position stance view views state stated states stating according regarding concerning related relate relating kind kinds type types thing things way ways much many whether yes no please could would should might main point points part happened give given gives taken take took make made effort efforts work worked working step steps action actions measure activities activity latest current currently recent recently last past year years today now new news information info exist exists existing involved involvement respond response reply react reaction write wrote written talk talked discuss discussed lot far also per cent percent go goes going went gone get gets got getting receive received receives receiving send sent sends happen exactly often frequently usually many much long soon later earlier before after first second third again still yet already ever never always sometimes think thinks thought believe believes want wants wanted need needs needed seem seems help helps helped use used uses using show shows showed shown call called calls ask asked asks keep kept find found put set run look looks like likes mean means meant become became come came comes let lets try tried begin began start started end ended support supported important importance intend intends intended aim aims aimed goal goals achieve achieved result results outcome outcomes happen people person someone anyone everyone thing whole overall general generally particular particularly really actually also even just only very quite more most less least cabinet cabinets hague brussels strasbourg".split(
      " ",
    ),
  ),
  nl: new Set(
    "vermeld vermeldt genoemd noemt gebeurd gebeurt gebeuren plan plannen iets specifiek precies uitleggen beschrijf vertel weet details rol positie standpunt mening volgens over betreffende soort soorten manier manieren veel hoeveel of ja nee graag kun kunt kan zou zouden belangrijkste punt punten deel gegeven geeft genomen nemen maken gemaakt inzet werk gewerkt stap stappen actie acties maatregel activiteiten laatste huidige recent recente afgelopen jaar jaren vandaag nu nieuw nieuwe nieuws informatie bestaat betrokken betrokkenheid reageren reactie schrijft geschreven besproken bespreekt procent gaat gaan ging gingen gegaan krijgt krijgen kreeg kregen gekregen ontvangt ontvingen ontvangen stuurt stuurde gestuurd gericht vaak keer wanneer lang snel later eerder voor na eerst weer nog al ooit nooit altijd soms denkt dacht vindt vond vinden gevonden wil willen wilde wilden moet moeten moest nodig lijkt helpt hielp geholpen gebruikt gebruiken toont laat laten komt komen kwam kwamen gekomen begint begon gestart eindigde steunt steunde gesteund belangrijk belang doel doelen bereikt resultaat resultaten uitkomst mensen iemand iedereen ding geheel algemeen bijzonder echt eigenlijk ook zelfs alleen erg heel meer meest minder minst precies welk gedaan doet deden doen heeft hebben had hadden wordt worden werd werden zijn was waren staat stond stonden zegt zei gezegd den haag brussel brusselse straatsburg straatsburgse hen hem haar wij we jullie daarbij daarover daarvan hierover".split(
      " ",
    ),
  ),
};

export interface ScopeAssessment {
  /** Content words of the question the letter never uses (and the glossary does not know), as asked. */
  absent: string[];
  /** Share of the question's specificity carried by absent words, in [0, 1]. */
  absentShare: number;
  /** Specificity of the most specific word of the question the letter does use. */
  bestKnown: number;
}

/** Which of the question's topic words the letter uses, weighed by how specific they are. */
export function assessScope(
  question: string,
  language: Language,
  vocabulary: LetterVocabulary,
): ScopeAssessment {
  const absent: string[] = [];
  let absentWeight = 0;
  let knownWeight = 0;
  let bestKnown = 0;
  const seen = new Set<string>();
  // "cabinet's" is the cabinet; "lhbtiq-gelijkheid" is known when its parts are.
  for (const token of tokenize(question.replace(/['’]s\b/g, ""))) {
    if (FRAME_WORDS[language].has(token) || /^\d+$/.test(token)) continue;
    const stems = token.includes("-")
      ? analyze(token.replace(/-/g, " "), language)
      : analyze(token, language);
    for (const stem of stems) {
      if (seen.has(stem) || FRAME_WORDS[language].has(stem)) continue;
      seen.add(stem);
      const other = language === "nl" ? "en" : "nl";
      const used =
        (vocabulary.frequency[language].get(stem) ?? 0) > 0 ||
        (vocabulary.frequency[other].get(stem) ?? 0) > 0;
      const weight = specificity(vocabulary, stem, language);
      // An everyday word the glossary maps to one of the letter's ("bullying litigation" → SLAPP)
      // is as good as the letter's own.
      if (used || vocabulary.glossary[language].has(stem)) {
        knownWeight += weight;
        bestKnown = Math.max(bestKnown, weight);
      } else {
        absentWeight += weight;
        if (!absent.includes(token)) absent.push(token);
      }
    }
  }
  const total = absentWeight + knownWeight;
  return { absent, absentShare: total === 0 ? 0 : absentWeight / total, bestKnown };
}

export const SCOPE = {
  /** Refuse a question whose specificity lies mostly in words the letter never uses… */
  refuseShare: 0.75,
  /** …unless it also names something specific to the letter (a word in a few of its sentences). */
  specificKnown: 3,
} as const;

export type ScopeDecision = "answer" | "refuse";

/**
 * Refuse-or-answer from the retrieval evidence and the question's scope: a question whose focus
 * the letter never mentions (railways, asylum seekers) is refused even when generic words (EU,
 * Nederland, 2024) give it evidence; one that also names the letter's specific content is answered.
 */
export function decideScope(grounded: boolean, scope: ScopeAssessment): ScopeDecision {
  if (!grounded) return "refuse";
  const offFocus = scope.absentShare >= SCOPE.refuseShare && scope.bestKnown < SCOPE.specificKnown;
  return offFocus ? "refuse" : "answer";
}
