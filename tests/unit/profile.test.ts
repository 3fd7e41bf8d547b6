import { describe, expect, it } from "vitest";
import { decideScope } from "../../src/decide/scope.js";
import { DEFAULT_PROFILE, tunedProfile } from "../../src/profile.js";
import type { ScopeAssessment } from "../../src/retrieve/scope.js";

describe("tuning profile", () => {
  it("applies section.key=number overrides without touching the default", () => {
    const tuned = tunedProfile(["grounding.threshold=12.5", "selection.maxSpans=3"]);
    expect(tuned.grounding.threshold).toBe(12.5);
    expect(tuned.selection.maxSpans).toBe(3);
    expect(tuned.scope).toEqual(DEFAULT_PROFILE.scope);
    expect(DEFAULT_PROFILE.grounding.threshold).toBe(10.5);
  });

  it.each([
    "grounding.nothing=1",
    "nowhere.threshold=1",
    "grounding.threshold=high",
    "grounding.threshold",
  ])("rejects %s and names the paths it knows", (override) => {
    expect(() => tunedProfile([override])).toThrow(/grounding\.threshold/);
  });

  it("is what the decision reads: a raised refusal share answers what the default refuses", () => {
    const mostlyUnknown: ScopeAssessment = {
      absent: ["stroopwafels"],
      absentShare: 0.6,
      unknownShare: 0.7,
      bestKnown: 4,
    };
    expect(decideScope(true, mostlyUnknown)).toBe("refuse");
    const lenient = tunedProfile(["scope.unknownShare=0.8"]);
    expect(decideScope(true, mostlyUnknown, lenient.scope)).toBe("answer");
  });
});
