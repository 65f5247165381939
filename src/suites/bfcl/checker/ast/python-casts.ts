// Python's int() and float() on text, as BFCL's type converters call them: a value they cannot parse crashes the checker.
import { BfclCheckerCrash } from "../errors.js";
import { pyFloatFromString, pyIntFromString } from "../../../python/py-text.js";

export function pyInt(text: string): bigint {
  const value = pyIntFromString(text);
  if (value === undefined) throw new BfclCheckerCrash(`invalid literal for int() with base 10: '${text}'`);
  return value;
}

export function pyFloat(text: string): number {
  const value = pyFloatFromString(text);
  if (value === undefined) throw new BfclCheckerCrash(`could not convert string to float: '${text}'`);
  return value;
}
