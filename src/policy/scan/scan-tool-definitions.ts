// The definition scanner: finds poisoning patterns in tool descriptions and schemas before a model ever reads them.
import type { RegisteredTool } from "../../tool/index.js";
import type { ScanKind, ScanSeverity, TextPattern } from "./poisoning-patterns.js";
import { callVerb, coercion, encodedBlobPatterns, exfiltrationRequest, hiddenTagPatterns, instructionPatterns, invisibleUnicodePatterns, sideChannelParameterName } from "./poisoning-patterns.js";

export interface ScanFinding {
  tool: string;
  /** `description`, `inputSchema` or `outputSchema`. */
  field: string;
  /** JSON pointer into the field (empty for the description itself). */
  pointer: string;
  kind: ScanKind;
  severity: ScanSeverity;
  message: string;
  /** The text that matched, with invisible characters made visible. */
  excerpt: string;
}

export interface ScanOptions {
  /** Hosts URLs may point to without a finding (subdomains included). Default: none. */
  knownHosts?: readonly string[];
}

type ScannedTool = Pick<RegisteredTool, "name" | "description" | "inputSchema"> & Partial<Pick<RegisteredTool, "outputSchema">>;

const severityOrder: Record<ScanSeverity, number> = { high: 0, medium: 1, low: 2 };

export function scanToolDefinitions(tools: readonly ScannedTool[], options: ScanOptions = {}): ScanFinding[] {
  const findings: ScanFinding[] = [];
  const knownHosts = (options.knownHosts ?? []).map((host) => host.toLowerCase());
  const toolNames = tools.map((tool) => tool.name);
  for (const tool of tools) {
    const otherTools = toolNames.filter((name) => name !== tool.name && name.length >= 4);
    const scanText = (text: string, field: string, pointer: string) => {
      const add = (kind: ScanKind, severity: ScanSeverity, message: string, excerpt: string) =>
        findings.push({ tool: tool.name, field, pointer, kind, severity, message, excerpt: visible(excerpt) });
      let steering = false;
      for (const rule of [...instructionPatterns, ...hiddenTagPatterns, ...invisibleUnicodePatterns, ...encodedBlobPatterns]) {
        const match = rule.pattern.exec(text);
        if (!match) continue;
        if (rule.kind === "instruction" || rule.kind === "hidden-tag") steering = true;
        add(rule.kind, rule.severity, withDecoded(rule, match[0]), around(text, match.index, match[0].length));
      }
      for (const name of otherTools) {
        const mention = new RegExp(`(?<![\\w.-])${escapeRegExp(name)}(?![\\w-])`, "i").exec(text);
        if (!mention) continue;
        // Catalogs legitimately point at each other ("an id from find_customer"); an order to call a tool, in a
        // text that also steers the model or insists (always, instead of, whenever), is how shadowing attacks read.
        const before = text.slice(Math.max(0, mention.index - 60), mention.index);
        const ordered = callVerb.test(before);
        const severity: ScanSeverity = ordered && (steering || coercion.test(before)) ? "high" : ordered ? "medium" : "low";
        add("cross-tool", severity, ordered ? `tells the model to call another tool, ${name}` : `mentions another tool, ${name}`, around(text, mention.index, name.length));
      }
      for (const url of text.matchAll(/\bhttps?:\/\/([^\s/"'<>)?#:]+)/gi)) {
        const host = url[1]!.toLowerCase();
        if (!knownHosts.some((known) => host === known || host.endsWith(`.${known}`))) add("unknown-url", "medium", `links to ${host}, not a known host`, url[0]);
      }
    };
    scanText(tool.description, "description", "");
    for (const field of ["inputSchema", "outputSchema"] as const) {
      const schema = tool[field];
      if (schema) walkSchema(schema, "", (text, pointer) => scanText(text, field, pointer), (name, description, pointer) => {
        if (!sideChannelParameterName.test(name)) return;
        const asks = exfiltrationRequest.exec(description);
        findings.push({
          tool: tool.name,
          field,
          pointer,
          kind: "side-channel",
          severity: asks ? "high" : "low",
          message: asks ? `parameter ${name} asks the model for ${asks[0]}` : `parameter ${name} is a free-form side channel`,
          excerpt: visible(description.slice(0, 120)),
        });
      });
    }
  }
  return findings.sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity]);
}

/** Every string in a schema (descriptions, titles, enums, defaults, property names), plus each property with its description. */
function walkSchema(node: unknown, pointer: string, onText: (text: string, pointer: string) => void, onProperty: (name: string, description: string, pointer: string) => void): void {
  if (typeof node === "string") return onText(node, pointer);
  if (Array.isArray(node)) return node.forEach((item, index) => walkSchema(item, `${pointer}/${index}`, onText, onProperty));
  if (node === null || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node)) {
    const child = `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    if (key === "properties" && value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const [name, property] of Object.entries(value as Record<string, unknown>)) {
        const at = `${child}/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`;
        onText(name, at);
        const description = property !== null && typeof property === "object" ? (property as { description?: unknown }).description : undefined;
        onProperty(name, typeof description === "string" ? description : "", at);
      }
    }
    // The meta-schema URI is the one URL every schema carries; it is not the tool's.
    if (key === "$schema") continue;
    walkSchema(value, child, onText, onProperty);
  }
}

function withDecoded(rule: TextPattern, matched: string): string {
  if (rule.kind !== "encoded-blob" || !/^[A-Za-z0-9+/]+={0,2}$/.test(matched)) return rule.message;
  const decoded = Buffer.from(matched, "base64").toString("utf8");
  // Only worth showing when it decodes to readable text: that is when it is a hidden message.
  return /^[\x20-\x7E\s]{8,}$/.test(decoded) ? `${rule.message} that decodes to "${decoded.slice(0, 60)}"` : rule.message;
}

function around(text: string, index: number, length: number): string {
  const start = Math.max(0, index - 20);
  const end = Math.min(text.length, index + length + 20);
  return `${start > 0 ? "…" : ""}${text.slice(start, end)}${end < text.length ? "…" : ""}`;
}

/** Invisible and control characters as `<U+200B>`, so a finding shows what the eye would miss. */
function visible(text: string): string {
  return text.replace(/[\u{E0000}-\u{E007F}\u202A-\u202E\u2066-\u2069\u200B-\u200D\u2060-\u2064\uFEFF\u180E]/gu, (char) => `<U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}>`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
