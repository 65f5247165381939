// CPython's name suggestions.
import { describe, expect, it } from "vitest";
import { suggestName } from "./suggestions.js";

describe("suggestName", () => {
  it("suggests within a third of the combined length, case changes costing less", () => {
    expect(suggestName("tweetId", ["self", "tweet_id"])).toBe("tweet_id");
    expect(suggestName("account_token", ["self", "access_token", "card_id"])).toBe("access_token");
    expect(suggestName("secret", ["self", "client_secret", "client_id"])).toBeUndefined();
    expect(suggestName("stock_symbol", ["self", "stock"])).toBeUndefined();
  });
});
