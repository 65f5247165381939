// The long-context padding tables keep the reference's sizes and shapes.
import { describe, expect, it } from "vitest";
import { parsePyJson } from "../../../../python/py-json.js";
import type { PyDict } from "../../../../python/py-value.js";
import * as data from "./long-context-data.js";

describe("long-context data", () => {
  it("has the reference's table sizes", () => {
    expect(data.POPULATE_FILE_EXTENSION).toHaveLength(30);
    expect(data.MA_5_EXTENSION).toHaveLength(2000);
    expect(data.MA_20_EXTENSION).toHaveLength(2000);
    expect(data.INTERMEDIARY_CITIES).toHaveLength(826);
    expect(data.WATCH_LIST_EXTENSION).toHaveLength(1000);
    expect(data.TECHNOLOGY_EXTENSION.slice(0, 4)).toEqual(["AAPL", "GOOG", "MSFT", "NVDA"]);
    expect(data.AUTOMOBILE_EXTENSION.slice(0, 3)).toEqual(["TSLA", "F", "GM"]);
    expect(data.ORDER_DETAIL_EXTENSION.map(([key]) => key)).toContain("company_overview");
    expect(data.FILE_CONTENT_EXTENSION.startsWith("The company's financials")).toBe(true);
  });

  it("keeps card balances as floats and card numbers as given", () => {
    const cards = parsePyJson(data.CREDIT_CARD_EXTENSION_JSON) as PyDict;
    expect(cards.size).toBe(22);
    const card = cards.get("1234567812345678") as PyDict;
    expect(card.get("balance")).toBe(5000);
    expect(card.get("card_verification_number")).toBe(123n);
    // The reference's own typo: this card's number differs from its id.
    expect((cards.get("1000000790000001") as PyDict).get("card_number")).toBe("1000000790000004");
    expect((parsePyJson(data.BOOKING_RECORD_EXTENSION_JSON) as PyDict).size).toBe(16);
    expect((parsePyJson(data.LONG_WEATHER_EXTENSION_JSON) as PyDict).keys()[0]).toBe("-1_day");
  });
});
