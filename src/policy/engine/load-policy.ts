// Loads a policy from a YAML file or a TypeScript object: validates it, reports every problem with file:line, and compiles it.
import { readFileSync } from "node:fs";
import type { Document } from "yaml";
import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { RuleCompileError } from "./compile-rule.js";
import type { EnginePolicy, EnginePolicyOptions } from "./engine-policy.js";
import { createEnginePolicy } from "./engine-policy.js";
import type { PolicyDocument, PolicyDocumentInput } from "./policy-document.js";
import { policyDocumentSchema } from "./policy-document.js";

export interface PolicyProblem {
  /** The file, or "(policy object)" for a TypeScript policy. */
  source: string;
  line?: number;
  /** Where in the document, e.g. rules[2].effect. */
  path: string;
  message: string;
}

/** A policy that cannot be used; the message lists every problem as `file:line: path: what to fix`. */
export class PolicyFileError extends Error {
  override readonly name = "PolicyFileError";
  constructor(readonly problems: PolicyProblem[]) {
    super(problems.map(formatProblem).join("\n"));
  }
}

export function formatProblem(problem: PolicyProblem): string {
  return `${problem.source}${problem.line === undefined ? "" : `:${problem.line}`}: ${problem.path ? `${problem.path}: ` : ""}${problem.message}`;
}

/** A file path (YAML) or a policy object; throws PolicyFileError naming every problem. */
export function loadPolicy(source: string | PolicyDocumentInput, options: EnginePolicyOptions): EnginePolicy {
  const checked = typeof source === "string" ? checkPolicyText(readPolicyFile(source), source) : checkPolicyObject(source);
  if (!checked.ok) throw new PolicyFileError(checked.problems);
  try {
    return createEnginePolicy(checked.document, options);
  } catch (error) {
    if (error instanceof RuleCompileError) {
      const line = checked.locate?.(error.path);
      throw new PolicyFileError([{ source: typeof source === "string" ? source : "(policy object)", ...(line === undefined ? {} : { line }), path: formatPath(error.path), message: error.message }]);
    }
    throw error;
  }
}

export type Checked = { ok: true; document: PolicyDocument; locate?: (path: Array<string | number>) => number } | { ok: false; problems: PolicyProblem[] };

function readPolicyFile(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new PolicyFileError([{ source: file, path: "", message: `cannot read the policy file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check the --policy path` }]);
  }
}

export function checkPolicyText(text: string, file: string): Checked {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    return { ok: false, problems: document.errors.map((error) => ({ source: file, line: lineCounter.linePos(error.pos[0]).line, path: "", message: `YAML syntax: ${error.message.split("\n")[0]}` })) };
  }
  const locate = (path: Array<string | number>) => lineOf(document, lineCounter, path);
  const result = policyDocumentSchema.safeParse(document.toJS());
  if (!result.success) return { ok: false, problems: issuesToProblems(result.error.issues, file, locate) };
  return { ok: true, document: result.data, locate };
}

function checkPolicyObject(value: PolicyDocumentInput): Checked {
  const result = policyDocumentSchema.safeParse(value);
  if (!result.success) return { ok: false, problems: issuesToProblems(result.error.issues, "(policy object)") };
  return { ok: true, document: result.data };
}

function issuesToProblems(issues: z.core.$ZodIssue[], source: string, locate?: (path: Array<string | number>) => number): PolicyProblem[] {
  return issues.map((issue) => {
    const path = issue.path.map((key) => (typeof key === "symbol" ? String(key) : key));
    const located = issue.code === "unrecognized_keys" && issue.keys[0] !== undefined ? [...path, issue.keys[0]] : path;
    const message = issue.code === "unrecognized_keys" ? `unknown field ${issue.keys.map((key) => `"${key}"`).join(", ")}; remove it or check its spelling` : issue.message;
    return { source, ...(locate ? { line: locate(located) } : {}), path: formatPath(path), message };
  });
}

function formatPath(path: Array<string | number>): string {
  return path.map((key, index) => (typeof key === "number" ? `[${key}]` : index === 0 ? key : `.${key}`)).join("");
}

/** The line of the deepest node on `path` that exists (a missing key reports its parent's line). */
function lineOf(document: Document, lineCounter: LineCounter, path: Array<string | number>): number {
  for (let length = path.length; length >= 0; length--) {
    const node = document.getIn(path.slice(0, length), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return lineCounter.linePos(node.range[0]).line;
  }
  return 1;
}
