// BFCL questions as evaluation cases: the first turn, the question's functions, and BFCL's possible answers as expectations.
import type { BfclLine } from "../checker/index.js";
import { field, languageOf, loadGroundTruth, loadQuestions, runnerOf } from "../checker/index.js";
import type { EvalCase, EvalCaseInput } from "../../../eval/index.js";
import { evalCaseSchema } from "../../../eval/index.js";
import type { BfclEntrySource } from "./bfcl-argument-checker.js";
import { BfclSuiteError } from "./bfcl-suite-name.js";

export interface BfclCases {
  cases: EvalCase[];
  /** Per case id, the functions and possible answer exactly as BFCL decoded them, for the argument checker. */
  sources: Map<string, BfclEntrySource>;
}

interface BfclQuestion {
  id: string;
  question: Array<Array<{ role: string; content: string }>>;
  function: Array<{ name: string; description?: string; parameters?: Record<string, unknown> }>;
}

/** `limit`: only the first n questions of each category (in BFCL's file order). */
export function loadBfclCases(options: { dataDir: string; categories: readonly string[]; limit?: number }): BfclCases {
  const cases: EvalCase[] = [];
  const sources = new Map<string, BfclEntrySource>();
  for (const category of options.categories) {
    const relevance = runnerOf(category) === "relevance";
    const questions = loadQuestions(options.dataDir, category);
    const answers = relevance ? undefined : loadGroundTruth(options.dataDir, category);
    const count = Math.min(questions.length, options.limit ?? questions.length);
    for (let index = 0; index < count; index++) {
      const line = questions[index] as BfclLine;
      const answer = answers?.[index];
      if (answers && answer?.id !== line.id) {
        throw new BfclSuiteError(`${category}: question ${line.id} has no possible answer in the same position; use an unmodified BFCL data directory`);
      }
      cases.push(caseOf(line, category, answer));
      if (answer) sources.set(line.id, { functions: field(line, "function"), groundTruth: field(answer, "ground_truth") });
    }
  }
  return { cases, sources };
}

function caseOf(line: BfclLine, category: string, answer: BfclLine | undefined): EvalCase {
  const question = JSON.parse(line.text) as BfclQuestion;
  const firstTurn = question.question[0] ?? [];
  const input: EvalCaseInput = {
    id: line.id,
    category,
    language: languageOf(category),
    messages: firstTurn.map((message) => ({ role: message.role as "system" | "user" | "assistant", content: message.content })),
    tools: question.function.map((doc) => ({ name: doc.name, description: doc.description ?? "", parameters: doc.parameters ?? { type: "dict", properties: {} } })),
    // BFCL scores a single-turn entry on the model's first response: one step is all that is asked for.
    max_steps: 1,
    expect: answer ? { calls: (JSON.parse(answer.text) as { ground_truth: Array<Record<string, Record<string, unknown[]>>> }).ground_truth } : category.includes("irrelevance") ? { no_call: true } : { any_call: true },
  };
  const parsed = evalCaseSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BfclSuiteError(`${category}: entry ${line.id} cannot be run (${issue?.path.join(".")}: ${issue?.message}); use an unmodified BFCL data directory`);
  }
  return parsed.data;
}
