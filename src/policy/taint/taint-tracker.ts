// A deterministic taint tracker: values from untrusted tool results, found again in later calls' arguments.
import type { ArgumentProvenance, ArgumentTaint, CallRecord, JsonValue } from "../../record/index.js";
import type { ToolRegistry, RegisteredTool } from "../../tool/index.js";
import type { AllowList } from "../provenance/allow-list.js";
import type { ReadersDeclaration } from "../provenance/readers.js";
import type { SelectionDeclaration } from "../provenance/selection.js";
import { untrustedParts } from "../provenance/field-trust.js";
import { createProvenanceTracker } from "../provenance/provenance-tracker.js";
import { containsPhrase, foldText } from "../provenance/steering-values.js";
import { defaultTaintStopWords, isDistinctive, normaliseForTaint, numbersInText, significantDigits } from "./taint-text.js";

/** The shape runAgent's `taint` option takes: remembers untrusted tool results of a run and finds their values in later arguments. */
export interface TaintTracker {
  observe(call: CallRecord): void;
  taintOf(args: JsonValue): ArgumentTaint[];
  /** Text the user wrote: tainted values found in it too are marked `endorsedByUser` (the user chose them). */
  endorse?(userText: string): void;
  /** The steering arguments a tool declares, each with the trusted sources its value was traced to (positive provenance). */
  provenanceOf?(tool: Pick<RegisteredTool, "steers"> & { name?: string }, args: JsonValue): ArgumentProvenance[];
}

export interface TaintTrackerOptions {
  /** Decides which results are untrusted: the tool's declared `trust`. */
  registry: Pick<ToolRegistry, "get">;
  /** Shortest remembered value, in characters (default 6); shorter strings are never tracked. */
  minLength?: number;
  /** Case/whitespace/punctuation-insensitive matching; `false` for exact substrings only. Default on, at 8 normalised characters. */
  fuzzy?: boolean | { minLength?: number };
  /** Numbers with fewer significant digits are not tracked (default 3): `2` or `10` in a result proves nothing. */
  minNumberDigits?: number;
  /** Replaces the default stop-list of common words that never count as a match. */
  stopWords?: readonly string[];
  /**
   * Values the user typed (passed to `endorse`) are marked `endorsedByUser` when they also show up in untrusted results,
   * so the policy does not treat them as taint. Default on; off when users paste untrusted text into their messages.
   */
  endorseUserValues?: boolean;
  /**
   * Also remember results of trusted tools called with tainted arguments (CaMeL's dependency rule: data chosen by
   * untrusted input is itself untrusted). Off by default: it widens taint to records an attacker only selected.
   */
  propagate?: boolean;
  /**
   * Positive provenance for the arguments tools declare as `steers` (on by default): `false` turns it off; an object
   * sets the allow-list of values that count as proven wherever they come from, the readers of records and the
   * complete listings the user's words can pick a record out of (see `ProvenanceTrackerOptions`).
   */
  provenance?: false | { allowList?: AllowList; readers?: ReadersDeclaration; selections?: SelectionDeclaration };
}

type Source = { callId: string; toolName: string };
type Match = "exact" | "fuzzy";

interface RememberedString extends Source {
  raw: string;
  normalised: string;
}

interface RememberedNumber extends Source {
  value: number;
  /** A JSON number matches exactly; a number read out of text matches fuzzily. */
  fromText: boolean;
}

