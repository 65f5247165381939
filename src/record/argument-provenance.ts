// Where a value that steers an effect (a recipient, an account, an amount, an id) was positively traced to.

/**
 * What a steering argument holds, which decides its declared normalisation: `email` is case-folded, `iban` loses
 * spaces and case, `phone` keeps digits and a leading `+`, `url` loses its scheme, `www.` and the host's case,
 * `amount` compares numbers (times `scale`), `name` and `text` fold case and runs of whitespace; `id`, `path` and
 * `secret` compare exactly.
 */
export type SteeringKind = "email" | "url" | "iban" | "phone" | "amount" | "id" | "path" | "name" | "text" | "secret";
export const steeringKinds: readonly SteeringKind[] = ["email", "url", "iban", "phone", "amount", "id", "path", "name", "text", "secret"];

/** Where a steering value may come from for it to run without a person. */
/**
 * `computed`: an amount that is arithmetic on a trusted amount and the user's own numbers (provenance through arithmetic).
 * `readers` (CaMeL's readers capability): the call hands nothing to anyone who could not already read it — every
 * recipient is a party of the records the value and the content came from (see `ReadersDeclaration`).
 * `selected`: the id of the one record of a complete listing that the user's words pick out by an attribute the system
 * keeps (its name the user gave it, "the largest file"): the user chose the record, the model only looked up its id.
 */
export type ProvenanceOrigin = "user" | "tool" | "approval" | "allow-list" | "readers" | "computed" | "selected";
export const provenanceOrigins: readonly ProvenanceOrigin[] = ["user", "tool", "approval", "allow-list", "readers", "computed", "selected"];

/** One argument (JSON pointer; `*` for every item of an array or every property of an object) that steers an effect. */
export interface SteeringSpec {
  kind: SteeringKind;
  /** Origins that count for this argument (default all). Ids of things to delete: `["user", "approval"]`, so an injected choice among real ids still asks. */
  from?: ProvenanceOrigin[];
  /** For amounts in minor units: the argument is the typed or returned amount times this (`amount_cents`: 100). */
  scale?: number;
  /**
   * Free text sent to someone (a message body): every link, address, account or phone number inside it steers too,
   * each needing its own trusted source. The rest of the text does not.
   */
  embedded?: boolean;
}

export type ProvenanceSource =
  | { origin: "user" }
  | { origin: "tool"; callId: string; toolName: string; field: string }
  | { origin: "approval"; callId: string }
  | { origin: "allow-list"; entry: string }
  /** Every recipient of the call already reads the records (call ids) this value was found in, or every record the run has seen. */
  | { origin: "readers"; recipients: string[]; callIds: string[] }
  /** An amount computed from an amount a trusted tool returned and numbers the user typed (`16 - 12`, `1000 * 19.5% + 5.29`). */
  | { origin: "computed"; expression: string; callIds: string[] }
  /** The one record of a complete listing (call id) the user's words pick out: `by` says how (`subject "Rent"`, `largest size`). */
  | { origin: "selected"; callId: string; by: string };

/** One steering value of a call and the trusted sources it was found in; no sources means unproven. */
export interface ArgumentProvenance {
  /** JSON pointer into the arguments. */
  path: string;
  kind: SteeringKind;
  /** For a value found inside free text (`embedded`): the value itself, as found. */
  value?: string;
  sources: ProvenanceSource[];
  /** The declaration narrowed the origins that count, so sources of other origins are listed but do not prove it. */
  from?: ProvenanceOrigin[];
  proven: boolean;
}
