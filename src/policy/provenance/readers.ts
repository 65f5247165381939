// Readers (CaMeL's readers capability): who may already read each record a run has seen, and whether a call that hands values to people gives anyone something they could not read before.
import type { JsonValue } from "../../record/index.js";
import { foldText } from "./steering-values.js";

/** One record a tool result holds (an email, an event, a file, a channel message) and who may read it. */
export interface ReadableRecord {
  /** Principals (addresses, user names) who may read the record, or everyone (a public web page). */
  readers: readonly string[] | "everyone";
  /** Values in the record's party fields (sender, recipients, participants, owner, shared-with): principals it names itself. */
  parties?: readonly string[];
  /** The record's own id, when a call can hand the record over by id (an attachment). */
  id?: string;
  /** The record's content, searched for values a call copies out of it. */
  content: JsonValue;
}

/** Who a call delivers to and what it hands them. */
export interface Delivery {
  /** Each argument (concrete JSON pointer, as provenance reports it) naming a receiver, and the principals it reaches (a channel: its members). */
  recipients: ReadonlyArray<{ path: string; principals: readonly string[] }>;
  /** Pointer patterns of the arguments whose values reach the recipients as content (subject, body, title, location). */
  content: readonly string[];
  /** Pointer patterns of arguments that hand a record over by its id (an attachment): every recipient must read that record already. */
  references?: readonly string[];
}

/**
 * What a deployment (or a suite) declares about its tools: the records each result holds with their readers, and
 * who each delivering call reaches. Tools it says nothing about count as read by nobody but the user.
 */
export interface ReadersDeclaration {
  recordsOf(toolName: string, args: JsonValue, result: JsonValue): readonly ReadableRecord[] | undefined;
  deliveryOf(toolName: string, args: JsonValue): Delivery | undefined;
}

/** A seen record, indexed for the checks. */
export interface SeenRecord {
  callId: string;
  readers: ReadonlySet<string> | "everyone";
  parties: ReadonlySet<string>;
  id?: string;
  /** Every string leaf of the content, folded (case, whitespace). */
  texts: readonly string[];
}

export function principalKey(value: unknown): string | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const key = String(value).normalize("NFKC").trim().toLowerCase();
  return key === "" ? undefined : key;
}

export function indexRecord(callId: string, record: ReadableRecord): SeenRecord {
  const texts: string[] = [];
  const walk = (node: JsonValue) => {
    if (typeof node === "string" || typeof node === "number") texts.push(foldText(String(node)));
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === "object") for (const [key, item] of Object.entries(node)) {
        texts.push(foldText(key));
        walk(item);
      }
  };
  walk(record.content);
  const keys = (values: readonly string[] | undefined) => new Set((values ?? []).map(principalKey).filter((key): key is string => key !== undefined));
  return {
    callId,
    readers: record.readers === "everyone" ? "everyone" : keys(record.readers),
    parties: keys(record.parties),
    ...(record.id !== undefined ? { id: record.id } : {}),
    texts,
  };
}

/** A record nobody but the user reads: what an undeclared tool's result or an error counts as. */
export function privateRecord(callId: string): SeenRecord {
  return { callId, readers: new Set(), parties: new Set(), texts: [] };
}

export function readBy(record: SeenRecord, principals: ReadonlySet<string>): boolean {
  if (record.readers === "everyone") return true;
  for (const principal of principals) if (!record.readers.has(principal)) return false;
  return true;
}

/** Whether a folded value was copied out of the record: one of its leaves holds it. */
export function copiedFrom(record: SeenRecord, folded: string): boolean {
  return folded !== "" && record.texts.some((text) => text.includes(folded));
}
