// Python's ast.unparse for the nodes the decoder produces: BFCL turns calls without keywords and subscripts into this text.
import type { Comprehension, PyNode } from "./python-ast.js";
import { PyUnsupportedSyntaxError } from "./python-ast.js";
import { pyRepr } from "./py-repr.js";
import { PyComplex } from "./py-complex.js";

// CPython's _Precedence order; a child is parenthesised when its own precedence is lower than its context needs.
const P = { NAMED_EXPR: 1, TUPLE: 2, YIELD: 3, TEST: 4, OR: 5, AND: 6, NOT: 7, CMP: 8, BOR: 9, BXOR: 10, BAND: 11, SHIFT: 12, ARITH: 13, TERM: 14, FACTOR: 15, POWER: 16, AWAIT: 17, ATOM: 18 } as const;

const binaryPrecedence: Record<string, number> = {
  "+": P.ARITH, "-": P.ARITH, "*": P.TERM, "@": P.TERM, "/": P.TERM, "%": P.TERM, "//": P.TERM,
  "<<": P.SHIFT, ">>": P.SHIFT, "|": P.BOR, "^": P.BXOR, "&": P.BAND, "**": P.POWER,
};

const next = (precedence: number): number => Math.min(precedence + 1, P.ATOM);

/** ast.unparse(node): the context precedence of a node unparsed on its own is TEST. */
export function unparse(node: PyNode, context: number = P.TEST): string {
  const parens = (own: number, text: string): string => (context > own ? `(${text})` : text);
  switch (node.type) {
    case "Constant":
      if (node.ellipsis) return "...";
      if (typeof node.value === "number" || node.value instanceof PyComplex) {
        return pyRepr(node.value).replaceAll("inf", "1e309").replaceAll("nan", "(1e309-1e309)");
      }
      return (node.kind === "u" ? "u" : "") + pyRepr(node.value);
    case "Name":
      return node.id;
    case "JoinedStr":
      throw new PyUnsupportedSyntaxError("f-strings are not unparsed");
    case "Attribute": {
      const intBase = node.value.type === "Constant" && typeof node.value.value === "bigint";
      return `${unparse(node.value, P.ATOM)}${intBase ? " " : ""}.${node.attr}`;
    }
    case "Call": {
      const parts = [
        ...node.args.map((arg) => unparse(arg)),
        ...node.keywords.map((keyword) => (keyword.arg === null ? "**" : `${keyword.arg}=`) + unparse(keyword.value)),
      ];
      return `${unparse(node.func, P.ATOM)}(${parts.join(", ")})`;
    }
    case "Subscript": {
      const slice = node.slice.type === "Tuple" && node.slice.elts.length > 0 ? itemsView(node.slice.elts) : unparse(node.slice);
      return `${unparse(node.value, P.ATOM)}[${slice}]`;
    }
    case "Slice":
      return `${node.lower ? unparse(node.lower) : ""}:${node.upper ? unparse(node.upper) : ""}${node.step ? `:${unparse(node.step)}` : ""}`;
    case "Starred":
      return `*${unparse(node.value, P.BOR)}`;
    case "List":
      return `[${node.elts.map((elt) => unparse(elt)).join(", ")}]`;
    case "Tuple": {
      const text = itemsView(node.elts);
      return node.elts.length === 0 || context > P.TUPLE ? `(${text})` : text;
    }
    case "Set":
      return node.elts.length > 0 ? `{${node.elts.map((elt) => unparse(elt)).join(", ")}}` : "{*()}";
    case "Dict":
      return `{${node.keys
        .map((key, i) => (key === null ? `**${unparse(node.values[i] as PyNode, P.BOR)}` : `${unparse(key)}: ${unparse(node.values[i] as PyNode)}`))
        .join(", ")}}`;
    case "UnaryOp": {
      if (node.op === "not") return parens(P.NOT, `not ${unparse(node.operand, P.NOT)}`);
      return parens(P.FACTOR, `${node.op}${unparse(node.operand, P.FACTOR)}`);
    }
    case "BinOp": {
      const own = binaryPrecedence[node.op] as number;
      const rightAssoc = node.op === "**";
      const left = unparse(node.left, rightAssoc ? next(own) : own);
      const right = unparse(node.right, rightAssoc ? own : next(own));
      return parens(own, `${left} ${node.op} ${right}`);
    }
    case "Compare": {
      const operand = next(P.CMP);
      const rest = node.ops.map((op, i) => ` ${op} ${unparse(node.comparators[i] as PyNode, operand)}`).join("");
      return parens(P.CMP, unparse(node.left, operand) + rest);
    }
    case "BoolOp": {
      const own = node.op === "and" ? P.AND : P.OR;
      // CPython raises the level for every further operand, so `a or (b or c)` keeps its parentheses.
      let level: number = own;
      const text = node.values
        .map((value) => {
          level = next(level);
          return unparse(value, level);
        })
        .join(` ${node.op} `);
      return parens(own, text);
    }
    case "IfExp":
      return parens(P.TEST, `${unparse(node.body, next(P.TEST))} if ${unparse(node.test, next(P.TEST))} else ${unparse(node.orelse, P.TEST)}`);
    case "Lambda":
      return parens(P.TEST, `lambda${node.params ? ` ${node.params}` : ""}: ${unparse(node.body, P.TEST)}`);
    case "NamedExpr":
      return parens(P.NAMED_EXPR, `${unparse(node.target, P.ATOM)} := ${unparse(node.value, P.ATOM)}`);
    case "ListComp":
      return `[${unparse(node.elt)}${clauses(node.generators)}]`;
    case "SetComp":
      return `{${unparse(node.elt)}${clauses(node.generators)}}`;
    case "GeneratorExp":
      return `(${unparse(node.elt)}${clauses(node.generators)})`;
    case "DictComp":
      return `{${unparse(node.key)}: ${unparse(node.value)}${clauses(node.generators)}}`;
  }
}

/** CPython's visit_comprehension: the target at tuple level (bare `a, b`), the iterable and conditions above a test. */
function clauses(generators: Comprehension[]): string {
  return generators
    .map(({ target, iter, ifs }) => ` for ${unparse(target, P.TUPLE)} in ${unparse(iter, next(P.TEST))}${ifs.map((test) => ` if ${unparse(test, next(P.TEST))}`).join("")}`)
    .join("");
}

function itemsView(elts: PyNode[]): string {
  if (elts.length === 1) return `${unparse(elts[0] as PyNode)},`;
  return elts.map((elt) => unparse(elt)).join(", ");
}
