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
}

/**
 * Whether the letter mentions what a question is about but not the thing it asks for: quoting
 * the sentences found as the answer would present a neighbour as one ("how many…?" answered with
 * a sentence without a number).
 */
export function notStated(evidence: AskedThingEvidence): boolean {
  if (evidence.personalName && !evidence.quotedNamesPerson) return true;
  return (
    evidence.typed &&
    evidence.namedKind &&
    !evidence.leadHoldsKind &&
    !evidence.quotedHoldKind &&
    !evidence.stateActs
  );
}
