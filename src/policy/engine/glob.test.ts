import { describe, expect, it } from "vitest";
import { nameMatcher } from "./glob.js";

describe("nameMatcher", () => {
  it("treats * and ? as wildcards and everything else, dots included, literally", () => {
    const matches = nameMatcher(["payments.*", "crm.get_?", "exact(name)"]);
    expect(["payments.send", "payments.", "crm.get_a", "exact(name)"].map(matches)).toEqual([true, true, true, true]);
    expect(["paymentsXsend", "crm.get_ab", "exactname", "xpayments.send"].map(matches)).toEqual([false, false, false, false]);
  });
});
