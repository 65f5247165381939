// A compiled declarative policy: evaluates rules in priority order with explicit deny winning, and stamps every decision with its digest.
import { Ajv2020 } from "ajv/dist/2020.js";
import { digestOf } from "../../record/index.js";
import type { CounterStore } from "../limits/counter-store.js";
import { memoryCounterStore } from "../limits/counter-store.js";
import { parseDuration } from "../limits/duration.js";
import type { Limit } from "../limits/limit.js";
import { checkLimit } from "../limits/limit.js";
import type { Policy, PolicyDecision, PolicyInput } from "../types.js";
import type { AllowList } from "../provenance/allow-list.js";
import { toProviderName } from "../../tool/index.js";
import type { CompiledMatchers, ToolNames } from "./compile-rule.js";
import { compileRule } from "./compile-rule.js";
import type { PolicyDocument, PolicyRule } from "./policy-document.js";
import { ruleSchema } from "./policy-document.js";
import { profileRules } from "./profiles.js";
import { z } from "zod";

export interface EnginePolicyOptions {
  /** Rate-limit windows are read from it. */
  clock: () => Date;
  /** Where rate-limit and budget counters live. Default: in memory. Share one store across reloads so limits carry over. */
  counters?: CounterStore;
}

export interface EnginePolicy extends Policy {
  /** The document's `version`, else the first 12 hex digits of the digest. */
  readonly version: string;
  /** SHA-256 of the canonical policy document (defaults filled in; predicates by their source text). */
  readonly digest: string;
  readonly rules: readonly PolicyRule[];
  /** The document's `allow`: steering values proven wherever they come from. Hand it to the provenance tracker. */
  readonly allowList?: AllowList;
  evaluate(input: PolicyInput): Promise<PolicyDecision>;
  /** A compiled policy never changes, so a run's snapshot is the policy itself. */
  snapshot(): EnginePolicy;
}

interface CompiledRule {
  rule: PolicyRule;
  matchers: CompiledMatchers;
  limit?: Limit;
}

/** Tools a policy keeps candidate lists for; past this the cache starts over (names come from the registry, so rarely). */
const maxCachedTools = 10_000;
/** Principals per tool the same; a gateway serving many keys starts a tool's list over past this. */
const maxCachedPrincipals = 1_000;

/**
 * Everything a principal matcher reads (id, roles, tenant), as one unambiguous string; "" for no principal. Built per
 * call, never cached by object identity: a principal whose roles change in place must be matched on its new roles.
 */
function principalKey(principal: PolicyInput["principal"]): string {
  if (!principal) return "";
  return JSON.stringify([principal.id, principal.tenant ?? null, principal.roles ?? null]);
}

/**
 * Evaluation:
 * 1. Rules are ordered by `priority` (higher first), ties by their order in the document.
 * 2. Every rule whose matchers all match the call is collected (a rule with no matchers matches every call).
 * 3. If any matching rule is a `deny`, the highest-ordered deny decides: an explicit deny always wins.
 * 4. Otherwise matching rules are walked in order: a `rate-limit` rule counts the call against its limit and denies
 *    when the limit is reached, else the walk goes on; the first `allow` or `require-approval` decides.
 * 5. No deciding rule: the document's `default` (deny unless set), with ruleId "default".
 */
