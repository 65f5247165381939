// Why eval run refuses BFCL's agentic categories: one line each, naming `toolgate eval score` for recorded results.
import { describe, expect, it } from "vitest";
import { agenticBfclCategories, agenticRefusal } from "./agentic-categories.js";

describe("agenticRefusal", () => {
  it("gives every agentic category (and the group) a one-line reason that names eval score", () => {
    for (const category of [...agenticBfclCategories, "agentic", "web_search", "memory"]) {
      const reason = agenticRefusal(category);
      expect(reason, category).toMatch(new RegExp(`^${category} needs .*score results produced by BFCL itself with \`toolgate eval score\`$`));
      expect(reason).not.toContain("\n");
    }
    expect(agenticRefusal("web_search_base")).toContain("live web search backend");
    expect(agenticRefusal("memory_vector")).toContain("memory_prereq_conversation");
  });

  it("says nothing about other categories", () => {
    expect(agenticRefusal("multi_turn_base")).toBeUndefined();
    expect(agenticRefusal("simple_python")).toBeUndefined();
  });
});
