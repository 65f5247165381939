// Turns one validated rule into a fast test over PolicyInput; JSON Schema fragments are compiled once, here.
import type { Ajv2020 } from "ajv/dist/2020.js";
import type { ArgumentProvenance } from "../../record/index.js";
import type { PolicyInput } from "../types.js";
import { nameMatcher } from "./glob.js";
import type { PolicyRule } from "./policy-document.js";

type RuleTest = (input: PolicyInput) => boolean;

/** A tool's canonical name and the provider-facing one the model sees (equal when the canonical name is provider-safe). */
export interface ToolNames {
  canonical: string;
  provider: string;
}

/**
 * A rule split in two: what depends only on the tool (name, area, risk), which the engine caches per tool, and what
 * depends on the call (principal, arguments, taint), which runs every time.
 */
export interface CompiledMatchers {
  byTool: (names: ToolNames, area: string, risk: PolicyInput["risk"]) => boolean;
  /** The principal matcher alone: the engine caches it per principal, since a run's calls all act for one. */
  byPrincipal: (principal: PolicyInput["principal"]) => boolean;
  /** What depends on the call itself (arguments, taint, provenance); the principal is not tested again here. */
  byCall: RuleTest;
}

/** Thrown when a rule cannot be compiled (an invalid JSON Schema fragment); `path` locates it in the document. */
export class RuleCompileError extends Error {
  override readonly name = "RuleCompileError";
  constructor(
    readonly path: Array<string | number>,
    message: string,
  ) {
    super(message);
  }
}

export function compileRule(rule: PolicyRule, index: number, ajv: Ajv2020): CompiledMatchers {
  const tool = rule.tool === undefined ? undefined : nameMatcher(rule.tool);
  const area = rule.area === undefined ? undefined : nameMatcher(rule.area);
  const risks = rule.risk === undefined ? undefined : new Set(Array.isArray(rule.risk) ? rule.risk : [rule.risk]);
  // Either spelling of the tool's name matches: a rule copied from a transcript (`billing_*`) must decide the same calls
  // as one written against the catalog (`billing.*`), or a deny could pass `policy explain` and still let the call run.
  const byTool = (names: ToolNames, toolArea: string, risk: PolicyInput["risk"]) =>
    (tool === undefined || tool(names.canonical) || tool(names.provider)) && (area === undefined || area(toolArea)) && (risks === undefined || risks.has(risk));
  return { byTool, byPrincipal: compilePrincipalTest(rule), byCall: compileCallTests(rule, index, ajv) };
}

function compilePrincipalTest(rule: PolicyRule): CompiledMatchers["byPrincipal"] {
  if (rule.principal === undefined) return () => true;
  const { ids, roles, tenant } = rule.principal;
  const idSet = ids ? new Set(ids) : undefined;
  const tenants = tenant === undefined ? undefined : new Set(Array.isArray(tenant) ? tenant : [tenant]);
  return (principal) => {
    if (!principal) return false;
    if (idSet && !idSet.has(principal.id)) return false;
    if (roles && !roles.some((role) => principal.roles?.includes(role))) return false;
    if (tenants && (principal.tenant === undefined || !tenants.has(principal.tenant))) return false;
    return true;
  };
}

function compileCallTests(rule: PolicyRule, index: number, ajv: Ajv2020): RuleTest {
  const tests: RuleTest[] = [];
  if (rule.arguments !== undefined) {
    const condition = rule.arguments;
    if (typeof condition === "function") {
      tests.push((input) => condition(input.arguments, input) === true);
    } else {
      let validate: ReturnType<Ajv2020["compile"]>;
      try {
        validate = ajv.compile(condition);
      } catch (error) {
        throw new RuleCompileError(["rules", index, "arguments"], `rule ${rule.id}: the arguments schema is not valid JSON Schema: ${(error as Error).message}`);
      }
      tests.push((input) => validate(input.arguments) === true);
    }
  }
  if (rule.taint !== undefined) {
    const { tainted, anyTainted, steering } = rule.taint;
    if (anyTainted !== undefined) tests.push((input) => (input.taint?.length ?? 0) > 0 === anyTainted);
    // "/to" covers a taint at "/to" and inside it ("/to/0"); a taint on the whole object ("") covers every path.
    if (tainted) tests.push((input) => (input.taint ?? []).some((entry) => tainted.some((path) => covers(path, entry.path))));
    if (steering !== undefined) {
      // Taint a readers source covers is no leak: every recipient already reads the record it was copied from.
      tests.push((input) => (input.taint ?? []).some((entry) => (input.steeringPaths ?? []).some((pattern) => coversPattern(pattern, entry.path)) && !readersCover(input.provenance, entry.path)) === steering);
    }
  }
  if (rule.provenance !== undefined) {
    const { unproven, kinds, declared, tracked } = rule.provenance;
    const kindSet = kinds ? new Set(kinds) : undefined;
    if (tracked !== undefined) tests.push((input) => (input.provenance !== undefined) === tracked);
    if (declared !== undefined) tests.push((input) => (input.steersDeclared === true) === declared);
    // Without a tracker nothing is proven: a tool that declares steering arguments has unproven ones (fails closed).
    if (unproven !== undefined)
      tests.push((input) => (input.provenance === undefined ? input.steersDeclared === true : input.provenance.some((entry) => !entry.proven && (!kindSet || kindSet.has(entry.kind)))) === unproven);
  }
  if (tests.length === 0) return () => true;
  if (tests.length === 1) return tests[0]!;
  return (input) => {
    for (const test of tests) if (!test(input)) return false;
    return true;
  };
}

/** A declared steering pattern (`/to/*`) covers a taint at or under any place it names, or on the whole arguments. */
const patternParts = new Map<string, string[]>();

function coversPattern(pattern: string, taintPath: string): boolean {
  if (taintPath === "") return true;
  let want = patternParts.get(pattern);
  if (!want) {
    want = pattern.split("/");
    if (patternParts.size < 10_000) patternParts.set(pattern, want);
  }
  const got = taintPath.split("/");
  const shared = Math.min(want.length, got.length);
  for (let index = 0; index < shared; index++) if (want[index] !== "*" && want[index] !== got[index]) return false;
  return true;
}

function readersCover(provenance: readonly ArgumentProvenance[] | undefined, taintPath: string): boolean {
  if (!provenance || taintPath === "") return false;
  return provenance.some((entry) => entry.value === undefined && entry.proven && entry.sources.some((source) => source.origin === "readers") && (taintPath === entry.path || taintPath.startsWith(`${entry.path}/`)));
}

function covers(rulePath: string, taintPath: string): boolean {
  return taintPath === rulePath || taintPath.startsWith(`${rulePath}/`) || rulePath.startsWith(`${taintPath}/`) || taintPath === "";
}
