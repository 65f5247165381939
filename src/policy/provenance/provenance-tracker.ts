// Positive provenance: each value that steers an effect is traced to the user's words, a trusted result, an allow-list or an approval — or it is unproven.
import type { ArgumentProvenance, ProvenanceOrigin, ProvenanceSource, SteeringKind, SteeringSpec } from "../../record/argument-provenance.js";
import type { CallRecord, JsonValue } from "../../record/index.js";
import type { RegisteredTool } from "../../tool/index.js";
import { expandPointer, walkTrustedLeaves } from "./field-trust.js";
import type { AllowList } from "./allow-list.js";
import { allowListMatcher } from "./allow-list.js";
import { phraseStance, saidAsTarget, withoutNegatedWords } from "./negation.js";
import { containsPhrase, embeddedValues, foldText, keysInText, keysInUserText, phraseOccurrences, steeringKey } from "./steering-values.js";
import type { Delivery, ReadersDeclaration, SeenRecord } from "./readers.js";
import type { TrustedAmount, UserNumbers } from "./arithmetic.js";
import { computedAmount, userNumbers } from "./arithmetic.js";
import { copiedFrom, indexRecord, principalKey, privateRecord, readBy } from "./readers.js";
import type { SelectableListing, SelectionDeclaration } from "./selection.js";
import { selectedIds } from "./selection.js";

export interface ProvenanceTracker {
  /** A message the user wrote: the values in it are theirs, compared exactly after each kind's declared normalisation. */
  endorse(userText: string): void;
  /** A finished call: a trusted tool's result (outside its untrusted fields) and an approved call's steering values become sources. */
  observe(call: CallRecord): void;
  /** The steering arguments `tool` declares, as present in `args`, each with the trusted sources its value was found in. */
  provenanceOf(tool: Pick<RegisteredTool, "steers"> & { name?: string }, args: JsonValue): ArgumentProvenance[];
}

export interface ProvenanceTrackerOptions {
  /** Resolves an observed call's tool, for its trust and untrusted fields. */
  registry: { get(name: string): Pick<RegisteredTool, "name" | "trust" | "untrustedFields"> | undefined };
  /** Values that count as proven wherever they come from (`*@our-company.example`, `https://docs.our-company.example/*`). */
  allowList?: AllowList;
  /**
   * Who may read each record a tool returns, and whom a delivering call reaches (CaMeL's readers). With it, a recipient
   * nobody proved still runs when the call hands nothing to anyone who could not already read it: see `readersCheck`.
   */
  readers?: ReadersDeclaration;
  /**
   * The complete listings tools return (every file of the drive, every standing order) and the attributes of each record
   * nobody but the user and the system writes. With it, an id the user's words pick out of such a listing ("the largest
   * file", the standing order the user calls "Rent") is `selected`: see `selectedIds`.
   */
  selections?: SelectionDeclaration;
}

/** Kinds looked up by key in an index; names and free text are matched as phrases of the user's words instead. */
const indexedKinds: readonly SteeringKind[] = ["email", "url", "iban", "phone", "amount", "id", "path", "secret", "name", "text"];

type ToolSource = Extract<ProvenanceSource, { origin: "tool" }>;

/** Result fields that name a record (`id`, `id_`, `customer_id`, `eventId`): their numbers are ids, not amounts. */
const identifierField = /\/(?:id_?|[^/]*_id|[^/]*[a-z]Id)$/;

