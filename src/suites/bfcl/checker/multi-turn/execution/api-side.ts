// One side (the model's or the ground truth's) of one entry: its API instances and the reference's execute_multi_turn_func_call.
import { STATELESS_CLASSES, createApi } from "../apis/create-api.js";
import type { SimulatedApi } from "../apis/simulated-api.js";
import { parseExpression } from "../../../../python/runtime/call-syntax.js";
import { evaluate, type NameResolver } from "../../../../python/runtime/evaluate.js";
import { PyException } from "../../../../python/runtime/exceptions.js";
import { dumpsPyJson } from "../../../../python/py-json.js";
import { pyStr } from "../../../../python/py-repr.js";
import { PyDict, deepCopy, type PyValue } from "../../../../python/py-value.js";
import type { PyNode } from "../../../../python/python-ast.js";
import type { ReferenceRuntime } from "../reference-runtime.js";
import { processMethodCalls } from "./process-method-calls.js";

/** Function names the reference refuses before evaluating a call. */
const FORBIDDEN_CALLS = new Set(["kill", "exit", "quit", "remove", "unlink", "popen", "Popen", "run"]);

export interface EntryContext {
  /** The question's id (the reference derives instance names and the long-context flag from it). */
  id: string;
  initialConfig: PyDict;
  involvedClasses: readonly string[];
  longContext: boolean;
}

export type Side = "model" | "ground_truth";

/**
 * Parsed calls, shared by every side and entry of this thread. The reference eval()s each call after splicing in the
 * instance name, which holds the model name and the entry id, so the same call text never repeats across entries as
 * evaluated. Spliced with a stand-in name per class instead (`__toolgate_instance_<class>`), it does: the 4,625
 * ground-truth calls of the four multi-turn categories are 712 texts. A parse is kept only when evaluating it is
 * evaluating the real text: every stand-in landed where the real name becomes a `Name` node (not in a string literal,
 * not after a dot), the call held no stand-in itself, and the real names are plain identifiers (checked per side).
 * Anything else (and every text that does not parse) takes the uncached path, which reports what the reference reports.
 * ASTs are never mutated by evaluation, and constants are immutable (str, int as bigint, float as number, bool, None).
 */
const STAND_IN_PREFIX = "__toolgate_instance_";
interface StandIns {
  /** Method name → its class's stand-in, as instanceByMethod maps it to the instance name. */
  byMethod: ReadonlyMap<string, string>;
  /** Stand-in → class name. */
  classOf: ReadonlyMap<string, string>;
  /** Call text → its parse with stand-ins, or null when it must be parsed as the reference splices it. */
  parsed: Map<string, PyNode | null>;
}
/** By the classes of an entry (`involved_classes` joined): which method goes to which class depends on them alone. */
const standInsByClasses = new Map<string, StandIns>();
/** A bound on what one long-lived process keeps (a full BFCL multi-turn run holds ~2,000 texts). */
const maxCachedParses = 50_000;
let cachedParses = 0;
const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * How many `Name` nodes of `node` are one of `names`, for a node parseExpression admitted (the evaluable kinds); any other
 * kind makes the count NaN, which equals no count of occurrences, so its parse is not reused.
 */
function countNames(node: PyNode, names: ReadonlyMap<string, string>): number {
  switch (node.type) {
    case "Name":
      return names.has(node.id) ? 1 : 0;
    case "Constant":
      return 0;
    case "Attribute":
      return countNames(node.value, names);
    case "UnaryOp":
      return countNames(node.operand, names);
    case "Call": {
      let count = countNames(node.func, names);
      for (const arg of node.args) count += countNames(arg, names);
      for (const keyword of node.keywords) count += countNames(keyword.value, names);
      return count;
    }
    case "List":
    case "Tuple":
    case "Set": {
      let count = 0;
      for (const element of node.elts) count += countNames(element, names);
      return count;
    }
    case "Dict": {
      let count = 0;
      for (const key of node.keys) if (key !== null) count += countNames(key, names);
      for (const value of node.values) count += countNames(value, names);
      return count;
    }
    default:
      return Number.NaN;
  }
}

function occurrences(text: string, part: string): number {
  let count = 0;
  for (let at = text.indexOf(part); at !== -1; at = text.indexOf(part, at + part.length)) count++;
  return count;
}

/** How the reference stringifies a call's return value: str as is, dict as JSON (repr if that fails), else str(). */
export function stringifyResult(result: PyValue): string {
  if (typeof result === "string") return result;
  if (result instanceof PyDict) {
    try {
      return dumpsPyJson(result);
    } catch (error) {
      if (!(error instanceof PyException)) throw error;
      return pyStr(result);
    }
  }
  return pyStr(result);
}

/**
 * The instances one side of an entry works on. They are created on the first execution and kept
 * across turns, exactly as the reference keeps them in its module globals.
 */
export class ApiSide {
  private readonly instances = new Map<string, SimulatedApi>();
  private readonly instanceNames = new Map<string, string>();
  private readonly instanceNameByClass = new Map<string, string>();
  /** Method name → the instance name the reference rewrites calls to; the same for every step, so built once. */
  private instanceByMethod: Map<string, string> | undefined;
  /** The same with each class's stand-in name, and what a parse cached under it may use (see standInsByClasses). */
  private standIns: (StandIns & { resolve: NameResolver }) | null | undefined;

  constructor(
    private readonly runtime: ReferenceRuntime,
    private readonly entry: EntryContext,
    private readonly side: Side,
  ) {}

