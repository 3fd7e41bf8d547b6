import { letterTexts } from "../letter/texts.js";
import { type Language, type Letter, otherLanguage } from "../letter/types.js";
import type { WordFrequency } from "../lexicon/frequency.js";
import { NUMBER_WORD } from "../lexicon/numbers.js";
import { DEFAULT_PROFILE, type Profile } from "../profile.js";
import { analyze, isStopword, sentenceAsks, sentencesOf, tokenize } from "./analyzer.js";
import { compoundParts } from "./compounds.js";
import type { ConceptStems } from "./glossary.js";
import { namesElsewhere, PLACE_NAME } from "./places.js";

type ScopeTuning = Profile["scope"];

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
  /** The glossary's terms, in both languages, for the concepts a text names. */
  expand: (text: string) => Record<Language, string[]>;
  /** The glossary's concepts a text names, each as its terms' stems. */
  concepts: (text: string) => ConceptStems[];
  /** Each passage's stems and the places it names (lower case), per language, footnotes included. */
  passages: Record<Language, { stems: ReadonlySet<string>; places: ReadonlySet<string> }>[];
  /** How common words are in everyday language: a rare word the letter lacks names another topic. */
  everyday?: WordFrequency;
}

const PLACES = new RegExp(PLACE_NAME.source, "giu");

/** Places that stand for the letter's whole setting, or for an institution, rather than a place asked about. */
const SETTING =
  /^(?:netherlands|nederland|brussels|brussel|strasbourg|straatsburg|the hague|den haag)$/;

function placesIn(text: string): Set<string> {
  return new Set(
    (text.match(PLACES) ?? []).map((p) => p.toLowerCase()).filter((p) => !SETTING.test(p)),
  );
}

