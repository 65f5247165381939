// The held-back split becomes eval cases again: each canonical row's system and user turns are the prompt, its tools
// the offered tools, and its one assistant turn's calls the expected calls (each argument's one allowed value).
import type { DatasetRecord } from "../../src/dataset/index.js";
import type { EvalCaseInput } from "../../src/eval/index.js";

export class HeldOutRowError extends Error {
  override readonly name = "HeldOutRowError";
}

/** Rows must be single-exchange ground truth (what the eval-case importer writes); anything else is refused by row id. */
export function heldOutCase(row: DatasetRecord): EvalCaseInput {
  // The original case id (not the importer's file:index row id) so before/after runs and the source cases line up.
  const where = `held-back row ${row.meta.id}`;
  const system = row.messages.find((message) => message.role === "system");
  const users = row.messages.filter((message) => message.role === "user");
  const answers = row.messages.filter((message) => message.role === "assistant");
  if (users.length !== 1 || answers.length !== 1) throw new HeldOutRowError(`${where}: expected one user and one assistant message, got ${users.length} and ${answers.length}`);
  const user = users[0]!;
  if (typeof user.content !== "string") throw new HeldOutRowError(`${where}: the user message has no text content`);
  const calls = answers[0]!.tool_calls ?? [];
  const tools = row.tools.map((tool) => ({ name: tool.function.name, description: tool.function.description ?? "", parameters: (tool.function.parameters ?? { type: "object", properties: {} }) as Record<string, unknown> }));
  const testCase: EvalCaseInput = {
    id: row.meta.source.originalId ?? row.meta.id,
    // The case's own category (the catalog tool) survives import in meta.extra; the dataset category is the fallback.
    ...(typeof row.meta.extra?.caseCategory === "string" ? { category: row.meta.extra.caseCategory } : row.meta.category ? { category: row.meta.category } : {}),
    ...(system && typeof system.content === "string" ? { system: system.content } : {}),
    messages: [{ role: "user", content: user.content }],
    tools,
    expect: calls.length === 0
      ? { no_call: true }
      : {
          calls: calls.map((call) => {
            if (typeof call.function.arguments !== "object" || call.function.arguments === null) throw new HeldOutRowError(`${where}: call ${call.function.name} has undecoded arguments`);
            return { [call.function.name]: Object.fromEntries(Object.entries(call.function.arguments).map(([name, value]) => [name, [value]])) };
          }),
        },
  };
  return testCase;
}
