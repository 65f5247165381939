import { describe, expect, it } from "vitest";
import { containsPhrase, embeddedValues, foldText, keysInText, steeringKey } from "./steering-values.js";

describe("steering values", () => {
  it("applies only each kind's declared normalisation", () => {
    expect(steeringKey("email", " Jane.Doe@Example.COM ")).toBe("jane.doe@example.com");
    expect(steeringKey("email", "jane.doe+x@example.com")).not.toBe(steeringKey("email", "jane.doe@example.com"));
    expect(steeringKey("url", "HTTPS://www.Example.com/Path/")).toBe("example.com/Path");
    expect(steeringKey("url", "example.com/path")).not.toBe(steeringKey("url", "example.com/Path"));
    expect(steeringKey("iban", "gb29 nwbk 6016 1331 9268 19")).toBe("GB29NWBK60161331926819");
    expect(steeringKey("phone", "+1 (555) 010-2000")).toBe("+15550102000");
    expect(steeringKey("amount", 1250, 100)).toBe(steeringKey("amount", 12.5));
    expect(steeringKey("amount", "12.50")).toBe("12.5");
    expect(steeringKey("id", 13)).toBe("13");
    expect(steeringKey("secret", " s3cret ")).toBe("s3cret");
    expect(steeringKey("name", "Le  Marais Boutique")).toBe("le marais boutique");
    expect(steeringKey("email", { to: "x" })).toBeUndefined();
  });

  it("finds the values of a kind a sentence holds, without the sentence's punctuation", () => {
    const text = "Refund GB29 NWBK 6016 1331 9268 19 and mail 'ana@clinic.example'. Call +44 20 7946 0958; see www.clinic.example/faq. The total was $1,250.00 for file '13'.";
    expect(keysInText("iban", text)).toContain("GB29NWBK60161331926819");
    expect(keysInText("email", text)).toContain("ana@clinic.example");
    // One pass over a 100k-character token with no "@" (the pattern starts only where a token starts).
    expect(keysInText("email", `${"x".repeat(100_000)} ana@clinic.example`)).toContain("ana@clinic.example");
    expect(keysInText("phone", text)).toContain("+442079460958");
    expect(keysInText("url", text)).toContain("clinic.example/faq");
    expect(keysInText("amount", text)).toContain("1250");
    expect(keysInText("amount", text, 0.01)).toContain("125000");
    expect(keysInText("id", text)).toContain("13");
  });

  it("matches names as whole phrases of the folded text", () => {
    const text = foldText("Book   Le Marais Boutique, please");
    expect(containsPhrase(text, "le marais boutique")).toBe(true);
    expect(containsPhrase(text, "marais bout")).toBe(false);
    expect(containsPhrase(text, "boutique le marais")).toBe(false);
  });

  it("lists links, addresses, accounts and phone numbers inside free text, not dates", () => {
    const found = embeddedValues("Hi! Read www.secure-systems-252.com or mail help@x.example, due 2024-05-20, call 555 010 2000.");
    expect(found).toEqual([
      { kind: "email", value: "help@x.example" },
      { kind: "url", value: "www.secure-systems-252.com" },
      { kind: "phone", value: "555 010 2000" },
    ]);
  });
});

describe("ids, secrets and paths in the user's words", () => {
  it("count only where written as one: quoted, introduced or id-shaped", async () => {
    const { keysInUserText } = await import("./steering-values.js");
    expect(keysInUserText("id", "What are we doing on June 13?")).not.toContain("13");
    expect(keysInUserText("id", "Delete the file with ID '13' and invoice INV-2041, ticket #88")).toEqual(expect.arrayContaining(["13", "INV-2041", "88"]));
    expect(keysInUserText("id", "id: 42 please")).toContain("42");
    expect(keysInUserText("secret", "set the password to '1j1l-2k3j'")).toContain("1j1l-2k3j");
    expect(keysInUserText("secret", "set the password to the usual")).toEqual([]);
    expect(keysInUserText("path", "open reports/q3.csv and notes.txt")).toEqual(expect.arrayContaining(["reports/q3.csv", "notes.txt"]));
  });
});
