// Parses one Python expression (ast.parse(..., mode="eval")) into nodes, raising where CPython raises SyntaxError.
import type { BinOperator, CompareOperator, Comprehension, Keyword, PyNode } from "./python-ast.js";
import { PySyntaxError, PyUnsupportedSyntaxError } from "./python-ast.js";
import { PyBytes } from "./py-bytes.js";
import type { Token } from "./tokenizer.js";
import { tokenize } from "./tokenizer.js";

const reservedWords = new Set([
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else",
  "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
  "return", "try", "while", "with", "yield",
]);

/** The body of `ast.parse(source, mode="eval")`. */
export function parsePythonExpression(source: string): PyNode {
  return parsePythonTokens(tokenize(source));
}

/** The same, from tokens already read (a caller that inspects the tokens first need not tokenize twice). */
export function parsePythonTokens(tokens: Token[]): PyNode {
  const parser = new Parser(tokens);
  const body = parser.expressions();
  while (parser.peek().kind === "newline") parser.next();
  if (parser.peek().kind !== "end") throw new PySyntaxError("invalid syntax", parser.peek().start);
  return body;
}

class Parser {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)] as Token;
  }

  next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return token;
  }

  private isOp(value: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === "op" && token.value === value;
  }

  private isKeyword(value: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === "name" && token.value === value;
  }

  /** Two items side by side: CPython suggests a comma when the second could start an expression. */
  private missingComma(): PySyntaxError {
    const token = this.peek();
    const startsExpression =
      token.kind === "number" ||
      token.kind === "string" ||
      (token.kind === "name" && (!reservedWords.has(token.value) || ["True", "False", "None", "not", "lambda", "await"].includes(token.value))) ||
      (token.kind === "op" && ["(", "[", "{", "...", "~"].includes(token.value));
    return new PySyntaxError(startsExpression ? "invalid syntax. Perhaps you forgot a comma?" : "invalid syntax", token.start);
  }

  private expectOp(value: string): void {
    if (!this.isOp(value)) throw new PySyntaxError(`expected '${value}'`, this.peek().start);
    this.next();
  }

  /** Top level: a bare comma makes a tuple. */
  expressions(): PyNode {
    const first = this.starNamedExpression();
    if (!this.isOp(",")) return first;
    const elts = [first];
    while (this.isOp(",")) {
      this.next();
      if (this.atSequenceEnd()) break;
      elts.push(this.starNamedExpression());
    }
    return { type: "Tuple", elts };
  }

  private atSequenceEnd(): boolean {
    const token = this.peek();
    return token.kind === "end" || token.kind === "newline" || (token.kind === "op" && [")", "]", "}"].includes(token.value));
  }

  private starNamedExpression(): PyNode {
    if (this.isOp("*")) {
      this.next();
      return { type: "Starred", value: this.bitwiseOr() };
    }
    return this.namedExpression();
  }

  private namedExpression(): PyNode {
    const token = this.peek();
    if (token.kind === "name" && !reservedWords.has(token.value) && this.isOp(":=", 1)) {
      this.next();
      this.next();
      return { type: "NamedExpr", target: { type: "Name", id: token.value }, value: this.expression() };
    }
    return this.expression();
  }

  expression(): PyNode {
    if (this.isKeyword("lambda")) return this.lambda();
    const body = this.disjunction();
    if (!this.isKeyword("if")) return body;
    this.next();
    const test = this.disjunction();
    if (!this.isKeyword("else")) throw new PySyntaxError("expected 'else' after 'if' expression", this.peek().start);
    this.next();
    return { type: "IfExp", test, body, orelse: this.expression() };
  }

  private lambda(): PyNode {
    this.next();
    const params: string[] = [];
    while (!this.isOp(":")) {
      const token = this.next();
      if (token.kind === "op" && (token.value === "*" || token.value === "**" || token.value === "/")) {
        const name = this.peek();
        if (token.value !== "/" && name.kind === "name") {
          this.next();
          params.push(`${token.value}${name.value}`);
        } else params.push(token.value);
      } else if (token.kind === "name" && !reservedWords.has(token.value)) {
        if (this.isOp("=")) {
          this.next();
          const start = this.index;
          this.expression();
          params.push(`${token.value}=${this.sourceSpan(start)}`);
        } else params.push(token.value);
      } else throw new PySyntaxError("invalid lambda parameters", token.start);
      if (this.isOp(",")) this.next();
      else if (!this.isOp(":")) throw new PySyntaxError("invalid lambda parameters", this.peek().start);
    }
    this.next();
    return { type: "Lambda", params: params.join(", "), body: this.expression() };
  }

  private sourceSpan(startIndex: number): string {
    // Lambda defaults are only ever printed back; keep their tokens' text.
    return this.tokens
      .slice(startIndex, this.index)
      .map((token) => ("value" in token ? String(token.kind === "string" ? token.source : token.value) : ""))
      .join(" ");
  }

  private disjunction(): PyNode {
    const first = this.conjunction();
    if (!this.isKeyword("or")) return first;
    const values = [first];
    while (this.isKeyword("or")) {
      this.next();
      values.push(this.conjunction());
    }
    return { type: "BoolOp", op: "or", values };
  }

  private conjunction(): PyNode {
    const first = this.inversion();
    if (!this.isKeyword("and")) return first;
    const values = [first];
    while (this.isKeyword("and")) {
      this.next();
      values.push(this.inversion());
    }
    return { type: "BoolOp", op: "and", values };
  }

  private inversion(): PyNode {
    if (this.isKeyword("not")) {
      this.next();
      return { type: "UnaryOp", op: "not", operand: this.inversion() };
    }
    return this.comparison();
  }

  private comparison(): PyNode {
    const left = this.bitwiseOr();
    const ops: CompareOperator[] = [];
    const comparators: PyNode[] = [];
    for (;;) {
      const op = this.compareOperator();
      if (!op) break;
      ops.push(op);
      comparators.push(this.bitwiseOr());
    }
    return ops.length === 0 ? left : { type: "Compare", left, ops, comparators };
  }

  private compareOperator(): CompareOperator | undefined {
    const token = this.peek();
    if (token.kind === "op" && ["==", "!=", "<", "<=", ">", ">="].includes(token.value)) {
      this.next();
      return token.value as CompareOperator;
    }
    if (this.isKeyword("in")) {
      this.next();
      return "in";
    }
    if (this.isKeyword("not") && this.isKeyword("in", 1)) {
      this.next();
      this.next();
      return "not in";
    }
    if (this.isKeyword("is")) {
      this.next();
      if (this.isKeyword("not")) {
        this.next();
        return "is not";
      }
      return "is";
    }
    return undefined;
  }

  private binaryLevel(operators: readonly string[], operand: () => PyNode): PyNode {
    let left = operand();
    for (;;) {
      const token = this.peek();
      if (token.kind !== "op" || !operators.includes(token.value)) return left;
      this.next();
      left = { type: "BinOp", op: token.value as BinOperator, left, right: operand() };
    }
  }

  private bitwiseOr = (): PyNode => this.binaryLevel(["|"], this.bitwiseXor);
  private bitwiseXor = (): PyNode => this.binaryLevel(["^"], this.bitwiseAnd);
  private bitwiseAnd = (): PyNode => this.binaryLevel(["&"], this.shift);
  private shift = (): PyNode => this.binaryLevel(["<<", ">>"], this.sum);
  private sum = (): PyNode => this.binaryLevel(["+", "-"], this.term);
  private term = (): PyNode => this.binaryLevel(["*", "/", "//", "%", "@"], this.factor);

  private factor = (): PyNode => {
    const token = this.peek();
    if (token.kind === "op" && (token.value === "-" || token.value === "+" || token.value === "~")) {
      this.next();
      return { type: "UnaryOp", op: token.value, operand: this.factor() };
    }
    return this.power();
  };

  private power(): PyNode {
    if (this.isKeyword("await")) throw new PyUnsupportedSyntaxError("await expressions are not decoded");
    const base = this.primary();
    if (!this.isOp("**")) return base;
    this.next();
    return { type: "BinOp", op: "**", left: base, right: this.factor() };
  }

  private primary(): PyNode {
    let node = this.atom();
    for (;;) {
      if (this.isOp(".")) {
        this.next();
        const name = this.next();
        if (name.kind !== "name" || reservedWords.has(name.value)) throw new PySyntaxError("invalid attribute name", name.start);
        node = { type: "Attribute", value: node, attr: name.value };
      } else if (this.isOp("(")) {
        this.next();
        node = this.call(node);
      } else if (this.isOp("[")) {
        this.next();
        node = { type: "Subscript", value: node, slice: this.slices() };
        this.expectOp("]");
      } else return node;
    }
  }

  private call(func: PyNode): PyNode {
    const args: PyNode[] = [];
    const keywords: Keyword[] = [];
    let sawKeyword = false;
    let sawDoubleStar = false;
    while (!this.isOp(")")) {
      const start = this.peek().start;
      if (this.isOp("**")) {
        this.next();
        keywords.push({ arg: null, value: this.expression() });
        sawDoubleStar = true;
      } else if (this.isOp("*")) {
        this.next();
        if (sawDoubleStar) throw new PySyntaxError("iterable argument unpacking follows keyword argument unpacking", start);
        args.push({ type: "Starred", value: this.expression() });
      } else if (this.peek().kind === "name" && this.isOp("=", 1)) {
        const name = this.next() as Extract<Token, { kind: "name" }>;
        if (reservedWords.has(name.value)) throw new PySyntaxError(`cannot assign to ${name.value}`, start);
        this.next();
        keywords.push({ arg: name.value, value: this.expression() });
        sawKeyword = true;
      } else {
        let value = this.namedExpression();
        if (this.isOp("=")) throw new PySyntaxError('expression cannot contain assignment, perhaps you meant "=="?', start);
        if (this.startsComprehension()) {
          // A bare generator is allowed only as the sole argument: `f(x for x in y)`.
          value = { type: "GeneratorExp", elt: value, generators: this.comprehensions() };
          if (args.length > 0 || keywords.length > 0 || !this.isOp(")")) throw new PySyntaxError("Generator expression must be parenthesized", start);
        }
        if (sawDoubleStar) throw new PySyntaxError("positional argument follows keyword argument unpacking", start);
        if (sawKeyword) throw new PySyntaxError("positional argument follows keyword argument", start);
        args.push(value);
      }
      if (this.isOp(",")) this.next();
      else if (!this.isOp(")")) throw this.missingComma();
    }
    this.next();
    return { type: "Call", func, args, keywords };
  }

  /** After every list item and call argument: one look at the next token, as cheap as the checks it replaced. */
  private startsComprehension(): boolean {
    const token = this.peek();
    if (token.kind !== "name") return false;
    return token.value === "for" || (token.value === "async" && this.isKeyword("for", 1));
  }

  /** The `for … in … if …` clauses after a comprehension's element (`element` is checked: `*x` cannot be one). */
  private comprehensions(element?: PyNode): Comprehension[] {
    if (element?.type === "Starred") throw new PySyntaxError("iterable unpacking cannot be used in comprehension", this.peek().start);
    const generators: Comprehension[] = [];
    while (this.startsComprehension()) {
      if (this.isKeyword("async")) throw new PyUnsupportedSyntaxError("asynchronous comprehensions are not modelled", this.peek().start);
      this.next();
      const target = this.forTargets();
      if (!this.isKeyword("in")) throw this.missingComma();
      this.next();
      const iter = this.disjunction();
      const ifs: PyNode[] = [];
      while (this.isKeyword("if")) {
        this.next();
        ifs.push(this.disjunction());
      }
      generators.push({ target, iter, ifs });
    }
    return generators;
  }

  /** `for a, (b, *c) in …`: what may be assigned to, as CPython's star_targets, refused with its wording otherwise. */
  private forTargets(): PyNode {
    const start = this.peek().start;
    const target = (): PyNode => {
      if (this.isOp("*")) {
        this.next();
        return { type: "Starred", value: this.bitwiseOr() };
      }
      return this.bitwiseOr();
    };
    const first = target();
    let node = first;
    if (this.isOp(",")) {
      const elts = [first];
      while (this.isOp(",")) {
        this.next();
        if (this.isKeyword("in")) break;
        elts.push(target());
      }
      node = { type: "Tuple", elts };
    }
    const invalid = assignmentProblem(node);
    if (invalid) throw new PySyntaxError(`cannot assign to ${invalid}`, start);
    return node;
  }

  /** A comprehension's closing bracket: anything else there is CPython's plain "invalid syntax". */
  private expectCloser(closer: string): void {
    if (!this.isOp(closer)) throw new PySyntaxError("invalid syntax", this.peek().start);
    this.next();
  }

  private slices(): PyNode {
    const first = this.slice();
    if (!this.isOp(",")) return first;
    const elts = [first];
    while (this.isOp(",")) {
      this.next();
      if (this.isOp("]")) break;
      elts.push(this.slice());
    }
    return { type: "Tuple", elts };
  }

  private slice(): PyNode {
    if (this.isOp("*")) {
      this.next();
      return { type: "Starred", value: this.bitwiseOr() };
    }
    const lower = this.isOp(":") ? null : this.namedExpression();
    if (!this.isOp(":")) return lower as PyNode;
    this.next();
    const upper = this.isOp(":") || this.isOp("]") || this.isOp(",") ? null : this.expression();
    let step: PyNode | null = null;
    if (this.isOp(":")) {
      this.next();
      step = this.isOp("]") || this.isOp(",") ? null : this.expression();
    }
    return { type: "Slice", lower, upper, step };
  }

  private atom(): PyNode {
    const token = this.next();
    switch (token.kind) {
      case "number":
        return { type: "Constant", value: token.value };
      case "string":
        return this.strings(token);
      case "name":
        if (token.value === "True") return { type: "Constant", value: true };
        if (token.value === "False") return { type: "Constant", value: false };
        if (token.value === "None") return { type: "Constant", value: null };
        if (reservedWords.has(token.value)) throw new PySyntaxError("invalid syntax", token.start);
        return { type: "Name", id: token.value };
      case "op":
        if (token.value === "...") return { type: "Constant", value: "...", ellipsis: true };
        if (token.value === "(") return this.parenthesized();
        if (token.value === "[") return this.list();
        if (token.value === "{") return this.braces();
        break;
    }
    throw new PySyntaxError("invalid syntax", token.start);
  }

  private strings(first: Extract<Token, { kind: "string" }>): PyNode {
    const parts = [first];
    while (this.peek().kind === "string") parts.push(this.next() as Extract<Token, { kind: "string" }>);
    if (parts.some((part) => part.bytes) && !parts.every((part) => part.bytes)) {
      throw new PySyntaxError("cannot mix bytes and nonbytes literals", first.start);
    }
    if (parts.some((part) => part.fstring)) return { type: "JoinedStr", source: parts.map((part) => part.source).join(" ") };
    const text = parts.map((part) => part.value).join("");
    if (first.bytes) return { type: "Constant", value: new PyBytes(text) };
    return first.uPrefix ? { type: "Constant", value: text, kind: "u" } : { type: "Constant", value: text };
  }

  private parenthesized(): PyNode {
    if (this.isOp(")")) {
      this.next();
      return { type: "Tuple", elts: [] };
    }
    if (this.isKeyword("yield")) throw new PyUnsupportedSyntaxError("yield expressions are not decoded");
    const first = this.starNamedExpression();
    if (this.startsComprehension()) {
      const generators = this.comprehensions(first);
      this.expectCloser(")");
      return { type: "GeneratorExp", elt: first, generators };
    }
    if (this.isOp(")")) {
      this.next();
      if (first.type === "Starred") throw new PySyntaxError("cannot use starred expression here", this.peek().start);
      return first;
    }
    const elts = [first];
    while (this.isOp(",")) {
      this.next();
      if (this.isOp(")")) break;
      elts.push(this.starNamedExpression());
    }
    if (!this.isOp(")")) throw this.missingComma();
    this.next();
    return { type: "Tuple", elts };
  }

  private list(): PyNode {
    const elts: PyNode[] = [];
    while (!this.isOp("]")) {
      elts.push(this.starNamedExpression());
      if (elts.length === 1 && this.startsComprehension()) {
        const elt = elts[0] as PyNode;
        const generators = this.comprehensions(elt);
        this.expectCloser("]");
        return { type: "ListComp", elt, generators };
      }
      if (this.isOp(",")) this.next();
      else if (!this.isOp("]")) throw this.missingComma();
    }
    this.next();
    return { type: "List", elts };
  }

  private braces(): PyNode {
    if (this.isOp("}")) {
      this.next();
      return { type: "Dict", keys: [], values: [] };
    }
    const firstIsDict = this.isOp("**") || this.startsDictItem();
    return firstIsDict ? this.dict() : this.set();
  }

  /** `{a: b` makes a dict and `{a` a set; decide by parsing the first expression ahead and rewinding. */
  private startsDictItem(): boolean {
    const mark = this.index;
    try {
      if (this.isOp("*")) return false;
      this.expression();
      return this.isOp(":");
    } catch {
      return false;
    } finally {
      this.index = mark;
    }
  }

  private dict(): PyNode {
    const keys: Array<PyNode | null> = [];
    const values: PyNode[] = [];
    while (!this.isOp("}")) {
      if (this.isOp("**")) {
        this.next();
        keys.push(null);
        values.push(this.bitwiseOr());
      } else {
        keys.push(this.expression());
        this.expectOp(":");
        values.push(this.expression());
      }
      if (keys.length === 1 && this.startsComprehension()) {
        if (keys[0] === null) throw new PySyntaxError("dict unpacking cannot be used in dict comprehension", this.peek().start);
        const generators = this.comprehensions();
        this.expectCloser("}");
        return { type: "DictComp", key: keys[0] as PyNode, value: values[0] as PyNode, generators };
      }
      if (this.isOp(",")) this.next();
      else if (!this.isOp("}")) throw this.missingComma();
    }
    this.next();
    return { type: "Dict", keys, values };
  }

  private set(): PyNode {
    const elts: PyNode[] = [];
    while (!this.isOp("}")) {
      elts.push(this.starNamedExpression());
      if (elts.length === 1 && this.startsComprehension()) {
        const elt = elts[0] as PyNode;
        const generators = this.comprehensions(elt);
        this.expectCloser("}");
        return { type: "SetComp", elt, generators };
      }
      if (this.isOp(",")) this.next();
      else if (!this.isOp("}")) throw this.missingComma();
    }
    this.next();
    return { type: "Set", elts };
  }
}

/** What CPython names when a node cannot be assigned to (`cannot assign to literal`), or undefined when it can. */
function assignmentProblem(node: PyNode): string | undefined {
  switch (node.type) {
    case "Name":
    case "Attribute":
    case "Subscript":
      return undefined;
    case "Starred":
      return assignmentProblem(node.value);
    case "Tuple":
    case "List":
      for (const elt of node.elts) {
        const problem = assignmentProblem(elt);
        if (problem) return problem;
      }
      return undefined;
    case "Constant":
      if (node.value === true || node.value === false || node.value === null) return String(node.value === null ? "None" : node.value ? "True" : "False");
      return node.ellipsis ? "ellipsis" : "literal";
    case "JoinedStr":
      return "f-string expression";
    case "Call":
      return "function call";
    case "Compare":
      return "comparison";
    case "Set":
      return "set display";
    case "Dict":
      return "dict literal";
    case "BoolOp":
    case "BinOp":
    case "UnaryOp":
      return "expression";
    default:
      return "expression";
  }
}
