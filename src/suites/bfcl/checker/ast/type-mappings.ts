// Which Python type each function-doc type must decode to, per language, as in BFCL's type mappings.
import type { PyTypeName } from "../../../python/py-value.js";

/** A Python class name; `set` only appears for Java's Set, which BFCL never converts. */
export type ExpectedType = PyTypeName | "set";

export type Language = "python" | "java" | "javascript";

export const pythonTypes: Readonly<Record<string, ExpectedType>> = {
  string: "str",
  integer: "int",
  float: "float",
  boolean: "bool",
  array: "list",
  tuple: "list",
  dict: "dict",
  any: "str",
};

export const javaTypes: Readonly<Record<string, ExpectedType>> = {
  byte: "int",
  short: "int",
  integer: "int",
  float: "float",
  double: "float",
  long: "int",
  boolean: "bool",
  char: "str",
  Array: "list",
  ArrayList: "list",
  Set: "set",
  HashMap: "dict",
  Hashtable: "dict",
  Queue: "list",
  Stack: "list",
  String: "str",
  any: "str",
};

export const javascriptTypes: Readonly<Record<string, ExpectedType>> = {
  String: "str",
  integer: "int",
  float: "float",
  Bigint: "int",
  Boolean: "bool",
  dict: "dict",
  array: "list",
  any: "str",
};

/** Python checks the items of these one level deep. */
export const pythonNestedTypes: ReadonlySet<string> = new Set(["array", "tuple"]);
/** Java and JavaScript convert the items of these with the item type. */
export const convertedNestedTypes: ReadonlySet<string> = new Set(["Array", "ArrayList", "array"]);

export const typeTableFor = (language: Language): Readonly<Record<string, ExpectedType>> =>
  language === "java" ? javaTypes : language === "javascript" ? javascriptTypes : pythonTypes;

/** Looks a type up the way BFCL indexes its dicts: own keys only, a missing one raises KeyError. */
export function lookupType(table: Readonly<Record<string, ExpectedType>>, type: string): ExpectedType | undefined {
  return Object.hasOwn(table, type) ? table[type] : undefined;
}
