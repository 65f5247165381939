// The shape every simulated BFCL API shares: Python-style public methods, a scenario loader and its public state.
import { bindArguments, type ParameterSpec } from "../../../../python/runtime/bind-arguments.js";
import { BoundMethod, ScriptObject } from "../../../../python/runtime/evaluate.js";
import type { PyDict, PyValue } from "../../../../python/py-value.js";

/**
 * One public method: its parameters after `self` (with Python default objects) and its body, which
 * takes the instance as `self` so that one table serves every instance of a class.
 */
export interface ApiMethod<Self extends SimulatedApi = SimulatedApi> {
  readonly parameters: readonly ParameterSpec[];
  // Method syntax (bivariant) so a class's ApiMethod<ThatClass> table fits the base signature.
  invoke(self: Self, args: PyValue[]): PyValue;
}

/** Shorthand for a required parameter and one with a default. */
export const required = (name: string): ParameterSpec => ({ name });
export const optional = (name: string, defaultValue: PyValue): ParameterSpec => ({ name, default: defaultValue });

/** Sorted method names per API class. */
const methodNamesByClass = new Map<unknown, readonly string[]>();
/**
 * Method tables per API class (or per {@link SimulatedApi.methodTableKey}), built by the first instance: the checker creates thousands of
 * instances per run, and building a table per instance cost ~50 ms of a cold run.
 */
const methodTables = new WeakMap<object, ReadonlyMap<string, ApiMethod>>();

/**
 * A simulated API instance. Subclasses keep Python's attribute names and order in
 * {@link publicState} because the checker compares every public attribute between the model's
 * instance and the ground truth's, as `vars()` lists them.
 */
export abstract class SimulatedApi extends ScriptObject {
  /** Builds the scenario from the question's initial_config for this class (a private copy, unless {@link readsScenarioOnly}). */
  abstract loadScenario(scenario: PyDict, longContext: boolean): void;

  /**
   * True for a class whose loadScenario neither changes the scenario nor keeps any list, dict or other mutable object
   * of it (it builds its own state from the values): it can read the shared decoded config instead of the deep copy
   * the reference makes, which is then unobservable.
   */
  get readsScenarioOnly(): boolean {
    return false;
  }

  /** The public attributes (names not starting with `_`) in the order Python assigned them. */
  abstract publicState(): [string, PyValue][];

  /**
   * The class's public methods. Called once per class (see {@link methods}), so the bodies must reach
   * the instance only through their `self` argument, never through `this`.
   */
  protected abstract defineMethods(): Record<string, ApiMethod>;

  /** What the method table depends on besides the class: a class whose defaults are per-run objects keys it by its own run. */
  protected methodTableKey(): object {
    return this.constructor;
  }

  /** Public method names, as `inspect.getmembers` would list them (sorted); the same for every instance of a class. */
  methodNames(): readonly string[] {
    let names = methodNamesByClass.get(this.constructor);
    if (!names) {
      names = [...this.methods().keys()].sort();
      methodNamesByClass.set(this.constructor, names);
    }
    return names;
  }

  methods(): ReadonlyMap<string, ApiMethod> {
    const key = this.methodTableKey();
    let table = methodTables.get(key);
    if (!table) {
      table = new Map(Object.entries(this.defineMethods()));
      methodTables.set(key, table);
    }
    return table;
  }

  attribute(name: string): PyValue | undefined {
    const method = this.methods().get(name);
    if (method) {
      const qualname = `${this.pyTypeName}.${name}`;
      return new BoundMethod(qualname, (positional, keywords) => method.invoke(this, bindArguments(qualname, method.parameters, positional, keywords)));
    }
    if (name.startsWith("_")) return undefined;
    return this.publicState().find(([attribute]) => attribute === name)?.[1];
  }
}
