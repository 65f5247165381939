// The defects verify reports: a stable kind, a severity, where in the row, and whether `--fix` can repair it losslessly.
import type { RowProblem } from "../record.js";

export type Severity = "error" | "warning";

export interface Defect {
  kind: string;
  severity: Severity;
  /** JSON-path-like location inside the row. */
  field?: string;
  message: string;
  /** True when `verify --fix` repairs it without losing information. */
  fixable?: boolean;
}

export interface LocatedDefect extends Defect {
  rowId: string;
  file?: string;
  line?: number;
  index?: number;
}

/** An importer's rejection, reported as an error defect of its own kind. */
export function defectFromProblem(problem: RowProblem): LocatedDefect {
  const defect: LocatedDefect = { kind: `rejected:${problem.kind}`, severity: "error", message: problem.message, rowId: problem.rowId ?? "?" };
  if (problem.field !== undefined) defect.field = problem.field;
  if (problem.file !== undefined) defect.file = problem.file;
  if (problem.line !== undefined) defect.line = problem.line;
  if (problem.index !== undefined) defect.index = problem.index;
  return defect;
}
