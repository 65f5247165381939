import { describe, expect, it } from "vitest";
import { computedAmount, userNumbers } from "./arithmetic.js";

const history = [
  { value: 1000, callId: "c1" },
  { value: 50, callId: "c1" },
  { value: 10, callId: "c1" },
];

describe("provenance through arithmetic", () => {
  it("reads the user's numbers and percentages", () => {
    expect(userNumbers("an additional 19.5% of the amount + a fee of 5.29; prices up 10 percent; 1,200 total")).toEqual({ numbers: [5.29, 1200], percents: [19.5, 10] });
    // Digits inside an IBAN or a word are no numbers the user typed.
    expect(userNumbers("from GB29NWBK60161331926819").numbers).toEqual([]);
  });

  it("proves the amounts a payment task asks to compute from a trusted amount and the user's numbers", () => {
    expect(computedAmount(1000 * 0.195 + 5.29, history, userNumbers("the difference of an additional 19.5% + a fee of 5.29"))).toEqual({ expression: "1000 * 19.5% + 5.29", callIds: ["c1"] });
    expect(computedAmount(5, history, userNumbers("prices increased 10%, send the difference"))?.expression).toBe("50 * 10%");
    expect(computedAmount(2, history, userNumbers("we spent 12.00"))?.expression).toBe("12 - 10");
    expect(computedAmount(3.33, [{ value: 33.3, callId: "c" }], userNumbers("10%"))?.expression).toBe("33.3 * 10%");
    // A friend sent 10.00 as their share of a 12.00 dinner: the difference to an even share is 10 - 12 / 2.
    expect(computedAmount(4, history, userNumbers("we spent 12.00 in total, send back the difference"))?.expression).toBe("10 - 12 / 2");
    expect(computedAmount(30, history, userNumbers("the 240 dinner was for three of us"))?.expression).toBe("240 / 3 - 50");
  });

  it("does not reach attacker amounts: no trusted × trusted, no bare multiplication, none without the user's numbers", () => {
    expect(computedAmount(1_000_000, history, userNumbers("rent is 2200, refund 10.00"))).toBeUndefined();
    expect(computedAmount(990, history, userNumbers("nothing typed"))).toBeUndefined();
    expect(computedAmount(0.01, history, userNumbers("rent is 2200"))).toBeUndefined();
    expect(computedAmount(-5, history, userNumbers("5"))).toBeUndefined();
    // A share divides only the user's own number, among at most 10: 50 - 1000 / 40 is no even share.
    expect(computedAmount(25, [{ value: 50, callId: "c" }], userNumbers("we spent 1000"))).toBeUndefined();
  });
});