export function createEnginePolicy(given: PolicyDocument, options: EnginePolicyOptions): EnginePolicy {
  // A profile's rules are spelled out before anything else, so the digest names the rules that really decide.
  const document = withProfileRules(given);
  const digest = digestOf(withPredicateSources(document));
  const version = document.version === undefined ? digest.slice("sha256:".length, "sha256:".length + 12) : String(document.version);
  const counters = options.counters ?? memoryCounterStore();
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  const compiled: CompiledRule[] = document.rules
    .map((rule, index) => ({ rule, index, matchers: compileRule(rule, index, ajv), limit: limitOf(rule) }))
    .sort((a, b) => b.rule.priority - a.rule.priority || a.index - b.index)
    .map(({ rule, matchers, limit }) => ({ rule, matchers, ...(limit ? { limit } : {}) }));
  // A tool's name, area and risk never change between its calls, and a run acts for one principal, so the rules that
  // can match a (tool, principal) pair are worked out once; only argument, taint and provenance tests run per call.
  const candidates = new Map<string, { byTool: CompiledRule[]; byPrincipal: Map<string, CompiledRule[]> }>();
  const candidatesFor = (input: PolicyInput): CompiledRule[] => {
    const names = toolNamesOf(input);
    const key = `${names.canonical}\u0000${names.provider}\u0000${input.area}\u0000${input.risk}`;
    let forTool = candidates.get(key);
    if (!forTool) {
      if (candidates.size >= maxCachedTools) candidates.clear();
      forTool = { byTool: compiled.filter((entry) => entry.matchers.byTool(names, input.area, input.risk)), byPrincipal: new Map() };
      candidates.set(key, forTool);
    }
    const who = principalKey(input.principal);
    let list = forTool.byPrincipal.get(who);
    if (!list) {
      if (forTool.byPrincipal.size >= maxCachedPrincipals) forTool.byPrincipal.clear();
      list = forTool.byTool.filter((entry) => entry.matchers.byPrincipal(input.principal));
      forTool.byPrincipal.set(who, list);
    }
    return list;
  };

  const decide = (rule: PolicyRule): PolicyDecision => {
    switch (rule.effect) {
      case "deny":
        return { effect: "deny", reason: rule.reason, ruleId: rule.id, policyDigest: digest };
      case "require-approval":
        return {
          effect: "require-approval",
          reason: rule.reason ?? `rule ${rule.id} asks for a person's approval`,
          ruleId: rule.id,
          policyDigest: digest,
          ...(rule.role ? { approverRole: rule.role } : {}),
        };
      default:
        return { effect: "allow", ruleId: rule.id, policyDigest: digest, ...(rule.reason ? { reason: rule.reason } : {}) };
    }
  };
  const fallback: PolicyDecision =
    document.default === "allow"
      ? { effect: "allow", ruleId: "default", reason: "no rule matched; the policy's default allows", policyDigest: digest }
      : document.default === "require-approval"
        ? { effect: "require-approval", ruleId: "default", reason: "no rule matched; the policy's default asks for approval", policyDigest: digest }
        : { effect: "deny", ruleId: "default", reason: "no rule of the policy allows this call", policyDigest: digest };

  const policy: EnginePolicy = {
    version,
    digest,
    rules: document.rules,
    ...(document.allow ? { allowList: document.allow } : {}),
    async evaluate(input) {
      const matched: CompiledRule[] = [];
      for (const entry of candidatesFor(input)) {
        if (!entry.matchers.byCall(input)) continue;
        if (entry.rule.effect === "deny") return decide(entry.rule);
        matched.push(entry);
      }
      for (const entry of matched) {
        if (entry.limit) {
          const denied = await checkLimit(entry.limit, input, counters, options.clock());
          if (denied) return { ...denied, ...(entry.rule.reason ? { reason: `${entry.rule.reason} (${denied.reason})` } : {}), policyDigest: digest };
          continue;
        }
        return decide(entry.rule);
      }
      return fallback;
    },
    snapshot: () => policy,
  };
  return policy;
}

/**
 * The two names a rule may use for the called tool. Callers that know the registry's provider name pass it; otherwise
 * it is the name as the registry would spell it without collisions (`billing.refund` → `billing_refund`).
 */
function toolNamesOf(input: Pick<PolicyInput, "toolName" | "providerName">): ToolNames {
  return { canonical: input.toolName, provider: input.providerName ?? toProviderName(input.toolName, new Set()) };
}

function limitOf(rule: PolicyRule): Limit | undefined {
  if (rule.effect !== "rate-limit") return undefined;
  const { max, window, per, measure, cost } = rule.limit;
  return { id: rule.id, max, windowMs: parseDuration(window), per, measure, ...(measure === "cost" ? { amount: () => cost ?? 1 } : {}) };
}

/** Predicates take part in the digest by their source, so changing one changes the policy's identity. */
function withProfileRules(document: PolicyDocument): PolicyDocument {
  if (document.profile === undefined) return document;
  const own = new Set(document.rules.map((rule) => rule.id));
  const added = z.array(ruleSchema).parse(profileRules[document.profile]).filter((rule) => !own.has(rule.id));
  return { ...document, rules: [...document.rules, ...added] };
}

function withPredicateSources(document: PolicyDocument): unknown {
  return { ...document, rules: document.rules.map((rule) => (typeof rule.arguments === "function" ? { ...rule, arguments: { predicate: rule.arguments.toString() } } : rule)) };
}
