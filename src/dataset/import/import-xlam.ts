// xLAM/APIGen rows `{query, tools, answers}` (fields possibly JSON text, Python type names, `{tool, parameters}` answers,
// message-list queries as in Hammer's API-Bank) and Hammer's Alpaca-wrapped prompts (`instruction`/`output`).
import type { JsonValue, RecordMessage, RecordTool, RecordToolCall } from "../record.js";
import { isJsonObject } from "../record.js";
import { parseJsonOrPython } from "../io/python-literal.js";
import { flatParametersToSchema } from "./flat-parameters.js";
import type { ImportOutcome, RowContext } from "./row-builder.js";
import { maybeJsonText } from "./row-builder.js";

function convertTools(raw: unknown, context: RowContext): RecordTool[] {
  const list = maybeJsonText(raw, context, "tools");
  if (!Array.isArray(list)) return [];
  const tools: RecordTool[] = [];
  list.forEach((entry, index) => {
    const field = `tools[${index}]`;
    if (!isJsonObject(entry) || typeof entry.name !== "string") {
      context.repair("tool-dropped", field, "a tool without a name was dropped");
      return;
    }
    const tool: RecordTool = { type: "function", function: { name: entry.name, parameters: flatParametersToSchema(entry.parameters, entry.required, context, `${field}.parameters`) } };
    if (typeof entry.description === "string") tool.function.description = entry.description;
    if (entry.return !== undefined || entry.returns !== undefined) context.repair("tool-return-dropped", `${field}.return`, "the return description has no place in a function tool");
    tools.push(tool);
  });
  return tools;
}

/** Answers `{name, arguments}` or Seal-Tools' `{tool, parameters}` become one assistant turn's calls. */
function convertAnswers(raw: unknown, context: RowContext, field: string): RecordToolCall[] | undefined {
  const list = maybeJsonText(raw, context, field);
  if (!Array.isArray(list)) return undefined;
  const calls: RecordToolCall[] = [];
  let renamed = 0;
  for (const [index, answer] of list.entries()) {
    if (!isJsonObject(answer)) return undefined;
    const name = answer.name ?? answer.tool;
    if (typeof name !== "string") return undefined;
    if (answer.name === undefined) renamed += 1;
    calls.push({ id: "", type: "function", function: { name, arguments: context.decodeArguments(answer.arguments ?? answer.parameters, `${field}[${index}].arguments`) } });
  }
  if (renamed > 0) context.repair("answer-keys-tool-parameters", field, `${renamed} answer(s) used tool/parameters keys`);
  return calls;
}

/** A ```-fenced JSON call list written into an assistant turn (Hammer's API-Bank). */
function fencedCalls(content: string, context: RowContext, field: string): RecordToolCall[] | undefined {
  const match = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/.exec(content);
  if (!match) return undefined;
  const parsed = parseJsonOrPython(match[1]!);
  if (!parsed || !Array.isArray(parsed.value)) return undefined;
  return convertAnswers(parsed.value, context, field);
}

export function importXlamRow(value: unknown, context: RowContext): ImportOutcome {
  if (!isJsonObject(value)) return context.problem("row-not-object", "an xLAM row must be a JSON object");
  if (typeof value.instruction === "string" && typeof value.output === "string") return importHammerPrompt(value.instruction, value.output, context);
  const messages: RecordMessage[] = [];
  if (typeof value.query === "string") {
    messages.push({ role: "user", content: value.query });
  } else if (Array.isArray(value.query)) {
    for (const [index, turn] of value.query.entries()) {
      const field = `query[${index}]`;
      if (!isJsonObject(turn) || typeof turn.role !== "string") return context.problem("turn-not-message", "query turns must be {role, content}", field);
      const content = context.text(turn.content, `${field}.content`);
      if (turn.role === "user") messages.push({ role: "user", content });
      else if (turn.role === "system") messages.push({ role: "system", content });
      else if (turn.role === "agent" || turn.role === "assistant") {
        const calls = fencedCalls(content, context, `${field}.calls`);
        if (calls) {
          context.repair("fenced-call-list", `${field}.content`, "a ```-fenced JSON call list read as tool calls");
          messages.push({ role: "assistant", content: null, tool_calls: calls });
        } else {
          if (turn.role === "agent") context.repair("role-agent", `${field}.role`, "agent read as assistant");
          messages.push({ role: "assistant", content });
        }
      } else if (turn.role === "tool") messages.push({ role: "tool", tool_call_id: "", content });
      else return context.problem("unknown-role", `unknown role ${JSON.stringify(turn.role)}`, `${field}.role`);
    }
  } else {
    return context.problem("missing-query", "the row has no query (text or message list)", "query");
  }
  const calls = convertAnswers(value.answers, context, "answers");
  if (calls === undefined) return context.problem("answers-unreadable", "answers must be a list of {name, arguments} (or {tool, parameters})", "answers");
  messages.push(calls.length > 0 ? { role: "assistant", content: null, tool_calls: calls } : { role: "assistant", content: "" });
  const extra: Record<string, JsonValue> = {};
  if (value.id !== undefined) extra.sourceId = value.id as JsonValue;
  return context.finish(messages, convertTools(value.tools, context), Object.keys(extra).length > 0 ? { extra } : undefined);
}

/** Hammer's masking SFT rows: the tools and the query sit in tagged blocks of the instruction, the answer is a fenced list. */
function importHammerPrompt(instruction: string, output: string, context: RowContext): ImportOutcome {
  const block = (name: string) => new RegExp(`\\[BEGIN OF ${name}\\]\\s*([\\s\\S]*?)\\s*\\[END OF ${name}\\]`).exec(instruction)?.[1];
  const toolsText = block("AVAILABLE TOOLS");
  const query = block("QUERY");
  if (toolsText === undefined || query === undefined) return context.problem("instruction-unreadable", "an Alpaca row needs [BEGIN OF AVAILABLE TOOLS] and [BEGIN OF QUERY] blocks", "instruction");
  const calls = fencedCalls(output, context, "output") ?? convertAnswers(output.trim(), context, "output");
  if (calls === undefined) return context.problem("output-unreadable", "output must be a (fenced) JSON call list", "output");
  context.repair("hammer-prompt-unwrapped", "instruction", "task and format instructions dropped; tools and query kept");
  const messages: RecordMessage[] = [{ role: "user", content: query }, calls.length > 0 ? { role: "assistant", content: null, tool_calls: calls } : { role: "assistant", content: "" }];
  return context.finish(messages, convertTools(toolsText, context));
}