export function letterVocabulary(
  letter: Letter,
  glossaryStems: Record<Language, ReadonlySet<string>>,
  expand: (text: string) => Record<Language, string[]> = () => ({ nl: [], en: [] }),
  everyday?: WordFrequency,
  concepts: (text: string) => ConceptStems[] = () => [],
): LetterVocabulary {
  const units: Record<Language, string[]> = {
    nl: [
      ...letterTexts(letter, "nl"),
      ...letter.sections.map((s) => s.title ?? ""),
      letter.metadata.title,
    ],
    en: [
      ...letterTexts(letter, "en"),
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
  const passages = letter.paragraphs.map((paragraph) => {
    const footnotes = paragraph.sentences.flatMap((s) => s.footnoteRefs.map((r) => r.number));
    const text = {
      nl: [
        paragraph.text,
        ...footnotes.map((n) => letter.footnotes.find((f) => f.number === n)?.text ?? ""),
      ].join(" "),
      en: [
        ...(letter.translation.paragraphs[paragraph.id] ?? []).map((pair) => pair.en),
        ...footnotes.map((n) => letter.translation.footnotes[String(n)] ?? ""),
      ].join(" "),
    };
    return {
      nl: { stems: new Set(analyze(text.nl, "nl")), places: placesIn(text.nl) },
      en: { stems: new Set(analyze(text.en, "en")), places: placesIn(text.en) },
    };
  });
  return {
    units: Math.max(units.nl.length, units.en.length),
    frequency,
    glossary: glossaryStems,
    expand,
    concepts,
    passages,
    ...(everyday ? { everyday } : {}),
  };
}

/** Specificity of a stem: inverse document frequency, highest for a word the letter never uses. */
export function specificity(
  vocabulary: LetterVocabulary,
  stem: string,
  language: Language,
): number {
  const count = Math.max(
    vocabulary.frequency[language].get(stem) ?? 0,
    vocabulary.frequency[otherLanguage(language)].get(stem) ?? 0,
  );
  return Math.log((vocabulary.units + 1) / (count + 1));
}

/**
 * Words of a question that frame it rather than name its topic ("mention", "plan", "happen"), and
 * the parts of the letter a question points to ("in the footnote", "welk nummer"): absent from the
 * letter, yet no sign that the question is about something else.
 */
const FRAME_WORDS: Record<Language, ReadonlySet<string>> = {
  en: new Set(
    "all everything mention mentioned mentions happen happened happening plan plans planned anything something specific specifically exactly explain describe tell know detail details role position stance view views state stated states stating according regarding concerning related relate relating kind kinds type types thing things way ways much many whether yes no please could would should might main point points part happened give given gives taken take took make made effort efforts work worked working step steps action actions measure activities activity latest current currently recent recently last past year years today now new news information info exist exists existing involved involvement respond response reply react reaction write wrote written talk talked discuss discussed lot far also per cent percent go goes going went gone get gets got getting receive received receives receiving send sent sends happen exactly often frequently usually many much long soon later earlier before after first second third again still yet already ever never always sometimes think thinks thought believe believes want wants wanted need needs needed seem seems help helps helped use used uses using show shows showed shown call called calls ask asked asks keep kept find found put set run look looks like likes mean means meant become became come came comes let lets try tried begin began start started end ended support supported important importance intend intends intended aim aims aimed goal goals achieve achieved result results outcome outcomes happen people person someone anyone everyone thing whole overall general generally particular particularly really actually also even just only very quite more most less least cabinet cabinets hague brussels strasbourg footnote footnotes note notes passage passages paragraph paragraphs section sections sentence sentences heading headings chapter page number numbers date dates refer refers reference subject subjects topic topics theme report reports reported reporting letters".split(
      " ",
    ),
  ),
  nl: new Set(
    "allemaal alles vermeld vermeldt genoemd noemt gebeurd gebeurt gebeuren plan plannen iets specifiek precies uitleggen beschrijf vertel weet details rol positie standpunt mening volgens over betreffende soort soorten manier manieren veel hoeveel of ja nee graag kun kunt kan zou zouden belangrijkste punt punten deel gegeven geeft genomen nemen maken gemaakt inzet werk werkt werken werkte werkten gewerkt stap stappen actie acties maatregel activiteiten laatste huidige recent recente afgelopen jaar jaren vandaag nu nieuw nieuwe nieuws informatie bestaat betrokken betrokkenheid reageren reactie schrijft geschreven besproken bespreekt procent gaat gaan ging gingen gegaan krijgt krijgen kreeg kregen gekregen ontvangt ontvingen ontvangen stuurt stuurde gestuurd gericht vaak keer wanneer lang snel later eerder voor na eerst weer nog al ooit nooit altijd soms denkt dacht vindt vond vinden gevonden wil willen wilde wilden moet moeten moest nodig lijkt helpt hielp geholpen gebruikt gebruiken toont laat laten komt komen kwam kwamen gekomen begint begon gestart eindigde steunt steunde gesteund belangrijk belang doel doelen bereikt resultaat resultaten uitkomst mensen iemand iedereen ding geheel algemeen bijzonder echt eigenlijk ook zelfs alleen erg heel meer meest minder minst precies welk gedaan doet deden doen heeft hebben had hadden wordt worden werd werden zijn was waren staat stond stonden zegt zei gezegd den haag brussel brusselse straatsburg straatsburgse hen hem haar wij we jullie daarbij daarover daarvan hierover voetnoot voetnoten noot passage passages alinea paragraaf paragrafen zin zinnen kopje kopjes hoofdstuk pagina nummer nummers datum verwijst verwijzen verwijzing onderwerp onderwerpen thema rapporteert rapporteren rapporteerde stelt stellen gesteld brieven bewindspersoon bewindspersonen".split(
      " ",
    ),
  ),
};

/** The frame words as stems ("jaar" stems as "jar"), to tell the glossary's terms for them. */
const frameStems: Record<Language, ReadonlySet<string>> = {
  en: new Set(analyze([...FRAME_WORDS.en].join(" "), "en")),
  nl: new Set(analyze([...FRAME_WORDS.nl].join(" "), "nl")),
};

/**
 * Whether the letter uses a stem: in the given languages (the original's and the rendering's by
 * default). The one question every check of "is this the letter's word?" asks.
 */
export function usesStem(
  vocabulary: LetterVocabulary,
  stem: string,
  languages: readonly Language[] = ["nl", "en"],
): boolean {
  return languages.some((language) => (vocabulary.frequency[language].get(stem) ?? 0) > 0);
}

/** Whether the letter uses a stem, in either language, or the glossary maps it to the letter's words. */
function known(vocabulary: LetterVocabulary, stem: string, language: Language): boolean {
  return usesStem(vocabulary, stem) || vocabulary.glossary[language].has(stem);
}

/** The specificity of a Dutch word the letter knows as a whole, undefined when it does not. */
function wordSpecificity(vocabulary: LetterVocabulary, word: string): number | undefined {
  const stems = analyze(word, "nl");
  const [stem] = stems;
  return stems.length === 1 && stem && known(vocabulary, stem, "nl")
    ? specificity(vocabulary, stem, "nl")
    : undefined;
}

/**
 * A Dutch compound the letter does not use, made of words it does ("onderwijs|ministerie",
 * "balkan|landen", "homo|wet"): its parts' stems, each with its specificity. Undefined when any
 * part is unknown ("landbouw|subsidies").
 */
function compoundStems(
  vocabulary: LetterVocabulary,
  word: string,
): Array<{ stem: string; weight: number }> | undefined {
  const parts = compoundParts(word, (part) => wordSpecificity(vocabulary, part) !== undefined);
  return parts?.flatMap((part) =>
    analyze(part, "nl").map((stem) => ({ stem, weight: wordSpecificity(vocabulary, part) ?? 0 })),
  );
}

/** A letter word this long may be shortened or compounded at its end ("kamerstuk|nr", "koepel|orgs"). */
const PREFIX_STEM = 6;

/**
 * A word that opens with one of the letter's longer words ("kamerstuknr", "koepelorgs",
 * "richtlijnnr"): that word, shortened or compounded. Undefined when no letter word opens it.
 */
function shortened(
  vocabulary: LetterVocabulary,
  word: string,
): Array<{ stem: string; weight: number }> | undefined {
  for (const { stem, language } of prefixStems(vocabulary)) {
    if (word.startsWith(stem) && word !== stem) {
      return [{ stem, weight: specificity(vocabulary, stem, language) }];
    }
  }
  return undefined;
}

/**
 * A word of the other language ("the evaluatie", "de strategy"): the letter's when that language's
 * reading of it is.
 */
function borrowed(
  vocabulary: LetterVocabulary,
  word: string,
  language: Language,
): Array<{ stem: string; weight: number }> | undefined {
  const other = otherLanguage(language);
  const stem = analyze(word, other).find((s) => usesStem(vocabulary, s, [other]));
  return stem === undefined ? undefined : [{ stem, weight: specificity(vocabulary, stem, other) }];
}

/** The shortest Dutch word that may be the last part of a compound ("overleg", "commissaris"). */
const HEAD_STEM = 5;

/**
 * A Dutch word the letter uses only as the last part of its compounds ("overleg" in
 * "Wetgevingsoverleg", "commissaris" in "Eurocommissaris"): that compound, the letter's word for
 * the kind of thing the question names.
 */
function compoundHead(
  vocabulary: LetterVocabulary,
  stem: string,
): Array<{ stem: string; weight: number }> | undefined {
  if (stem.length < HEAD_STEM) return undefined;
  for (const { stem: compound, language } of prefixStems(vocabulary)) {
    if (language === "nl" && compound.length >= stem.length + 3 && compound.endsWith(stem)) {
      return [{ stem: compound, weight: specificity(vocabulary, compound, "nl") }];
    }
  }
  return undefined;
}

const prefixStemsOf = new WeakMap<LetterVocabulary, Array<{ stem: string; language: Language }>>();

/**
 * The letter's stems long enough to be shortened, Dutch first, in the letter's order: found once per
 * letter rather than by a pass over its whole vocabulary for every unknown word of every question.
 */
function prefixStems(vocabulary: LetterVocabulary): Array<{ stem: string; language: Language }> {
  let stems = prefixStemsOf.get(vocabulary);
  if (!stems) {
    stems = (["nl", "en"] as const).flatMap((language) =>
      [...vocabulary.frequency[language].keys()]
        .filter((stem) => stem.length >= PREFIX_STEM)
        .map((stem) => ({ stem, language })),
    );
    prefixStemsOf.set(vocabulary, stems);
  }
  return stems;
}

export interface ScopeAssessment {
  /** Content words of the question the letter never uses (and the glossary does not know), as asked. */
  absent: string[];
  /** Share of the question's specificity carried by absent words, in [0, 1]. */
  absentShare: number;
  /**
   * Share of the question's content carried by words the letter never uses, each weighed by how
   * rare it is in everyday language, in [0, 1]: "recommend a hotel near La Hulpe" is mostly about
   * a hotel, however much "recommend" sounds like the letter's Council of Europe recommendation.
   */
  unknownShare: number;
  /** Specificity of the most specific word of the question the letter does use. */
  bestKnown: number;
  /**
   * Whether the letter speaks of the question's topic where the question places it: false when
   * the question names a place ("abortion in Poland") and no passage naming that place holds any
   * of its topic words; undefined when it names no place, or nothing besides the place.
   */
  placedTopic?: boolean;
}

/** Which of the question's topic words the letter uses, weighed by how specific they are. */
export function assessScope(
  question: string,
  language: Language,
  vocabulary: LetterVocabulary,
  tuning: ScopeTuning = DEFAULT_PROFILE.scope,
): ScopeAssessment {
  const absent: string[] = [];
  let absentWeight = 0;
  let knownWeight = 0;
  // Per sentence: a message that also says why it asks ("Ik wil het correct citeren.") is within
  // the letter's scope when one of its sentences is.
  const shares: Array<{ unknown: number; content: number }> = [];
  const everyday = (word: string) => vocabulary.everyday?.informativeness(word, language) ?? 0;
  // A short word that neither the letter nor any list holds is shorthand ("vd", "tgn", "pts"): it
  // tells no topic either way.
  const shorthand = (word: string) =>
    word.length <= 4 && vocabulary.everyday?.rank(word, language) === undefined;
  let bestKnown = 0;
  const seen = new Set<string>();
  const topics = new Set<string>();
  // "cabinet's" is the cabinet; "lhbtiq-gelijkheid" is known when its parts are. A place says
  // where, not what: "military support for Ukraine" is not about the letter because the letter
  // names Ukraine among the declaration's signatories.
  const topical = question.replace(/['’]s\b/g, "").replace(PLACES, " ");
  for (const sentence of sentencesOf(topical)) {
    const share = { unknown: 0, content: 0 };
    shares.push(share);
    for (const token of tokenize(sentence)) {
      // A number, in figures or in words ("tiende", "third"), counts or orders; it names no topic.
      if (
        FRAME_WORDS[language].has(token) ||
        /^\d+$/.test(token) ||
        NUMBER_WORD[language].test(token)
      )
        continue;
      // "anti-lhbti" has two parts; "ja/nee" offers two words.
      for (const part of token.split(/[-/]/)) {
        for (const stem of analyze(part, language)) {
          if (seen.has(stem) || FRAME_WORDS[language].has(stem)) continue;
          seen.add(stem);
          const everydayWeight = isStopword(part, language) ? 0 : everyday(part);
          // An everyday word the glossary maps to one of the letter's ("bullying litigation" →
          // SLAPP) is as good as the letter's own; so is a Dutch compound of the letter's words
          // ("onderwijsministerie", "anti-homowet"), as specific as its most specific part, whose
          // parts name its topic.
          const parts = known(vocabulary, stem, language)
            ? [{ stem, weight: specificity(vocabulary, stem, language) }]
            : (borrowed(vocabulary, part, language) ??
              (language === "nl"
                ? (compoundStems(vocabulary, part) ??
                  shortened(vocabulary, part) ??
                  compoundHead(vocabulary, stem))
                : shortened(vocabulary, part)));
          if (parts) {
            const weight = Math.max(...parts.map((p) => p.weight));
            // A word all over the letter (EU, Dutch, cabinet) says little about being on its topic.
            share.content += everydayWeight * Math.min(1, weight / tuning.topicSpecificity);
            knownWeight += weight;
            bestKnown = Math.max(bestKnown, weight);
            for (const p of parts) if (p.weight >= tuning.topicSpecificity) topics.add(p.stem);
          } else {
            const unknown = specificity(vocabulary, stem, language);
            absentWeight += unknown;
            const counted = shorthand(part) ? 0 : everydayWeight;
            share.content += counted;
            share.unknown += counted;
            if (!absent.includes(token)) absent.push(token);
          }
        }
      }
    }
  }
  const total = absentWeight + knownWeight;
  const assessment = {
    absent,
    absentShare: total === 0 ? 0 : absentWeight / total,
    unknownShare: Math.min(
      ...shares.map((share) => (share.content === 0 ? 0 : share.unknown / share.content)),
    ),
    bestKnown,
  };
  // A question placed outside Europe is about somewhere the letter does not speak of.
  if (namesElsewhere(question, language)) return { ...assessment, placedTopic: false };
  const places = placesIn(question);
  if (places.size === 0 || topics.size === 0) return assessment;
  // The topic in either language: the question's own words and the glossary's terms for them.
  const other = otherLanguage(language);
  const expansion = vocabulary.expand(topical);
  // The glossary's terms for the place itself ("Hongaarse") and for the frame ("every year" for
  // "this year") say nothing of the topic placed there.
  const placeTerms = vocabulary.expand([...places].join(" "));
  const placeStems = {
    nl: new Set(analyze(placeTerms.nl.join(" "), "nl")),
    en: new Set(analyze(placeTerms.en.join(" "), "en")),
  };
  const notTopic = (stem: string, lang: Language) =>
    frameStems[lang].has(stem) || placeStems[lang].has(stem);
  const forms: Record<Language, Set<string>> = { nl: new Set(), en: new Set() };
  for (const stem of topics) if (!notTopic(stem, language)) forms[language].add(stem);
  for (const lang of [language, other] as const) {
    for (const term of expansion[lang]) {
      for (const stem of analyze(term, lang)) {
        if (
          specificity(vocabulary, stem, lang) >= tuning.topicSpecificity &&
          !notTopic(stem, lang)
        ) {
          forms[lang].add(stem);
        }
      }
    }
  }
  const sentences = sentencesOf(question);
  // "The forum was held in Malta, wasn't it? Where did it take place?": the sentence that asks
  // about the letter's topic without the wrong place is the question. One that says why it is
  // asked ("The Member wishes to contrast it.") asks nothing.
  if (
    sentences.length > 1 &&
    sentences.some((sentence) => {
      if (!sentenceAsks(sentence)) return false;
      const own = assessScope(sentence, language, vocabulary, tuning);
      return own.bestKnown >= tuning.topicSpecificity && own.placedTopic === undefined;
    })
  ) {
    return assessment;
  }
  const placedTopic = vocabulary.passages.some(({ [language]: passage, [other]: rendering }) => {
    if (![...places].some((p) => passage.places.has(p))) return false;
    return (
      [...forms[language]].some((s) => passage.stems.has(s)) ||
      [...forms[other]].some((s) => rendering.stems.has(s))
    );
  });
  return { ...assessment, placedTopic };
}
