// Reads evaluation cases from YAML, JSON or JSON Lines, and reports every problem as file:line with the fix.
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import type { Document } from "yaml";
import type { z } from "zod";
import type { EvalCase } from "./case-schema.js";
import { evalCaseSchema } from "./case-schema.js";

export interface CaseProblem {
  file: string;
  line: number;
  /** Where in the case, e.g. `expect.calls[0]`. */
  path: string;
  message: string;
}

/** A case file that cannot be used; `problems` lists every one found, each with its line. */
export class CaseFileError extends Error {
  override readonly name = "CaseFileError";
  readonly problems: CaseProblem[];
  constructor(problems: CaseProblem[]) {
    const shown = problems.slice(0, 10).map((problem) => `${problem.file}:${problem.line}: ${problem.path ? `${problem.path}: ` : ""}${problem.message}`);
    const more = problems.length > 10 ? [`… and ${problems.length - 10} more`] : [];
    super(`invalid case file:\n${[...shown, ...more].join("\n")}`);
    this.problems = problems;
  }
}

export type CaseFormat = "yaml" | "jsonl";

function caseFormatOf(file: string): CaseFormat {
  const extension = extname(file).toLowerCase();
  if (extension === ".jsonl" || extension === ".ndjson") return "jsonl";
  if (extension === ".yaml" || extension === ".yml" || extension === ".json") return "yaml";
  throw new CaseFileError([{ file, line: 1, path: "", message: `unknown case file type "${extension}"; use .yaml, .yml, .json or .jsonl` }]);
}

export function loadCaseFile(file: string): EvalCase[] {
  const format = caseFormatOf(file);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new CaseFileError([{ file, line: 1, path: "", message: `cannot read it (${(error as Error).message}); check the path` }]);
  }
  return parseCases(text, { file, format });
}

/** Parses and validates; throws CaseFileError listing every invalid case, so one fix round is enough. */
export function parseCases(text: string, options: { file: string; format: CaseFormat }): EvalCase[] {
  const { cases, problems, ids } = options.format === "jsonl" ? parseJsonLines(text, options.file) : parseYaml(text, options.file);
  const seen = new Map<string, number>();
  for (const { id, line } of ids) {
    const previous = seen.get(id);
    if (previous !== undefined) problems.push({ file: options.file, line, path: "id", message: `duplicate id ${id} (first at line ${previous}); ids key the result cache` });
    else seen.set(id, line);
  }
  if (problems.length > 0) throw new CaseFileError(problems.sort((a, b) => a.line - b.line));
  if (cases.length === 0) throw new CaseFileError([{ file: options.file, line: 1, path: "", message: "no cases found; write a list of cases" }]);
  return cases.map((entry) => entry.value);
}

interface Parsed {
  cases: Array<{ value: EvalCase; line: number }>;
  problems: CaseProblem[];
  /** Every id written, valid case or not, so duplicates are caught in one pass. */
  ids: Array<{ id: string; line: number }>;
}

function parseJsonLines(text: string, file: string): Parsed {
  const parsed: Parsed = { cases: [], problems: [], ids: [] };
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      parsed.problems.push({ file, line, path: "", message: `not valid JSON (${(error as Error).message}); each line must be one case object` });
      return;
    }
    if (isRecord(value) && typeof value.id === "string") parsed.ids.push({ id: value.id, line });
    const result = evalCaseSchema.safeParse(value);
    if (result.success) parsed.cases.push({ value: result.data, line });
    else for (const issue of result.error.issues) parsed.problems.push({ file, line, path: formatPath(issue.path), message: describeIssue(issue) });
  });
  return parsed;
}

function parseYaml(text: string, file: string): Parsed {
  const parsed: Parsed = { cases: [], problems: [], ids: [] };
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      const line = lineCounter.linePos(error.pos[0]).line;
      parsed.problems.push({ file, line, path: "", message: `YAML syntax: ${error.message.split("\n")[0]}` });
    }
    return parsed;
  }
  const root: unknown = document.toJS();
  // A bare list of cases, or { cases: [...] } so a file can carry other keys (comments, anchors) beside them.
  const wrapped = isRecord(root) && Array.isArray(root.cases);
  const list = wrapped ? (root as { cases: unknown[] }).cases : root;
  const prefix: Array<string | number> = wrapped ? ["cases"] : [];
  if (!Array.isArray(list)) {
    parsed.problems.push({ file, line: 1, path: "", message: "expected a list of cases (or { cases: [...] })" });
    return parsed;
  }
  list.forEach((value, index) => {
    const result = evalCaseSchema.safeParse(value);
    const caseLine = lineOf(document, lineCounter, [...prefix, index]);
    if (isRecord(value) && typeof value.id === "string") parsed.ids.push({ id: value.id, line: lineOf(document, lineCounter, [...prefix, index, "id"]) });
    if (result.success) {
      parsed.cases.push({ value: result.data, line: caseLine });
      return;
    }
    for (const issue of result.error.issues) {
      const path = issue.code === "unrecognized_keys" && issue.keys[0] !== undefined ? [...issue.path, issue.keys[0]] : issue.path;
      parsed.problems.push({
        file,
        line: lineOf(document, lineCounter, [...prefix, index, ...path.map(pathKey)]),
        path: `${caseLabel(value, index)}${formatPath(issue.path) ? `.${formatPath(issue.path)}` : ""}`,
        message: describeIssue(issue),
      });
    }
  });
  return parsed;
}

/** The line of the deepest node on `path` that exists (a missing key reports its parent's line). */
function lineOf(document: Document, lineCounter: LineCounter, path: Array<string | number>): number {
  for (let length = path.length; length >= 0; length--) {
    const node = document.getIn(path.slice(0, length), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return lineCounter.linePos(node.range[0]).line;
  }
  return 1;
}

function caseLabel(value: unknown, index: number): string {
  return isRecord(value) && typeof value.id === "string" ? `case ${value.id}` : `case #${index + 1}`;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}; remove or rename ${issue.keys.length > 1 ? "them" : "it"}`;
  if (issue.code === "invalid_union") {
    // The last alternative is the full function definition: its first complaint is the useful one.
    const detail = issue.errors.at(-1)?.[0];
    const where = detail && detail.path.length > 0 ? `${formatPath(detail.path)}: ` : "";
    return `expected a catalog tool name (a string) or a function definition { name, description, parameters }${detail ? ` (${where}${describeIssue(detail)})` : ""}`;
  }
  return issue.message;
}

function pathKey(key: PropertyKey): string | number {
  return typeof key === "number" ? key : String(key);
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === "number" ? `${text}[${key}]` : text === "" ? String(key) : `${text}.${String(key)}`), "");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
