// Defence settings: what a paused run records, and which changes a resume counts as weaker.
import { describe, expect, it } from "vitest";
import { datamarkingSpotlight, defaultPolicy, delimitingSpotlight, riskPolicy } from "../policy/index.js";
import { defenceSettingsOf, policyIdentity, weakerDefences } from "./defence-settings.js";

describe("defence settings", () => {
  it("names the policy by its digest, and says what a weaker set gives up", () => {
    const policy = defaultPolicy();
    const paused = defenceSettingsOf({ policy, taint: {}, spotlighting: datamarkingSpotlight() });
    expect(paused).toEqual({ policy: policy.digest, taint: true, spotlighting: datamarkingSpotlight().id });
    expect(weakerDefences(paused, paused)).toEqual([]);
    expect(weakerDefences(paused, defenceSettingsOf({ policy, spotlighting: datamarkingSpotlight() }))).toEqual(["taint tracking is off"]);
    expect(weakerDefences(paused, defenceSettingsOf({ policy, taint: {} }))).toEqual([`spotlighting is off (the run paused with ${datamarkingSpotlight().id})`]);
    expect(weakerDefences(paused, defenceSettingsOf({ policy, taint: {}, spotlighting: delimitingSpotlight() }))[0]).toMatch(/^spotlighting changed/);
    expect(weakerDefences(paused, defenceSettingsOf({ taint: {}, spotlighting: datamarkingSpotlight() }))[0]).toMatch(/^the policy changed \(sha256:[0-9a-f]{12}… → allow-all\)/);
    // Turning a defence on is never weaker.
    expect(weakerDefences(defenceSettingsOf({ policy }), paused)).toEqual([]);
  });

  it("tells a policy without a digest from no policy at all", () => {
    expect(policyIdentity(riskPolicy())).toBe("unversioned");
    expect(policyIdentity(undefined)).toBe("allow-all");
    expect(weakerDefences(defenceSettingsOf({ policy: riskPolicy() }), defenceSettingsOf({}))).toHaveLength(1);
  });
});