  private instanceName(className: string): string {
    let name = this.instanceNameByClass.get(className);
    if (name === undefined) {
      const modelName = this.side === "model" ? `${this.runtime.modelName}_eval` : `${this.runtime.modelName}_ground_truth_eval`;
      name = `${modelName}_${this.entry.id}_${className}_instance`.replace(/[-./:]/g, "_");
      this.instanceNameByClass.set(className, name);
    }
    return name;
  }

  private ensureInstances(): void {
    for (const className of this.entry.involvedClasses) {
      if (this.instances.has(className)) continue;
      const instance = createApi(className, this.runtime);
      if (!STATELESS_CLASSES.has(className)) {
        const config = this.entry.initialConfig.get(className);
        const scenario = config instanceof PyDict ? (instance.readsScenarioOnly ? config : (deepCopy(config) as PyDict)) : new PyDict();
        instance.loadScenario(scenario, this.entry.longContext);
      }
      this.instances.set(className, instance);
      this.instanceNames.set(this.instanceName(className), className);
    }
  }

  /** The instances by class name, in `involved_classes` order (created if this side never ran yet). */
  apis(): ReadonlyMap<string, SimulatedApi> {
    this.ensureInstances();
    return this.instances;
  }

  private methodInstances(): Map<string, string> {
    if (this.instanceByMethod) return this.instanceByMethod;
    const instanceByMethod = new Map<string, string>();
    for (const className of this.entry.involvedClasses) {
      const instance = this.instances.get(className) as SimulatedApi;
      const name = this.instanceName(className);
      for (const method of instance.methodNames()) instanceByMethod.set(method, name);
    }
    this.instanceByMethod = instanceByMethod;
    return instanceByMethod;
  }

  /** What a name in a call refers to: one of this side's instances by its real name, else nothing (NameError). */
  private readonly resolve: NameResolver = (name) => {
    const className = this.instanceNames.get(name);
    return className === undefined ? undefined : this.instances.get(className);
  };

  /** Stand-in names for this side's classes, or null when a real instance name is not a plain identifier. */
  private standInNames(): NonNullable<ApiSide["standIns"]> | null {
    if (this.standIns !== undefined) return this.standIns;
    const classes = this.entry.involvedClasses;
    if (!classes.every((className) => PLAIN_IDENTIFIER.test(this.instanceName(className)))) {
      this.standIns = null;
      return null;
    }
    const key = classes.join(",");
    let shared = standInsByClasses.get(key);
    if (shared === undefined) {
      const byMethod = new Map<string, string>();
      const classOf = new Map<string, string>();
      for (const className of classes) {
        const standIn = `${STAND_IN_PREFIX}${className}`;
        classOf.set(standIn, className);
        for (const method of (this.instances.get(className) as SimulatedApi).methodNames()) byMethod.set(method, standIn);
      }
      shared = { byMethod, classOf, parsed: new Map() };
      standInsByClasses.set(key, shared);
    }
    const { classOf } = shared;
    const resolve: NameResolver = (name) => {
      const className = classOf.get(name);
      return className === undefined ? this.resolve(name) : this.instances.get(className);
    };
    this.standIns = { ...shared, resolve };
    return this.standIns;
  }

  /** The cached parse of `call` as spliced with stand-ins, or undefined when the call must be parsed as the reference splices it. */
  private cachedParse(call: string): { node: PyNode; resolve: NameResolver } | undefined {
    const standIns = this.standInNames();
    if (standIns === null) return undefined;
    let node = standIns.parsed.get(call);
    if (node === undefined) {
      node = null;
      if (!call.includes(STAND_IN_PREFIX)) {
        const spliced = processMethodCalls(call, standIns.byMethod);
        let name = spliced.includes("(") ? (spliced.split("(")[0] as string) : spliced;
        if (name.includes(".")) name = name.split(".")[1] as string;
        if (!FORBIDDEN_CALLS.has(name)) {
          try {
            const parsed = parseExpression(spliced);
            if (countNames(parsed, standIns.classOf) === occurrences(spliced, STAND_IN_PREFIX)) node = parsed;
          } catch (error) {
            if (!(error instanceof PyException)) throw error;
          }
        }
      }
      if (cachedParses >= maxCachedParses) {
        for (const shared of standInsByClasses.values()) shared.parsed.clear();
        cachedParses = 0;
      }
      standIns.parsed.set(call, node);
      cachedParses++;
    }
    return node === null ? undefined : { node, resolve: standIns.resolve };
  }

  /** Runs one step's call strings; each yields its stringified result or `Error during execution: …`. */
  execute(calls: readonly string[]): string[] {
    this.ensureInstances();
    const instanceByMethod = this.methodInstances();
    return calls.map((call) => {
      const cached = this.cachedParse(call);
      if (cached !== undefined) {
        try {
          return stringifyResult(evaluate(cached.node, cached.resolve));
        } catch (error) {
          if (error instanceof PyException) return `Error during execution: ${error.pyMessage}`;
          throw error;
        }
      }
      const processed = processMethodCalls(call, instanceByMethod);
      try {
        let name = processed.includes("(") ? (processed.split("(")[0] as string) : processed;
        if (name.includes(".")) name = name.split(".")[1] as string;
        if (FORBIDDEN_CALLS.has(name)) throw new PyException("Exception", `Function call ${name} is not allowed.`);
        return stringifyResult(evaluate(parseExpression(processed), this.resolve));
      } catch (error) {
        if (error instanceof PyException) return `Error during execution: ${error.pyMessage}`;
        throw error;
      }
    });
  }
}
