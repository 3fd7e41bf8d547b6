import type { Language, Letter } from "./types.js";

/**
 * The letter's own facts as citable sources, beside its paragraphs: the heading (title, Kamerstuk,
 * parliamentary year, addressee) and the signature block. Their ids are anchors of the letter view.
 */
export interface LetterSource {
  id: "letter-heading" | "letter-signatures";
  page: number;
  section: Record<Language, string>;
  /** Dutch text of the source: its sentences joined by a space. */
  text: string;
  sentences: {
    nl: string;
    en: string;
    fact: "title" | "kamerstuk" | "year" | "addressee" | "signatory";
  }[];
}

const cache = new WeakMap<Letter, LetterSource[]>();

export function letterSources(letter: Letter): LetterSource[] {
  const cached = cache.get(letter);
  if (cached) return cached;
  const { metadata } = letter;
  const english = letter.translation.letter;
  const year = metadata.parliamentaryYear;
  const headingSentences: LetterSource["sentences"] = [
    { nl: metadata.title, en: english?.title ?? metadata.title, fact: "title" },
    {
      nl: `${metadata.kamerstuk.label}, vergaderjaar ${year}`,
      en: english
        ? `${english.kamerstuk} ${metadata.kamerstuk.dossier}, no. ${metadata.kamerstuk.number}, ${english.parliamentaryYear} ${year}`
        : `${metadata.kamerstuk.label}, vergaderjaar ${year}`,
      fact: "kamerstuk",
    },
  ];
  if (metadata.addressee) {
    headingSentences.push({
      nl: metadata.addressee,
      en: english?.addressee ?? metadata.addressee,
      fact: "addressee",
    });
  }
  const signatureSentences = metadata.signatories.map((s) => ({
    nl: `De ${s.role}, ${s.name}`,
    en: `The ${english?.roles[s.role] ?? s.role}, ${s.name}`,
    fact: "signatory" as const,
  }));
  const lastPage = Math.max(1, ...letter.paragraphs.flatMap((p) => p.pages));
  const sources: LetterSource[] = [
    {
      id: "letter-heading",
      page: 1,
      section: { nl: "Kop van de brief", en: "Letter heading" },
      text: headingSentences.map((s) => s.nl).join(" "),
      sentences: headingSentences,
    },
    {
      id: "letter-signatures",
      page: lastPage,
      section: { nl: "Ondertekening", en: "Signatures" },
      text: signatureSentences.map((s) => s.nl).join(" "),
      sentences: signatureSentences,
    },
  ];
  cache.set(letter, sources);
  return sources;
}
