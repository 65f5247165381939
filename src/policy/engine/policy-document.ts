// The shape of a declarative policy (YAML file or TypeScript object), validated with Zod before any rule is compiled.
import { z } from "zod";
import type { JsonValue } from "../../record/index.js";
import type { PolicyInput } from "../types.js";
import type { SteeringKind } from "../../record/index.js";
import { steeringKinds } from "../../record/index.js";
import { policyProfiles } from "./profile-names.js";
import { parseDuration } from "../limits/duration.js";

/** A TypeScript predicate over the validated arguments, for what a JSON Schema fragment cannot say. */
type ArgumentsPredicate = (args: JsonValue, input: PolicyInput) => boolean;

const name = z.string().min(1);
const names = z.union([name, z.array(name).min(1)]);
const risk = z.enum(["read", "write", "privileged"]);
const pointer = z.string().regex(/^(\/.*)?$/, 'a JSON pointer into the arguments, e.g. "/to" or "/payment/amount"');
const windowLength = z.union([z.string(), z.number()]).superRefine((value, context) => {
  try {
    parseDuration(value);
  } catch (error) {
    context.addIssue({ code: "custom", message: (error as Error).message });
  }
});

const matchers = {
  /** Tool names or globs (`*` any run of characters, `?` one character). */
  tool: names.optional(),
  area: names.optional(),
  risk: z.union([risk, z.array(risk).min(1)]).optional(),
  /** Every given field must match: id among `ids`, any role among `roles`, tenant among `tenant`. */
  principal: z.object({ ids: z.array(name).min(1).optional(), roles: z.array(name).min(1).optional(), tenant: names.optional() }).strict().optional(),
  /** A JSON Schema fragment the arguments must satisfy, or a predicate (TypeScript policies only). */
  arguments: z.union([z.record(z.string(), z.unknown()), z.custom<ArgumentsPredicate>((value) => typeof value === "function", "a JSON Schema object or a function")]).optional(),
  /** `tainted`: any of these arguments (or anything inside them) carries untrusted data; `anyTainted`: some argument does (true) or none does (false). */
  taint: z
    .object({
      tainted: z.array(pointer).min(1).optional(),
      anyTainted: z.boolean().optional(),
      /** `steering: true`: some argument the tool declares as steering (a recipient, a message body it sends) carries untrusted data. */
      steering: z.boolean().optional(),
    })
    .strict()
    .optional(),
  /**
   * Positive provenance of the steering arguments (recipients, accounts, URLs, amounts, ids): `unproven` true matches a
   * call with a steering value traced to no trusted source (of `kinds`, when given); `declared` whether the tool declares
   * steering arguments at all; `tracked` whether a provenance tracker runs (without one nothing is ever proven).
   */
  provenance: z
    .object({ unproven: z.boolean().optional(), kinds: z.array(z.enum(steeringKinds as [SteeringKind, ...SteeringKind[]])).min(1).optional(), declared: z.boolean().optional(), tracked: z.boolean().optional() })
    .strict()
    .optional(),
};

const base = { id: name, priority: z.number().int().default(0), description: z.string().optional(), ...matchers };

const limitSchema = z
  .object({
    max: z.number().positive(),
    window: windowLength,
    per: z.enum(["principal", "tenant", "global"]).default("principal"),
    measure: z.enum(["calls", "cost", "tokens"]).default("calls"),
    /** For `measure: cost`: what one call costs (default 1). */
    cost: z.number().nonnegative().optional(),
  })
  .strict();

const denyReason = "a deny rule needs a reason: the model and the audit log both see it";

/** One allow-list entry: a value or a glob, never one that admits every value of its kind. */
const allowEntry = z
  .string()
  .min(1)
  .refine((entry) => !/^[*?@.\s]*$/.test(entry), { message: "an entry of wildcards alone would prove every value of its kind; name a domain, a host or a value (\"*@our-company.example\")" });

/**
 * Values that count as proven wherever they come from, per steering kind (`email: ["*@our-company.example"]`, `iban:
 * ["DE89 3704 0044 0532 0130 00"]`, `url: ["https://docs.our-company.example/*"]`): compared after the kind's declared
 * normalisation (case of an address or a host, spaces in an IBAN); `*` matches any run of characters (inside the local
 * part, for an address), `?` one.
 */
const allowListSchema = z
  .object(Object.fromEntries(steeringKinds.map((kind) => [kind, z.array(allowEntry).min(1).optional()])) as Record<SteeringKind, z.ZodOptional<z.ZodArray<typeof allowEntry>>>)
  .strict();

export const ruleSchema = z.discriminatedUnion(
  "effect",
  [
  z.object({ ...base, effect: z.literal("allow"), reason: z.string().optional() }).strict(),
  z.object({ ...base, effect: z.literal("deny"), reason: z.string({ error: denyReason }).min(1, denyReason) }).strict(),
  z.object({ ...base, effect: z.literal("require-approval"), reason: z.string().optional(), role: name.optional() }).strict(),
  z.object({ ...base, effect: z.literal("rate-limit"), limit: limitSchema, reason: z.string().optional() }).strict(),
  ],
  { error: "effect must be one of allow, deny, require-approval, rate-limit" },
);

export const policyDocumentSchema = z
  .object({
    version: z.union([z.string().min(1), z.number()]).optional(),
    /** What happens when no rule matches. Default deny: a call nobody thought about does not run. */
    default: z.enum(["allow", "deny", "require-approval"]).default("deny"),
    /**
     * A built-in profile whose rules join the document's own (a document rule with the same id replaces the profile's):
     * `strict` (privileged calls always ask) or `data-flow` (calls whose steering values are all proven run).
     */
    profile: z.enum(policyProfiles).optional(),
    /** Allow-lists of steering values: what counts as proven wherever it comes from (see `allowListSchema`). */
    allow: allowListSchema
      .describe("values proven wherever they come from, per steering kind (email, url, iban, phone, amount, id, path, name, text, secret): values or globs, compared after the kind's normalisation")
      .optional(),
    rules: z.array(ruleSchema),
  })
  .strict()
  .superRefine((document, context) => {
    const seen = new Set<string>();
    document.rules.forEach((rule, index) => {
      if (seen.has(rule.id)) context.addIssue({ code: "custom", path: ["rules", index, "id"], message: `rule id "${rule.id}" is used twice; ids must be unique so decisions name one rule` });
      seen.add(rule.id);
    });
  });

export type PolicyDocumentInput = z.input<typeof policyDocumentSchema>;
export type PolicyDocument = z.output<typeof policyDocumentSchema>;
export type PolicyRule = PolicyDocument["rules"][number];

/**
 * The JSON Schema editors validate a policy YAML file against (docs/policy.schema.json is this, checked in). Argument
 * predicates exist only in TypeScript policies, so `arguments` is an open object here.
 */
export function policyDocumentJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(policyDocumentSchema, { target: "draft-2020-12", unrepresentable: "any", io: "input" }),
    title: "toolgate policy document (policy.yaml)",
  };
}
