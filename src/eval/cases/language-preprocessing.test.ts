// BFCL's language preprocessing: the hint on every description and Java/JavaScript parameters shown as strings.
import { describe, expect, it } from "vitest";
import { languageOfCategory, preprocessForLanguage } from "./language-preprocessing.js";

describe("languageOfCategory", () => {
  it("follows BFCL: javascript before java, else python", () => {
    expect(languageOfCategory("simple_javascript")).toBe("javascript");
    expect(languageOfCategory("simple_java")).toBe("java");
    expect(languageOfCategory("live_multiple")).toBe("python");
  });
});

describe("preprocessForLanguage", () => {
  it("adds the Python hint and nothing else", () => {
    const doc = { name: "f", description: "Does it.", parameters: { type: "dict", properties: { a: { type: "integer", description: "A." } } } };
    expect(preprocessForLanguage(doc, "python")).toEqual({ ...doc, description: "Does it. Note that the provided function is in Python 3 syntax." });
  });

  it("types Java parameters as strings and names the real type, dropping list items", () => {
    const doc = {
      name: "Cls.m",
      description: "M.",
      parameters: { type: "dict", properties: { ids: { type: "ArrayList", description: "Ids.", items: { type: "long" } }, obj: { type: "any", description: "O." } } },
    };
    const shown = preprocessForLanguage(doc, "java");
    expect(shown.description).toBe("M. Note that the provided function is in Java 8 SDK syntax.");
    expect(shown.parameters.properties).toEqual({
      ids: { type: "string", description: "Ids. This is Java ArrayList type parameter in string representation. The list elements are of type long; they are not in string representation." },
      obj: { type: "string", description: "O. This parameter can be of any type of Java object in string representation." },
    });
    expect(doc.parameters.properties.ids.type).toBe("ArrayList");
  });

  it("inlines a JavaScript dict's schema into its description, with Python's JSON spacing", () => {
    const doc = { name: "f", description: "F.", parameters: { type: "dict", properties: { cfg: { type: "dict", description: "C.", properties: { a: { type: "integer" } } } } } };
    expect(preprocessForLanguage(doc, "javascript").parameters.properties).toEqual({
      cfg: {
        type: "string",
        description: 'C. This is JavaScript dict type parameter in string representation. The dictionary entries have the following schema; they are not in string representation. {"a": {"type": "integer"}}',
      },
    });
  });
});