/** Tokens worth pulling out of longer text, so `Send it to x@y.example please` taints an argument holding just the address. */
const substringPatterns: readonly RegExp[] = [
  // The lookbehind starts a match only where a token starts: without it, a long run of word characters with no "@"
  // (64k characters of an appended file) is rescanned from every position, quadratic (2 min for 64k, measured).
  /(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, // emails
  /\bhttps?:\/\/[^\s"'<>)]+/gi, // URLs
  /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g, // IBANs, spaced or not
  /\b[A-Za-z]{1,6}[-_]?\d[\w-]{2,}\b/g, // ids: INV-2041, cus_88a1, AB12345
  /\+?\d[\d ().-]{6,}\d/g, // phone and account numbers with separators
];

export function createTaintTracker(options: TaintTrackerOptions): TaintTracker {
  const minLength = options.minLength ?? 6;
  const fuzzyMinLength = options.fuzzy === false ? Number.POSITIVE_INFINITY : (typeof options.fuzzy === "object" ? options.fuzzy.minLength : undefined) ?? 8;
  const minNumberDigits = options.minNumberDigits ?? 3;
  const distinct = { minLength, stopWords: new Set((options.stopWords ?? defaultTaintStopWords).map((word) => word.toLowerCase())) };
  const strings: RememberedString[] = [];
  const numbers: RememberedNumber[] = [];
  /** Whole result texts, normalised, to find an argument that was copied out of the middle of one. */
  const texts: Array<Source & { raw: string; normalised: string }> = [];

  const rememberString = (raw: string, source: Source) => {
    if (!isDistinctive(raw, distinct)) return;
    const trimmed = raw.trim();
    if (strings.some((entry) => entry.raw === trimmed && entry.callId === source.callId)) return;
    strings.push({ ...source, raw: trimmed, normalised: normaliseForTaint(trimmed) });
  };
  const rememberNumber = (value: number, fromText: boolean, source: Source) => {
    if (significantDigits(value) < minNumberDigits) return;
    numbers.push({ ...source, value, fromText });
  };
  const walkResult = (value: JsonValue, source: Source) => {
    if (typeof value === "number") return rememberNumber(value, false, source);
    if (typeof value === "string") {
      rememberString(value, source);
      texts.push({ ...source, raw: value, normalised: normaliseForTaint(value) });
      for (const pattern of substringPatterns) for (const match of value.matchAll(pattern)) rememberString(match[0], source);
      // Leading dots, slashes and tildes stay: `.hidden`, `/etc/passwd` and `~/.ssh` are names, not punctuation.
      for (const word of value.split(/\s+/)) rememberString(word.replace(/^[^\p{L}\p{N}./~]+|[^\p{L}\p{N}]+$/gu, ""), source);
      for (const number of numbersInText(value)) rememberNumber(number, true, source);
      return;
    }
    if (Array.isArray(value)) return value.forEach((item) => walkResult(item, source));
    if (value !== null && typeof value === "object") for (const item of Object.values(value)) walkResult(item, source);
  };

  const sourcesOfString = (text: string): Map<string, Source & { match: Match }> => {
    const found = new Map<string, Source & { match: Match }>();
    const add = (source: Source, match: Match) => {
      const key = `${source.callId}\u0000${source.toolName}`;
      const previous = found.get(key);
      if (!previous || (previous.match === "fuzzy" && match === "exact")) found.set(key, { callId: source.callId, toolName: source.toolName, match });
    };
    const normalised = normaliseForTaint(text);
    for (const entry of strings) {
      if (text.includes(entry.raw)) add(entry, "exact");
      else if (entry.normalised.length >= fuzzyMinLength && normalised.includes(entry.normalised)) add(entry, "fuzzy");
    }
    // The other direction: an argument lifted out of the middle of an untrusted text (a phrase, a sentence).
    if (isDistinctive(text, distinct) && normalised.length >= Math.max(fuzzyMinLength, minLength)) {
      for (const entry of texts) {
        if (entry.raw.includes(text.trim())) add(entry, "exact");
        else if (entry.normalised.includes(normalised)) add(entry, "fuzzy");
      }
    }
    if (fuzzyMinLength !== Number.POSITIVE_INFINITY) {
      for (const value of numbersInText(text)) for (const entry of numbers) if (entry.value === value) add(entry, "fuzzy");
    }
    return found;
  };

  const sourcesOfNumber = (value: number): Map<string, Source & { match: Match }> => {
    const found = new Map<string, Source & { match: Match }>();
    if (significantDigits(value) < minNumberDigits) return found;
    for (const entry of numbers) {
      if (entry.value !== value) continue;
      const key = `${entry.callId}\u0000${entry.toolName}`;
      const match: Match = entry.fromText ? "fuzzy" : "exact";
      const previous = found.get(key);
      if (!previous || (previous.match === "fuzzy" && match === "exact")) found.set(key, { callId: entry.callId, toolName: entry.toolName, match });
    }
    return found;
  };

  // Endorsement is exact: the value as the user wrote it, up to case and runs of whitespace, between word boundaries.
  // Words in another order or with other punctuation are a different value (`jane.doe@x.example` does not endorse
  // `janedoe@x.example`), so a look-alike of something the user typed stays attacker-reachable.
  const endorsedTexts: string[] = [];
  const endorsedNumbers = new Set<number>();
  const endorsedBy = (value: JsonValue): boolean => {
    if (typeof value === "number") return endorsedNumbers.has(value);
    if (typeof value !== "string") return false;
    const folded = foldText(value);
    return folded !== "" && endorsedTexts.some((text) => containsPhrase(text, folded));
  };
  const provenance = options.provenance === false ? undefined : createProvenanceTracker({
          registry: options.registry,
          ...(options.provenance?.allowList ? { allowList: options.provenance.allowList } : {}),
          ...(options.provenance?.readers ? { readers: options.provenance.readers } : {}),
          ...(options.provenance?.selections ? { selections: options.provenance.selections } : {}),
        });

  return {
    endorse(userText) {
      if (typeof userText !== "string") return;
      provenance?.endorse(userText);
      if (options.endorseUserValues === false) return;
      endorsedTexts.push(foldText(userText));
      for (const number of numbersInText(userText)) endorsedNumbers.add(number);
      // The user's words are theirs whether or not taint endorsement is on: provenance is a different question.
    },
    observe(call) {
      provenance?.observe(call);
      const tool = options.registry.get(call.toolName ?? call.proposed.name);
      if (!tool) return;
      const source = { callId: call.id, toolName: tool.name };
      const derived = options.propagate === true && (call.taint ?? []).some((entry) => entry.endorsedByUser !== true);
      const untrusted = tool.trust === "untrusted" || derived;
      if (!call.outcome.ok) {
        // A failing untrusted tool's error text reaches the model like a result would: an attacker can write it too.
        if (untrusted && call.status === "failed" && call.execution !== undefined) walkResult(call.outcome.error.message, source);
        return;
      }
      if (call.status !== "succeeded") return;
      if (untrusted) return walkResult(call.outcome.result, source);
      // A trusted tool's declared free-text fields (a customer's notes) are untrusted all the same.
      for (const part of untrustedParts(call.outcome.result, tool.untrustedFields ?? [])) walkResult(part.value, source);
    },
    taintOf(args) {
      const taint: ArgumentTaint[] = [];
      const visit = (value: JsonValue, path: string) => {
        let found: Map<string, Source & { match: Match }> | undefined;
        if (typeof value === "string") found = sourcesOfString(value);
        else if (typeof value === "number") found = sourcesOfNumber(value);
        else if (Array.isArray(value)) value.forEach((item, index) => visit(item, `${path}/${index}`));
        else if (value !== null && typeof value === "object") for (const [key, item] of Object.entries(value)) visit(item, `${path}/${escapePointer(key)}`);
        if (found && found.size > 0) taint.push({ path, sources: [...found.values()], ...(endorsedBy(value) ? { endorsedByUser: true as const } : {}) });
      };
      if (strings.length > 0 || numbers.length > 0) visit(args, "");
      return taint;
    },
    ...(provenance ? { provenanceOf: (tool: Pick<RegisteredTool, "steers"> & { name?: string }, args: JsonValue) => provenance.provenanceOf(tool, args) } : {}),
  };
}

function escapePointer(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}
