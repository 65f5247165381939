// What a person is shown before approving a call: the canonical call in full, steering arguments first, each with where its value came from.
import type { ArgumentProvenance, ArgumentTaint, JsonValue, ProvenanceSource } from "../../record/index.js";
import { canonicalJson, digestOf } from "../../record/index.js";
import type { ApprovalRequest } from "../types.js";

/** One top-level argument as shown: its canonical JSON, and why it is (or is not) among the first. */
interface ApprovalViewEntry {
  name: string;
  /** Canonical JSON of the value (keys sorted), in full. */
  json: string;
  /** The argument (or something inside it) steers the effect: a recipient, an account, an amount, an id… */
  steering: boolean;
  /** One line per value inside this argument whose origin is known: traced trusted sources, or untrusted results. */
  provenance: string[];
}

/**
 * The call exactly as it will run: canonical tool name and canonical arguments (so `callDigest` is the digest the
 * grant binds to), the entries in a fixed order — steering or tainted arguments first, then the rest, each group by
 * name — and the provenance and taint the gate found, kept as data so the approval record can store what was shown.
 */
export interface ApprovalView {
  toolName: string;
  providerName?: string;
  risk: ApprovalRequest["risk"];
  reason: string;
  ruleId?: string;
  callDigest: string;
  entries: ApprovalViewEntry[];
  provenance: ArgumentProvenance[];
  taint: ArgumentTaint[];
}

/** What an approval record keeps of the display: the digest of the call shown, of the text shown, and the provenance. */
export interface ApprovalShown {
  callDigest: string;
  textDigest: string;
  /** Every value was shown in full (nothing was cut). */
  complete: boolean;
  provenance: ArgumentProvenance[];
  taint: ArgumentTaint[];
}

export function approvalView(request: ApprovalRequest & { provenance?: ArgumentProvenance[]; providerName?: string }): ApprovalView {
  const provenance = request.provenance ?? [];
  const taint = request.taint ?? [];
  const args = request.arguments;
  const isObject = args !== null && typeof args === "object" && !Array.isArray(args);
  const top = (pointer: string) => decodePointerToken(pointer.split("/")[1] ?? "");
  const names = isObject ? Object.keys(args).sort() : [""];
  const entries = names.map((name): ApprovalViewEntry => {
    const value: JsonValue = isObject ? (args as Record<string, JsonValue>)[name]! : args;
    const own = (pointer: string) => !isObject || pointer === "" || top(pointer) === name;
    const steeringHere = provenance.filter((entry) => own(entry.path));
    const taintHere = taint.filter((entry) => own(entry.path));
    return {
      name,
      json: canonicalJson(value),
      steering: steeringHere.length > 0 || taintHere.length > 0,
      provenance: [...steeringHere.map(describeProvenance), ...taintHere.map(describeTaint)],
    };
  });
  // Steering first, so a long free-text argument can never push the recipient or the amount out of view.
  entries.sort((a, b) => Number(b.steering) - Number(a.steering) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    toolName: request.toolName,
    ...(request.providerName && request.providerName !== request.toolName ? { providerName: request.providerName } : {}),
    risk: request.risk,
    reason: request.reason,
    ...(request.ruleId ? { ruleId: request.ruleId } : {}),
    callDigest: digestOf({ tool: request.toolName, arguments: request.arguments }),
    entries,
    provenance,
    taint,
  };
}

export interface RenderOptions {
  /** Longest value shown inline; a longer one is cut and the cut is said (how much, and how to see all). Default 400. */
  maxValueChars?: number;
  /** How the reader sees the call in full when something was cut (e.g. "type f to see the call in full"). */
  fullCallHint?: string;
}

/** The text shown to the person, and whether every value was shown in full. */
export function renderApprovalView(view: ApprovalView, options: RenderOptions = {}): { text: string; complete: boolean } {
  const max = options.maxValueChars ?? 400;
  let complete = true;
  const lines = [
    `${view.toolName}${view.providerName ? ` (the model called it ${view.providerName})` : ""} · ${view.risk} · ${view.ruleId ? `rule ${view.ruleId}: ` : ""}${view.reason}`,
    `call ${view.callDigest}`,
  ];
  const width = Math.min(24, Math.max(0, ...view.entries.map((entry) => entry.name.length)));
  for (const entry of view.entries) {
    let shown = entry.json;
    if (shown.length > max) {
      complete = false;
      shown = `${shown.slice(0, max)}… [cut: showing ${max} of ${entry.json.length} characters${options.fullCallHint ? `; ${options.fullCallHint}` : ""}]`;
    }
    lines.push(`  ${entry.steering ? "▶" : " "} ${entry.name.padEnd(width)} = ${escapeInvisible(shown)}`);
    for (const line of entry.provenance) lines.push(`      ${line}`);
  }
  return { text: lines.join("\n"), complete };
}

/** The call in full, as canonical JSON (what "see the call in full" prints). */
export function fullCallText(view: ApprovalView): string {
  return JSON.stringify({ tool: view.toolName, arguments: Object.fromEntries(view.entries.map((entry) => [entry.name, JSON.parse(entry.json) as JsonValue])) }, null, 2);
}

export function approvalShown(view: ApprovalView, rendered: { text: string; complete: boolean }): ApprovalShown {
  return { callDigest: view.callDigest, textDigest: digestOf(rendered.text), complete: rendered.complete, provenance: view.provenance, taint: view.taint };
}

// Canonical JSON already escapes C0 controls; C1 controls, line separators and bidi overrides could still rewrite the line.
const invisible = new RegExp("[\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]", "g");

function escapeInvisible(text: string): string {
  return text.replace(invisible, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function describeProvenance(entry: ArgumentProvenance): string {
  const what = `${entry.path}${entry.value !== undefined ? ` (${JSON.stringify(entry.value)})` : ""} steers this call (${entry.kind})`;
  if (entry.sources.length === 0) return `${what}: NOT traced to any trusted source`;
  const sources = entry.sources.map(describeSource).join("; ");
  return entry.proven ? `${what}: from ${sources}` : `${what}: found only in ${sources}, which does not count for it (${entry.from?.join(", ") ?? "restricted"})`;
}

function describeSource(source: ProvenanceSource): string {
  switch (source.origin) {
    case "user":
      return "the user's own words";
    case "tool":
      return `trusted tool ${source.toolName} (field ${source.field || "/"}, call ${source.callId})`;
    case "approval":
      return `an earlier approval (call ${source.callId})`;
    case "allow-list":
      return `the allow-list (${source.entry})`;
    case "computed":
      return `computed as ${source.expression} (calls ${source.callIds.join(", ")})`;
    case "selected":
      return `the one record the user's words pick out of a complete listing (${source.by}, call ${source.callId})`;
    case "readers":
      return `records every recipient already reads (${source.recipients.join(", ")}; calls ${source.callIds.join(", ") || "none"})`;
  }
}

function describeTaint(entry: ArgumentTaint): string {
  const sources = entry.sources.map((source) => `${source.toolName} (call ${source.callId}, ${source.match} match)`).join(", ");
  return `${entry.path || "/"} holds text from the untrusted result of ${sources}${entry.endorsedByUser ? "; the user typed it too" : ""}`;
}

function decodePointerToken(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}
