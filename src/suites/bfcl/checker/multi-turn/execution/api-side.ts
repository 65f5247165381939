// One side (the model's or the ground truth's) of one entry: its API instances and the reference's execute_multi_turn_func_call.
import { STATELESS_CLASSES, createApi } from "../apis/create-api.js";
import type { SimulatedApi } from "../apis/simulated-api.js";
import { parseExpression } from "../../../../python/runtime/call-syntax.js";
import { evaluate } from "../../../../python/runtime/evaluate.js";
import { PyException } from "../../../../python/runtime/exceptions.js";
import { dumpsPyJson } from "../../../../python/py-json.js";
import { pyStr } from "../../../../python/py-repr.js";
import { PyDict, deepCopy, type PyValue } from "../../../../python/py-value.js";
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
        instance.loadScenario(config instanceof PyDict ? (deepCopy(config) as PyDict) : new PyDict(), this.entry.longContext);
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

  /** Runs one step's call strings; each yields its stringified result or `Error during execution: …`. */
  execute(calls: readonly string[]): string[] {
    this.ensureInstances();
    const instanceByMethod = this.methodInstances();
    const resolve = (name: string): PyValue | undefined => {
      const className = this.instanceNames.get(name);
      return className === undefined ? undefined : (this.instances.get(className) as SimulatedApi);
    };
    return calls.map((call) => {
      const processed = processMethodCalls(call, instanceByMethod);
      try {
        let name = processed.includes("(") ? (processed.split("(")[0] as string) : processed;
        if (name.includes(".")) name = name.split(".")[1] as string;
        if (FORBIDDEN_CALLS.has(name)) throw new PyException("Exception", `Function call ${name} is not allowed.`);
        return stringifyResult(evaluate(parseExpression(processed), resolve));
      } catch (error) {
        if (error instanceof PyException) return `Error during execution: ${error.pyMessage}`;
        throw error;
      }
    });
  }
}
