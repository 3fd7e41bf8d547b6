/** What the quoted sentences hold of what a question asks for. */
export interface AskedThingEvidence {
  /** The question asks for a thing of a kind a sentence holds or not (a date, a number, a name…). */
  typed: boolean;
  /** The kind has a name to say the letter lacks ("does not give a date"). */
  namedKind: boolean;
  /** The sentence the answer opens with holds a thing of that kind. */
  leadHoldsKind: boolean;
  /** Any quoted sentence holds a thing of that kind. */
  quotedHoldKind: boolean;
  /** Asked who did something, the quote says a state did it, which is no name the letter lacks. */
  stateActs: boolean;
  /** The question wants a person's name, not a role ("what's the ambassador's name?"). */
  personalName: boolean;
  /** A quoted sentence names a person (initials and surname). */
  quotedNamesPerson: boolean;
  /** The question asks about what lies ahead ("next year's forum"). */
  asksAhead: boolean;
  /** A quoted sentence speaks of what is still to come. */
  quotedLookAhead: boolean;
}

/** What the letter lacks: the thing of the kind asked, or any word on what lies ahead. */
export type Missing = "kind" | "outlook";

/**
 * What the letter lacks of what a question asks, when it mentions what the question is about:
 * quoting the sentences found as the answer would present a neighbour as one ("how many…?"
 * answered with a sentence without a number, "next year's forum" with this year's).
 */
export function notStated(evidence: AskedThingEvidence): Missing | undefined {
  // Asked about next year's forum, the sentences on this year's answer another question: that the
  // letter looks back says more than which kind of thing it lacks.
  if (evidence.asksAhead && !evidence.quotedLookAhead) return "outlook";
  if (evidence.personalName && !evidence.quotedNamesPerson) return "kind";
  const lacksKind =
    evidence.typed &&
    evidence.namedKind &&
    !evidence.leadHoldsKind &&
    !evidence.quotedHoldKind &&
    !evidence.stateActs;
  return lacksKind ? "kind" : undefined;
}