export function createProvenanceTracker(options: ProvenanceTrackerOptions): ProvenanceTracker {
  const userTexts: string[] = [];
  /** The same texts with what they negate blanked (the values the user asks to be used), made when first needed. */
  const askedUserTexts: Array<string | undefined> = [];
  const askedUserText = (index: number): string => (askedUserTexts[index] ??= withoutNegatedWords(userTexts[index]!));
  /** Per kind: the keys of every value the user typed. Built lazily, dropped when the user speaks again. */
  const userKeys = new Map<SteeringKind, Set<string>>();
  const foldedUserTexts: string[] = [];
  /** Per kind: key → the first trusted result field it was seen in. */
  const toolKeys = new Map<SteeringKind, Map<string, ToolSource>>();
  const approved = new Map<SteeringKind, Map<string, string>>();
  /** JSON numbers trusted results returned outside id fields, for amounts computed from them. */
  const trustedAmounts: TrustedAmount[] = [];
  let numbersOfUser: UserNumbers | undefined;
  /** Every record whose content reached the model in this run, with its readers (for `readersCheck`). */
  const seen: SeenRecord[] = [];
  /** Per listing tool: its latest complete listing taken before anything in this run could change that collection. */
  const listings = new Map<string, { callId: string; listing: SelectableListing; selected?: Map<string, string> }>();
  /** Tools that have run in this run (executed, whatever the outcome): a listing after one that changes it proves nothing. */
  const ran = new Set<string>();
  const allowed = options.allowList && Object.keys(options.allowList).length > 0 ? allowListMatcher(options.allowList) : undefined;

  /** A value the user typed only inside a negation ("never pay DE89…", "not Bob") is one they keep out: not theirs to steer with, in any message. */
  const userKeysOf = (kind: SteeringKind): Set<string> => {
    let keys = userKeys.get(kind);
    if (!keys) {
      const negated = new Set<string>();
      keys = new Set<string>();
      for (const [index, text] of userTexts.entries()) {
        const asked = keysInUserText(kind, askedUserText(index));
        for (const key of asked) keys.add(key);
        for (const key of keysInUserText(kind, text)) if (!asked.includes(key)) negated.add(key);
      }
      for (const key of negated) keys.delete(key);
      userKeys.set(kind, keys);
    }
    return keys;
  };
  const byUser = (kind: SteeringKind, key: string): boolean => {
    // Text (a message body) is the user's words whatever they negate; a name said inside a negation is kept out.
    if (kind === "text") return foldedUserTexts.some((text) => containsPhrase(text, key));
    if (kind === "name") return saidAsTarget(foldedUserTexts.map((text) => phraseStance(text, phraseOccurrences(text, key))));
    return userKeysOf(kind).has(key);
  };
  const remember = (kind: SteeringKind, key: string, source: ToolSource) => {
    let keys = toolKeys.get(kind);
    if (!keys) toolKeys.set(kind, (keys = new Map()));
    if (!keys.has(key)) keys.set(key, source);
  };

  const judge = (path: string, kind: SteeringKind, value: JsonValue, spec: SteeringSpec, embedded?: string): ArgumentProvenance => {
    // Sources hold amounts as written (12.50); an argument in minor units (1250 with scale 100) is compared in those.
    const key = steeringKey(kind, value, spec.scale ?? 1);
    const sources: ProvenanceSource[] = [];
    if (key !== undefined) {
      if (byUser(kind, key)) sources.push({ origin: "user" });
      const tool = toolKeys.get(kind)?.get(key);
      if (tool) sources.push(tool);
    }
    // Approvals and allow-lists name the value as the call holds it, so an amount in cents is compared in cents.
    const rawKey = spec.scale === undefined || spec.scale === 1 ? key : steeringKey(kind, value);
    if (rawKey !== undefined) {
      const approval = approved.get(kind)?.get(rawKey);
      if (approval) sources.push({ origin: "approval", callId: approval });
      const entry = allowed?.(kind, rawKey);
      if (entry) sources.push({ origin: "allow-list", entry });
    }
    // Selection: the one record of a complete listing the user's words pick out (by the name they gave it, or "the largest").
    if (kind === "id" && key !== undefined && listings.size > 0) {
      for (const entry of listings.values()) {
        entry.selected ??= selectedIds(entry.listing, foldedUserTexts);
        const by = entry.selected.get(key);
        if (by !== undefined) sources.push({ origin: "selected", callId: entry.callId, by });
      }
    }
    // Provenance through arithmetic: the difference, a percentage or a percentage plus a fee the user asked for.
    if (kind === "amount" && key !== undefined && sources.length === 0 && trustedAmounts.length > 0) {
      numbersOfUser ??= userNumbers(userTexts.map((_, index) => askedUserText(index)).join("\n"));
      const computed = computedAmount(Number(key), trustedAmounts, numbersOfUser);
      if (computed) sources.push({ origin: "computed", ...computed });
    }
    const counted = spec.from ? sources.filter((source) => spec.from!.includes(source.origin)) : sources;
    return {
      path,
      kind,
      ...(embedded !== undefined ? { value: embedded } : {}),
      sources,
      ...(spec.from ? { from: [...spec.from] } : {}),
      proven: counted.length > 0,
    };
  };

  const byUserPhrase = (folded: string) => folded !== "" && foldedUserTexts.some((text) => containsPhrase(text, folded));

  /**
   * CaMeL's readers rule, without a second model: a call that delivers (an email, an invitation, a channel message)
   * gives nothing away when every recipient already reads what it hands them. A recipient nobody proved counts when
   * it is a party (sender, participant, shared-with, member) of a record the run has seen that every recipient reads;
   * then every content value must be the user's own words, or copied from such a record, or — since the model may have
   * reworded anything it saw — every record the run has seen must be read by every recipient; a record handed over
   * by id must be one they read. Proven recipients keep today's rule; their content only gains the readers source where
   * it holds (so a copy out of a record the recipients read is not a leak). Times are not content (a covert channel of a
   * few bits, documented).
   */
  const readersCheck = (delivery: Delivery, args: JsonValue, found: ArgumentProvenance[]) => {
    const principals = new Set(delivery.recipients.flatMap((recipient) => recipient.principals.map(principalKey).filter((key): key is string => key !== undefined)));
    if (principals.size === 0) return;
    const covering = seen.filter((record) => readBy(record, principals));
    const everythingRead = covering.length === seen.length;
    const readerProven: Array<{ entry: ArgumentProvenance; callIds: string[] }> = [];
    for (const recipient of delivery.recipients) {
      const entry = found.find((candidate) => candidate.path === recipient.path && candidate.value === undefined);
      if (!entry) return;
      if (entry.proven) continue;
      const key = principalKey(expandPointer(args, recipient.path)[0]?.value);
      const parties = key === undefined ? [] : covering.filter((record) => record.parties.has(key));
      if (parties.length === 0) return;
      readerProven.push({ entry, callIds: [...new Set(parties.map((record) => record.callId))] });
    }
    const contentOk: Array<{ path: string; callIds: string[] }> = [];
    let allContentOk = true;
    for (const pattern of delivery.content) {
      for (const place of expandPointer(args, pattern)) {
        const leaves: string[] = [];
        const walk = (node: JsonValue) => {
          if (typeof node === "string" || typeof node === "number" || typeof node === "boolean") leaves.push(foldText(String(node)));
          else if (Array.isArray(node)) node.forEach(walk);
          else if (node !== null && typeof node === "object") for (const [k, item] of Object.entries(node)) {
            leaves.push(foldText(k));
            walk(item);
          }
        };
        walk(place.value);
        const callIds = new Set<string>();
        const ok = leaves.every((leaf) => {
          if (leaf === "" || byUserPhrase(leaf)) return true;
          const from = covering.filter((record) => copiedFrom(record, leaf));
          for (const record of from) callIds.add(record.callId);
          return from.length > 0 || everythingRead;
        });
        if (ok) contentOk.push({ path: place.pointer, callIds: [...callIds] });
        else allContentOk = false;
      }
    }
    for (const pattern of delivery.references ?? []) {
      for (const place of expandPointer(args, pattern)) {
        const id = place.value === null ? undefined : String(place.value);
        if (!covering.some((record) => record.id !== undefined && record.id === id)) allContentOk = false;
      }
    }
    if (readerProven.length > 0 && !allContentOk) return;
    const recipients = [...principals];
    for (const { entry, callIds } of readerProven) {
      entry.sources.push({ origin: "readers", recipients, callIds });
      entry.proven = entry.from ? entry.sources.some((source) => entry.from!.includes(source.origin)) : true;
    }
    for (const { path, callIds } of contentOk) {
      if (found.some((entry) => entry.path === path && entry.value === undefined)) continue;
      found.push({ path, kind: "text", sources: [{ origin: "readers", recipients, callIds }], proven: true });
    }
  };

  return {
    endorse(userText) {
      if (typeof userText !== "string" || userText.trim() === "") return;
      userTexts.push(userText);
      foldedUserTexts.push(foldText(userText));
      userKeys.clear();
      numbersOfUser = undefined;
      for (const entry of listings.values()) delete entry.selected;
    },
    observe(call) {
      if (call.toolName === undefined) return;
      const tool = options.registry.get(call.toolName);
      if (!tool) return;
      // What a person approved in this run is theirs for the rest of it: the same recipient later needs no second look.
      const wasApproved = call.verdicts.some((verdict) => verdict.stage === "approval" && verdict.outcome === "approved");
      if (wasApproved && call.provenance && call.arguments !== undefined) {
        for (const entry of call.provenance) {
          const value = entry.value ?? expandPointer(call.arguments, entry.path)[0]?.value;
          const key = value === undefined ? undefined : steeringKey(entry.kind, value);
          if (key === undefined) continue;
          let keys = approved.get(entry.kind);
          if (!keys) approved.set(entry.kind, (keys = new Map()));
          if (!keys.has(key)) keys.set(key, call.id);
        }
      }
      if (options.selections && call.status === "succeeded" && call.outcome.ok && tool.trust !== "untrusted") {
        const listing = options.selections.listingOf(tool.name, call.arguments ?? null, call.outcome.result);
        // Only the collection as it stood before this run changed it: the model cannot grow a file, re-list and call it the largest.
        if (listing && !listing.changedBy.some((name) => ran.has(name))) listings.set(tool.name, { callId: call.id, listing });
      }
      if (call.execution !== undefined || call.status === "succeeded") ran.add(tool.name);
      if (options.readers) {
        // What the model read: the declared records of a result, or one nobody else reads (an undeclared tool, an error).
        if (call.status === "succeeded" && call.outcome.ok) {
          const records = options.readers.recordsOf(tool.name, call.arguments ?? null, call.outcome.result);
          if (records) for (const record of records) seen.push(indexRecord(call.id, record));
          else seen.push(privateRecord(call.id));
        } else if (call.execution !== undefined) seen.push(privateRecord(call.id));
      }
      if (call.status !== "succeeded" || !call.outcome.ok || tool.trust === "untrusted") return;
      walkTrustedLeaves(call.outcome.result, tool.untrustedFields, (leaf, field) => {
        const source: ToolSource = { origin: "tool", callId: call.id, toolName: tool.name, field };
        // A record's id proves an id, never an amount: transaction 4 is not "4.00 to send".
        if (identifierField.test(field)) {
          const key = steeringKey("id", leaf);
          if (key !== undefined) remember("id", key, source);
          return;
        }
        if (typeof leaf === "number") {
          if (trustedAmounts.length < 10_000) trustedAmounts.push({ value: leaf, callId: call.id });
          for (const kind of ["amount", "id", "secret", "text", "name"] as const) {
            const key = steeringKey(kind, leaf);
            if (key !== undefined) remember(kind, key, source);
          }
          return;
        }
        for (const kind of indexedKinds) for (const key of kind === "name" || kind === "text" ? [steeringKey(kind, leaf)].filter((k): k is string => k !== undefined) : keysInText(kind, leaf)) remember(kind, key, source);
      });
    },
    provenanceOf(tool, args) {
      const found: ArgumentProvenance[] = [];
      for (const [pattern, spec] of Object.entries(tool.steers ?? {})) {
        for (const place of expandPointer(args, pattern)) {
          // An array declared whole (`/recipients`) steers through each of its items.
          const items = Array.isArray(place.value) ? place.value.map((item, index) => ({ pointer: `${place.pointer}/${index}`, value: item })) : [place];
          for (const item of items) {
            if (item.value === null) continue;
            if (spec.embedded) {
              if (typeof item.value !== "string") continue;
              for (const value of embeddedValues(item.value)) found.push(judge(item.pointer, value.kind, value.value, { kind: value.kind, ...(spec.from ? { from: spec.from } : {}) }, value.value));
              continue;
            }
            found.push(judge(item.pointer, spec.kind, item.value, spec));
          }
        }
      }
      if (options.readers && tool.name !== undefined) {
        const delivery = options.readers.deliveryOf(tool.name, args);
        if (delivery) readersCheck(delivery, args, found);
      }
      return found;
    },
  };
}

/** Origins in the order a person reads them. */
export function describeSources(entry: ArgumentProvenance): string {
  if (entry.sources.length === 0) return "no trusted source";
  const names: Record<ProvenanceOrigin, (source: ProvenanceSource) => string> = {
    user: () => "typed by the user",
    tool: (source) => (source.origin === "tool" ? `returned by ${source.toolName} (call ${source.callId}, field ${source.field || "/"})` : ""),
    approval: (source) => (source.origin === "approval" ? `approved earlier in this run (call ${source.callId})` : ""),
    "allow-list": (source) => (source.origin === "allow-list" ? `allow-listed (${source.entry})` : ""),
    computed: (source) => (source.origin === "computed" ? `computed as ${source.expression}` : ""),
    readers: (source) => (source.origin === "readers" ? `read already by every recipient (${source.recipients.join(", ")})` : ""),
    selected: (source) => (source.origin === "selected" ? `picked out of a complete listing by the user's words (${source.by}, call ${source.callId})` : ""),
  };
  return entry.sources.map((source) => names[source.origin](source)).join("; ");
}
