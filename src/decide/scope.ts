import { DEFAULT_PROFILE, type Profile } from "../profile.js";
import type { ScopeAssessment } from "../retrieve/scope.js";

export type ScopeDecision = "answer" | "refuse";

/**
 * Refuse-or-answer from the retrieval evidence and the question's scope: a question whose focus
 * the letter never mentions (railways, asylum seekers) is refused even when generic words (EU,
 * Nederland, 2024) give it evidence; one that also names the letter's specific content is answered.
 * A topic placed where the letter does not place it is refused, unless the place is a premise the
 * question asks to have confirmed; so is a request for personal advice.
 */
export function decideScope(
  grounded: boolean,
  scope: ScopeAssessment,
  tuning: Profile["scope"] = DEFAULT_PROFILE.scope,
  asks: { premise?: boolean; advice?: boolean; namesFootnote?: boolean } = {},
): ScopeDecision {
  if (!grounded) return "refuse";
  // "Do I need a visa for Montenegro?" shares the letter's words and asks what it never gives.
  if (asks.advice) return "refuse";
  // "footnote 2, the toezegging in the WGO – what date?": the letter's own footnote is its
  // subject, in whatever words the question refers to it.
  if (asks.namesFootnote) return "answer";
  const checksPremise = asks.premise === true;
  // "The forum was held in Malta, right?": the letter's own account of the topic corrects the
  // premise; only a question that asks about the topic there is outside the letter.
  if (scope.placedTopic === false && !checksPremise) return "refuse";
  if (scope.unknownShare >= tuning.unknownShare) return "refuse";
  const offFocus =
    scope.absentShare >= tuning.refuseShare && scope.bestKnown < tuning.specificKnown;
  return offFocus ? "refuse" : "answer";
}
