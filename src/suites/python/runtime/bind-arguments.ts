// Python's binding of call arguments to a method's parameters, with CPython 3.13's TypeError wording.
import { typeError } from "./exceptions.js";
import { suggestName } from "./suggestions.js";
import type { PyValue } from "../py-value.js";

export interface ParameterSpec {
  readonly name: string;
  /** The default value object; shared between calls, exactly like a Python default. */
  readonly default?: PyValue;
}

function formatNames(names: string[]): string {
  const quoted = names.map((name) => `'${name}'`);
  if (quoted.length === 1) return quoted[0] as string;
  if (quoted.length === 2) return `${quoted[0]} and ${quoted[1]}`;
  return `${quoted.slice(0, -2).join(", ")}, ${quoted[quoted.length - 2]}, and ${quoted[quoted.length - 1]}`;
}

/**
 * Binds positional and keyword arguments of `qualname(self, …params)` the way CPython's frame
 * setup does: unknown keywords first (with a suggestion), then repeated values, too many
 * positionals, missing required ones. Returns one value per parameter, defaults filled in.
 */
export function bindArguments(
  qualname: string,
  parameters: readonly ParameterSpec[],
  positional: readonly PyValue[],
  keywords: readonly (readonly [string, PyValue])[],
): PyValue[] {
  return bindWithoutError(parameters, positional, keywords) ?? bindOrRaise(qualname, parameters, positional, keywords);
}

/** The binding when the call is well-formed, built in one array; undefined sends the call to {@link bindOrRaise}. */
function bindWithoutError(parameters: readonly ParameterSpec[], positional: readonly PyValue[], keywords: readonly (readonly [string, PyValue])[]): PyValue[] | undefined {
  const count = parameters.length;
  if (positional.length > count) return undefined;
  const bound = new Array<PyValue | undefined>(count);
  for (let index = 0; index < positional.length; index += 1) bound[index] = positional[index];
  for (const [keyword, value] of keywords) {
    let index = 0;
    while (index < count && (parameters[index] as ParameterSpec).name !== keyword) index += 1;
    if (index === count || bound[index] !== undefined) return undefined;
    bound[index] = value;
  }
  for (let index = 0; index < count; index += 1) {
    if (bound[index] !== undefined) continue;
    const parameter = parameters[index] as ParameterSpec;
    if (!("default" in parameter)) return undefined;
    bound[index] = parameter.default;
  }
  return bound as PyValue[];
}

/** The binding, or the TypeError CPython raises, checked in CPython's order. */
function bindOrRaise(
  qualname: string,
  parameters: readonly ParameterSpec[],
  positional: readonly PyValue[],
  keywords: readonly (readonly [string, PyValue])[],
): PyValue[] {
  // Python counts `self` among the parameters and the given positionals.
  const names = ["self", ...parameters.map((parameter) => parameter.name)];
  const slots: (PyValue | undefined)[] = new Array(names.length).fill(undefined);
  const given = positional.length + 1;
  slots[0] = null;
  for (let index = 0; index < Math.min(positional.length, parameters.length); index += 1) slots[index + 1] = positional[index];
  for (const [keyword, value] of keywords) {
    const index = names.indexOf(keyword);
    if (index < 0) {
      const suggestion = suggestName(keyword, names);
      const hint = suggestion === undefined ? "" : `. Did you mean '${suggestion}'?`;
      throw typeError(`${qualname}() got an unexpected keyword argument '${keyword}'${hint}`);
    }
    if (slots[index] !== undefined) throw typeError(`${qualname}() got multiple values for argument '${keyword}'`);
    slots[index] = value;
  }
  if (given > names.length) {
    const defaults = parameters.filter((parameter) => "default" in parameter).length;
    const signature = defaults ? `from ${names.length - defaults} to ${names.length}` : String(names.length);
    const plural = defaults || names.length !== 1 ? "s" : "";
    throw typeError(`${qualname}() takes ${signature} positional argument${plural} but ${given} ${given === 1 ? "was" : "were"} given`);
  }
  const missing = parameters.filter((parameter, index) => slots[index + 1] === undefined && !("default" in parameter));
  if (missing.length > 0) {
    const plural = missing.length === 1 ? "" : "s";
    throw typeError(`${qualname}() missing ${missing.length} required positional argument${plural}: ${formatNames(missing.map((parameter) => parameter.name))}`);
  }
  return parameters.map((parameter, index) => {
    const bound = slots[index + 1];
    return bound === undefined ? (parameter.default as PyValue) : bound;
  });
}
