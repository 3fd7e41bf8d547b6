import { DEFAULT_PROFILE, type Profile } from "../profile.js";
import type { ScopeAssessment } from "../retrieve/scope.js";
import { decideScope } from "./scope.js";

/** What an overview request asks about, as the question's understanding measured it. */
export interface OverviewRequest {
  /** The whole letter ("summarise the letter") or a topic in it ("what does it say about X?"). */
  asks: "letter" | "topic";
  /** The section whose title holds most of what the request names, if one does. */
  namedSection?: string;
  /**
   * Share of the request's specific words that the letter's own subject (its title and its
   * announcement of its topics) holds; undefined when it names nothing specific.
   */
  subjectCoverage?: number;
  /** The scope of the request's words besides those asking for an overview. */
  focus: ScopeAssessment;
  /**
   * Those words name something specific to the letter: a word in a few of its sentences only that
   * is no everyday word ("members" frames a newsletter; "SLAPP" names a topic).
   */
  focusNamesTopic: boolean;
  /** The whole message, answered as a question about one passage, would be refused. */
  questionRefused?: boolean;
}

export type OverviewTarget = { of: "letter" } | { of: "section"; sectionId: string };

type Tuning = Pick<Profile, "overview" | "scope">;

/**
 * The overview a request gets, or undefined when it gets none (the question is then answered or
 * refused like any other). Asked for the letter's main points in general, or on its own subject,
 * the overview is the letter's; asked for a topic its section is titled by, that section's.
 */
export function overviewTarget(
  request: OverviewRequest,
  tuning: Tuning = DEFAULT_PROFILE,
): OverviewTarget | undefined {
  const { asks, namedSection, subjectCoverage, focus } = request;
  // The letter's subject in a field it never speaks of ("LGBTIQ+ rights in sports") is not its
  // subject: an overview on it names nothing else the letter lacks.
  const onSubject =
    decideScope(true, focus, tuning.scope) === "answer" &&
    focus.unknownShare < tuning.overview.subjectUnknownShare &&
    subjectCoverage !== undefined &&
    subjectCoverage >= (asks === "letter" ? tuning.overview.letterSubjectShare : 1);
  // The rest of a request for the letter's gist says why or how it is wanted ("for our
  // newsletter", "in a few bullets") unless it names something specific to the letter, or a field
  // or place it never speaks of.
  const untopical = asks === "letter" && !request.focusNamesTopic && focus.placedTopic !== false;
  if (namedSection !== undefined) return { of: "section", sectionId: namedSection };
  if (untopical || (asks === "letter" && subjectCoverage === undefined) || onSubject) {
    return { of: "letter" };
  }
  // Asked for the letter's gist on one of its topics ("the main actions and commitments it
  // reports"), the question is answered on that topic; where that answer would be a refusal, the
  // gist serves the request, unless its focus lies outside the letter.
  if (
    asks === "letter" &&
    request.questionRefused === true &&
    decideScope(true, focus, tuning.scope) === "answer"
  ) {
    return { of: "letter" };
  }
  return undefined;
}
