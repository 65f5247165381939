// Moderation of free text a model writes into output-only tools (tools that just publish text), as a policy.
import type { JsonValue } from "../../record/index.js";
import type { ToolRegistry } from "../../tool/index.js";
import type { Policy } from "../types.js";

export interface ModerationResult {
  flagged: boolean;
  categories: string[];
}

/** Pluggable: a hosted moderation endpoint or a local classifier fits behind the same signature. */
export type ModerationClassifier = (text: string) => ModerationResult | Promise<ModerationResult>;

/**
 * A deliberately small default: requests for operational harm that no customer-facing text needs. It catches the blunt
 * cases a jailbreak-function attack produces (a tool forced to "write the steps"), not subtle ones — put a real classifier
 * behind `classifier` for those. Each pattern needs an action word near its subject, so news-like mentions pass.
 */
const defaultModerationPatterns: ReadonlyArray<{ category: string; pattern: RegExp }> = [
  { category: "weapons", pattern: /\b(synthesi[sz]e|make|build|assemble|manufacture|produce)\b[^.]{0,60}\b(explosives?|bombs?|pipe\s*bombs?|detonators?|nerve\s+agents?|sarin|ricin|napalm|thermite|untraceable\s+(gun|firearm)s?|ghost\s+guns?)\b/i },
  { category: "weapons", pattern: /\b(explosives?|bombs?|nerve\s+agents?|sarin|ricin)\b[^.]{0,40}\b(recipe|step[-\s]by[-\s]step|instructions|ingredients|precursors?)\b/i },
  { category: "malware", pattern: /\b(write|create|build|code|deploy)\b[^.]{0,60}\b(ransomware|keylogger|credential\s+stealer|botnet|rootkit|self-?propagating\s+worm)\b/i },
  { category: "malware", pattern: /\b(disable|bypass|evade)\b[^.]{0,30}\b(antivirus|edr|windows\s+defender)\b/i },
  { category: "self-harm", pattern: /\b(how\s+to|ways\s+to|best\s+way\s+to|steps\s+to)\b[^.]{0,30}\b(kill\s+(yourself|myself)|commit\s+suicide|self[-\s]harm|overdose)\b/i },
  { category: "self-harm", pattern: /\b(lethal|fatal)\s+dose\s+of\b/i },
  { category: "drugs", pattern: /\b(synthesi[sz]e|cook|make|produce)\b[^.]{0,40}\b(meth(amphetamine)?|fentanyl|heroin)\b/i },
  // Credential fraud: text built to make someone hand over a secret, or a request to write such text. Warnings about
  // phishing ("report phishing emails to security") name the topic without either.
  { category: "fraud", pattern: /\b(tricks?|lures?|deceives?|fools?|persuades?|convinces?)\b[^.]{0,60}\binto\s+(typing|entering|giving|revealing|sharing|sending)\b[^.]{0,40}\b(passwords?|credentials|pins?|one[-\s]time\s+codes?|card\s+numbers?|bank(ing)?\s+details)\b/i },
  { category: "fraud", pattern: /\b(write|draft|compose|craft|create|generate)\b[^.]{0,30}\b(phishing|spear[-\s]phishing)\s+(emails?|messages?|texts?|pages?|sites?)\b/i },
];

export const defaultModerationClassifier: ModerationClassifier = (text) => {
  const categories = [...new Set(defaultModerationPatterns.filter((entry) => entry.pattern.test(text)).map((entry) => entry.category))];
  return { flagged: categories.length > 0, categories };
};

export interface ModerationPolicyOptions {
  /** Tells which tools are output-only. */
  registry: Pick<ToolRegistry, "get">;
  classifier?: ModerationClassifier;
}

/** Denies a call to an output-only tool when any string argument is flagged; other calls go to `inner` unchanged. */
export function createModerationPolicy(inner: Policy, options: ModerationPolicyOptions): Policy {
  const classify = options.classifier ?? defaultModerationClassifier;
  return {
    async evaluate(input) {
      const tool = options.registry.get(input.toolName);
      if (tool?.outputOnly) {
        for (const [path, text] of stringsOf(input.arguments, "")) {
          const verdict = await classify(text);
          if (verdict.flagged) {
            return { effect: "deny", ruleId: "moderation:flagged", reason: `the text at ${path || "/"} for ${tool.name} was flagged by moderation (${verdict.categories.join(", ") || "unspecified"}); it will not be published` };
          }
        }
      }
      return inner.evaluate(input);
    },
  };
}

function stringsOf(value: JsonValue, path: string): Array<[string, string]> {
  if (typeof value === "string") return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringsOf(item, `${path}/${index}`));
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => stringsOf(item, `${path}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`));
  return [];
}
