// Finds rule tool patterns that name no tool of a catalog: a deny (or allow) written for a name that does not exist decides nothing.
import { nameMatcher } from "./glob.js";
import type { PolicyRule } from "./policy-document.js";

export interface UnmatchedToolPattern {
  ruleId: string;
  /** Where the pattern sits in the document: ["rules", 2, "tool"] or ["rules", 2, "tool", 1]. */
  path: Array<string | number>;
  pattern: string;
}

/** A tool as rules see it: its canonical name and the provider-facing name the model sees. */
export interface NamedTool {
  name: string;
  providerName: string;
}

/** Every tool pattern (glob or exact name) that matches neither the canonical nor the provider name of any tool. */
export function findUnmatchedToolPatterns(rules: readonly PolicyRule[], tools: readonly NamedTool[]): UnmatchedToolPattern[] {
  const unmatched: UnmatchedToolPattern[] = [];
  rules.forEach((rule, ruleIndex) => {
    if (rule.tool === undefined) return;
    const patterns = Array.isArray(rule.tool) ? rule.tool : [rule.tool];
    patterns.forEach((pattern, patternIndex) => {
      const matches = nameMatcher(pattern);
      if (tools.some((tool) => matches(tool.name) || matches(tool.providerName))) return;
      const path = Array.isArray(rule.tool) ? ["rules", ruleIndex, "tool", patternIndex] : ["rules", ruleIndex, "tool"];
      unmatched.push({ ruleId: rule.id, path, pattern });
    });
  });
  return unmatched;
}
