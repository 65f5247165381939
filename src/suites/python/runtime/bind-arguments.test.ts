// Argument binding errors in CPython 3.13's words, including "Did you mean" suggestions.
import { describe, expect, it } from "vitest";
import { bindArguments } from "./bind-arguments.js";

const params = [{ name: "access_token" }, { name: "card_id" }, { name: "travel_class", default: "economy" }];

describe("bindArguments", () => {
  it("binds positionals, keywords and defaults", () => {
    expect(bindArguments("TravelAPI.book", params, ["t"], [["card_id", "c"]])).toEqual(["t", "c", "economy"]);
  });

  it("reports unexpected keywords, with a suggestion when one is close enough", () => {
    expect(() => bindArguments("TravelAPI.book", params, [], [["access_code", "x"]])).toThrow(
      "TravelAPI.book() got an unexpected keyword argument 'access_code'. Did you mean 'access_token'?",
    );
    expect(() => bindArguments("TravelAPI.book", params, [], [["departure_airport", "x"]])).toThrow(
      "TravelAPI.book() got an unexpected keyword argument 'departure_airport'",
    );
  });

  it("reports missing, repeated and surplus arguments", () => {
    expect(() => bindArguments("TravelAPI.book", params, [], [])).toThrow("TravelAPI.book() missing 2 required positional arguments: 'access_token' and 'card_id'");
    expect(() => bindArguments("TravelAPI.book", params, ["t"], [["access_token", "u"]])).toThrow("TravelAPI.book() got multiple values for argument 'access_token'");
    expect(() => bindArguments("TravelAPI.book", params, ["a", "b", "c", "d"], [])).toThrow("TravelAPI.book() takes from 3 to 4 positional arguments but 5 were given");
    expect(() => bindArguments("API.pwd", [], ["a"], [])).toThrow("API.pwd() takes 1 positional argument but 2 were given");
  });
});
