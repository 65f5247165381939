// Allow-lists of steering values: globs per kind, compared with the kind's declared normalisation applied to both sides.
import type { SteeringKind } from "../../record/argument-provenance.js";
import { globToRegExp } from "../engine/glob.js";
import { steeringKey } from "./steering-values.js";

/** Per kind, values or globs (`*` any run of characters, `?` one) that count as proven: `email: ["*@our-company.example"]`. */
export type AllowList = Partial<Record<SteeringKind, readonly string[]>>;

/** Returns the entry that admits a value's key, or undefined. Entries are normalised like values, so `*@Our-Company.example` works. */
export function allowListMatcher(list: AllowList): (kind: SteeringKind, key: string) => string | undefined {
  const compiled = new Map<SteeringKind, Array<{ entry: string; test: (key: string) => boolean }>>();
  for (const [kind, entries] of Object.entries(list) as Array<[SteeringKind, readonly string[]]>) {
    compiled.set(
      kind,
      entries.map((entry) => {
        const normalised = steeringKey(kind, entry) ?? entry;
        if (!/[*?]/.test(normalised)) return { entry, test: (key: string) => key === normalised };
        // In an address, `*` stays inside the local part: `*@our-company.example` must not admit `x@evil.example@our-company.example`.
        const pattern = kind === "email" ? new RegExp(globToRegExp(normalised).source.replace(/\.\*/g, "[^@]*")) : globToRegExp(normalised);
        return { entry, test: (key: string) => pattern.test(key) };
      }),
    );
  }
  return (kind, key) => compiled.get(kind)?.find((candidate) => candidate.test(key))?.entry;
}
