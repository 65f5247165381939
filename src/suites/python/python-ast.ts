// The Python expression nodes the BFCL decoder, the multi-turn runtime and AgentDojo's evaluator work on, named after Python's `ast` module.
import type { PyValue } from "./py-value.js";

export type BinOperator = "+" | "-" | "*" | "/" | "//" | "%" | "**" | "@" | "<<" | ">>" | "|" | "^" | "&";
export type UnaryOperator = "-" | "+" | "~" | "not";
export type CompareOperator = "==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not in" | "is" | "is not";

export interface Keyword {
  /** null for `**mapping`. */
  arg: string | null;
  value: PyNode;
}

/** One `for target in iter if cond …` clause of a comprehension (ast.comprehension). */
export interface Comprehension {
  target: PyNode;
  iter: PyNode;
  ifs: PyNode[];
}

export type PyNode =
  /** `value` is the literal; `ellipsis` marks `...`; `kind` is "u" for a u-prefixed string (ast.unparse keeps it). */
  | { type: "Constant"; value: PyValue; ellipsis?: boolean; kind?: "u" }
  | { type: "JoinedStr"; source: string }
  | { type: "Name"; id: string }
  | { type: "Attribute"; value: PyNode; attr: string }
  | { type: "Call"; func: PyNode; args: PyNode[]; keywords: Keyword[] }
  | { type: "List"; elts: PyNode[] }
  | { type: "Tuple"; elts: PyNode[] }
  | { type: "Set"; elts: PyNode[] }
  /** A null key is `**mapping`. */
  | { type: "Dict"; keys: Array<PyNode | null>; values: PyNode[] }
  | { type: "UnaryOp"; op: UnaryOperator; operand: PyNode }
  | { type: "BinOp"; op: BinOperator; left: PyNode; right: PyNode }
  | { type: "BoolOp"; op: "and" | "or"; values: PyNode[] }
  | { type: "Compare"; left: PyNode; ops: CompareOperator[]; comparators: PyNode[] }
  | { type: "IfExp"; test: PyNode; body: PyNode; orelse: PyNode }
  | { type: "Lambda"; params: string; body: PyNode }
  | { type: "Subscript"; value: PyNode; slice: PyNode }
  | { type: "Slice"; lower: PyNode | null; upper: PyNode | null; step: PyNode | null }
  | { type: "Starred"; value: PyNode }
  | { type: "NamedExpr"; target: PyNode; value: PyNode }
  | { type: "ListComp"; elt: PyNode; generators: Comprehension[] }
  | { type: "SetComp"; elt: PyNode; generators: Comprehension[] }
  | { type: "GeneratorExp"; elt: PyNode; generators: Comprehension[] }
  | { type: "DictComp"; key: PyNode; value: PyNode; generators: Comprehension[] };

/** Python raised SyntaxError: the text is not one Python expression. */
export class PySyntaxError extends Error {
  override readonly name = "PySyntaxError";
  constructor(
    /** CPython's words for the error, without the position. */
    readonly reason: string,
    readonly position: number,
  ) {
    super(`${reason} (at ${position})`);
  }
}

/** Valid Python this module does not model (async comprehensions, await, yield, \N{...} escapes). */
export class PyUnsupportedSyntaxError extends Error {
  override readonly name = "PyUnsupportedSyntaxError";
  constructor(
    message: string,
    /** Where in the source, when the tokenizer knows. */
    readonly position?: number,
  ) {
    super(message);
  }
}
