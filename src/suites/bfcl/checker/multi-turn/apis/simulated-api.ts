// The shape every simulated BFCL API shares: Python-style public methods, a scenario loader and its public state.
import { bindArguments, type ParameterSpec } from "../../../../python/runtime/bind-arguments.js";
import { BoundMethod, ScriptObject } from "../../../../python/runtime/evaluate.js";
import type { PyDict, PyValue } from "../../../../python/py-value.js";

/** One public method: its parameters after `self` (with Python default objects) and its body. */
export interface ApiMethod {
  readonly parameters: readonly ParameterSpec[];
  readonly invoke: (args: PyValue[]) => PyValue;
}

/** Shorthand for a required parameter and one with a default. */
export const required = (name: string): ParameterSpec => ({ name });
export const optional = (name: string, defaultValue: PyValue): ParameterSpec => ({ name, default: defaultValue });

/** Sorted method names per API class: listing them no longer builds an instance's method table. */
const methodNamesByClass = new Map<unknown, readonly string[]>();

/**
 * A simulated API instance. Subclasses keep Python's attribute names and order in
 * {@link publicState} because the checker compares every public attribute between the model's
 * instance and the ground truth's, as `vars()` lists them.
 */
export abstract class SimulatedApi extends ScriptObject {
  private methodTable: ReadonlyMap<string, ApiMethod> | undefined;

  /** Builds the scenario from the question's initial_config for this class (already a private copy). */
  abstract loadScenario(scenario: PyDict, longContext: boolean): void;

  /** The public attributes (names not starting with `_`) in the order Python assigned them. */
  abstract publicState(): [string, PyValue][];

  protected abstract defineMethods(): Record<string, ApiMethod>;

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
    this.methodTable ??= new Map(Object.entries(this.defineMethods()));
    return this.methodTable;
  }

  attribute(name: string): PyValue | undefined {
    const method = this.methods().get(name);
    if (method) {
      const qualname = `${this.pyTypeName}.${name}`;
      return new BoundMethod(qualname, (positional, keywords) => method.invoke(bindArguments(qualname, method.parameters, positional, keywords)));
    }
    if (name.startsWith("_")) return undefined;
    return this.publicState().find(([attribute]) => attribute === name)?.[1];
  }
}
