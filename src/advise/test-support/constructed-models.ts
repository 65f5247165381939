// Test support: models with one known defect, for constructed evaluation situations. Each answers from the synthetic
// world's correct call for the request and then misbehaves in one documented way; values the request does not give
// it are invented, as a model without the facts would.
import type { ModelAdapter, ModelRequest, ModelResponse } from "../../model/index.js";
import type { ToolSpec } from "../../record/index.js";
import type { Task } from "./synthetic-world.js";

export interface Behaviour {
  /** Which tool to call, given the correct one and the tools in view; default: the correct one if in view. */
  choose?: (task: Task, tools: readonly ToolSpec[]) => string | undefined;
  /** Rewrites the arguments (a format habit, a misread value); `described` is the parameter descriptions in view. */
  fill?: (task: Task, args: Record<string, unknown>, described: Record<string, string>) => Record<string, unknown>;
  /** On a request no tool serves: call this tool (a model that cannot hold back), or answer in text when undefined. */
  irrelevant?: (tools: readonly ToolSpec[]) => string | undefined;
  /** Answer in text instead of calling, for this task. */
  refuses?: (task: Task) => boolean;
  /** Send the call's arguments as this text instead of JSON. */
  garble?: (task: Task) => string | undefined;
}

/** Arguments whose values are facts about the world: a model cannot know them unless they are given. */
const factual: Record<string, string> = { order_id: "ORD-0000", customer_id: "C-000", attendee: "someone@example.com", sku: "SKU-0", email: "billing@example.com" };

export function constructedModel(world: readonly Task[], behaviour: Behaviour = {}, id = "constructed"): ModelAdapter {
  const byTag = new Map(world.map((task, index) => [`t${index}`, task]));
  let calls = 0;
  return {
    id,
    async generate(request: ModelRequest): Promise<ModelResponse> {
      const prompt = [...request.messages].reverse().find((message) => message.role === "user")?.content ?? "";
      const task = world.find((candidate) => candidate.prompt === prompt) ?? byTag.get(/\[(t\d+)\]$/.exec(prompt)?.[1] ?? "");
      const answer = (text: string, toolCalls: ModelResponse["toolCalls"] = []): ModelResponse => ({
        text,
        toolCalls,
        usage: { inputTokens: 50 + 20 * request.tools.length, outputTokens: 12, totalTokens: 62 + 20 * request.tools.length },
        finishReason: toolCalls.length > 0 ? "tool-calls" : "stop",
      });
      if (!task) {
        const tool = behaviour.irrelevant?.(request.tools);
        return tool ? answer("", [{ id: `call_${++calls}`, name: tool, arguments: "{}" }]) : answer("I can answer that without a tool.");
      }
      if (behaviour.refuses?.(task)) return answer("Sure, that is done.");
      const inView = (name: string) => request.tools.some((tool) => tool.name === name);
      const chosen = behaviour.choose ? behaviour.choose(task, request.tools) : inView(task.tool) ? task.tool : request.tools[0]?.name;
      if (!chosen) return answer("I have no tool for that.");
      const given = prompt + request.messages.filter((message) => message.role === "tool").map((message) => message.content).join(" ");
      const args: Record<string, unknown> = {};
      for (const [param, value] of Object.entries(task.args)) {
        args[param] = param in factual && typeof value === "string" && !given.includes(value) ? factual[param] : value;
      }
      const described = Object.fromEntries(
        request.tools.flatMap((tool) => Object.entries((tool.inputSchema as { properties?: Record<string, { description?: string }> }).properties ?? {}).map(([param, schema]) => [param, schema.description ?? ""])),
      );
      const filled = behaviour.fill ? behaviour.fill(task, args, described) : args;
      const text = behaviour.garble?.(task) ?? JSON.stringify(chosen === task.tool ? filled : argumentsFor(chosen, request.tools));
      return answer("", [{ id: `call_${++calls}`, name: chosen, arguments: text }]);
    },
  };
}

/** Plausible arguments for a tool the model took by mistake: its required parameters with placeholder values. */
function argumentsFor(name: string, tools: readonly ToolSpec[]): Record<string, unknown> {
  const schema = tools.find((tool) => tool.name === name)?.inputSchema as { properties?: Record<string, { type?: string }> } | undefined;
  return Object.fromEntries(Object.entries(schema?.properties ?? {}).map(([param, property]) => [param, property.type === "integer" ? 1 : "x"]));
}
