// The evaluation case format (YAML or JSON Lines), validated with Zod: prompt, tools, and what the model is expected to do.
import { z } from "zod";
import { functionLanguages } from "./language-preprocessing.js";

const catalogNames = ["customer-service"] as const;

const riskSchema = z.enum(["read", "write", "privileged"]);

const functionToolSchema = z.strictObject({
  name: z.string().min(1, "a tool needs a name"),
  description: z.string().default(""),
  /** JSON Schema of the arguments; BFCL's dialect (`dict`, `float`, `tuple`, `any`) is accepted too. */
  parameters: z.record(z.string(), z.unknown()).default({ type: "object", properties: {} }),
  /** A canned result returned every time the tool runs. */
  result: z.unknown().optional(),
  /** JSON Schema of the result: a minimal valid value is returned (unless `result` is given) and the gate guards it. */
  returns: z.record(z.string(), z.unknown()).optional(),
  risk: riskSchema.default("read"),
  area: z.string().min(1).default("case"),
});

/** OpenAI's `{ type: "function", function: {...} }` wrapper, as people paste it from their code. */
const openAiToolSchema = z.strictObject({ type: z.literal("function"), function: functionToolSchema });

const toolSchema = z.union([
  z.string().min(1, "a catalog tool name cannot be empty"),
  openAiToolSchema.transform((tool) => tool.function),
  functionToolSchema,
]);

const messageSchema = z.strictObject({
  role: z.enum(["system", "user", "assistant"]),
  content: z.string(),
});

/** BFCL possible-answer semantics: one single-key object per expected call, each parameter a list of allowed values. */
const expectedCallSchema = z.record(z.string(), z.record(z.string(), z.array(z.unknown(), "list the allowed values, e.g. base: [10] (\"\" in the list = may be omitted)")))
  .refine((call) => Object.keys(call).length === 1, "each expected call is one object { <function name>: { <param>: [allowed values…] } }");

const groundTruthCallSchema = z.strictObject({
  name: z.string().min(1),
  arguments: z.record(z.string(), z.unknown()).default({}),
});

const expectationSchema = z
  .strictObject({
    calls: z.array(expectedCallSchema).min(1, "list at least one expected call, or use no_call: true").optional(),
    no_call: z.literal(true, "no_call takes true; leave it out otherwise").optional(),
    /** The model must call something; which function and arguments are not checked (BFCL's live_relevance). */
    any_call: z.literal(true, "any_call takes true; leave it out otherwise").optional(),
    effects: z.array(groundTruthCallSchema).min(1, "list the ground-truth calls whose effects the model must reproduce").optional(),
  })
  .superRefine((expect, context) => {
    const given = (["calls", "no_call", "any_call", "effects"] as const).filter((key) => expect[key] !== undefined);
    if (given.length !== 1) {
      context.addIssue({
        code: "custom",
        message: `expect needs exactly one of calls, no_call, any_call or effects; got ${given.length === 0 ? "none" : given.join(" and ")}`,
      });
    }
  });

export const evalCaseSchema = z
  .strictObject({
    id: z.string().min(1, "a case needs an id"),
    category: z.string().min(1).optional(),
    description: z.string().optional(),
    /** System prompt; for catalog tools the catalog's own prompt is used when this is absent. */
    system: z.string().optional(),
    messages: z.array(messageSchema).min(1).optional(),
    /** Multi-turn: the user's turns in order; the model answers each before the next is sent. */
    turns: z.array(z.string().min(1)).min(1).optional(),
    tools: z.array(toolSchema).default([]),
    /**
     * The language inline functions are documented in, BFCL style: when set, each description gets BFCL's language hint,
     * Java/JavaScript parameters are shown as strings, and the argument checker converts values back by declared type.
     */
    language: z.enum(functionLanguages).optional(),
    /** Where string tool names come from. */
    catalog: z.enum(catalogNames).default("customer-service"),
    /** The fixed clock catalog tools run against (ISO 8601); both sides of an effect check use it. */
    clock: z.iso.datetime({ offset: true }).optional(),
    /** Model steps per turn. Default: 1 when calls are expected or not (only the first response is scored), 8 for effects. */
    max_steps: z.number().int().min(1).max(50).optional(),
    expect: expectationSchema,
  })
  .superRefine((testCase, context) => {
    if ((testCase.messages === undefined) === (testCase.turns === undefined)) {
      context.addIssue({ code: "custom", path: ["messages"], message: "give either messages (one prompt) or turns (a list of user turns), not both or neither" });
    }
    if (testCase.messages && !testCase.messages.some((message) => message.role === "user")) {
      context.addIssue({ code: "custom", path: ["messages"], message: "messages need at least one user message" });
    }
    if (testCase.tools.length === 0 && testCase.expect.no_call === undefined && testCase.expect.any_call === undefined) {
      context.addIssue({ code: "custom", path: ["tools"], message: "list the tools the model may call (inline definitions or catalog tool names)" });
    }
    const names = testCase.tools.map((tool) => (typeof tool === "string" ? tool : tool.name));
    const duplicate = names.find((name, index) => names.indexOf(name) !== index);
    if (duplicate !== undefined) context.addIssue({ code: "custom", path: ["tools"], message: `tool ${duplicate} is listed twice` });
    if (testCase.expect.effects) {
      if (!testCase.tools.every((tool) => typeof tool === "string")) {
        context.addIssue({ code: "custom", path: ["tools"], message: "effects cases run on a catalog's state: list catalog tool names only" });
      }
      testCase.expect.effects.forEach((call, index) => {
        if (!names.includes(call.name) && !names.includes("*")) {
          context.addIssue({ code: "custom", path: ["expect", "effects", index, "name"], message: `${call.name} is not among the case's tools` });
        }
      });
    }
  });

/** A case as written in the file. */
export type EvalCaseInput = z.input<typeof evalCaseSchema>;
/** A validated case with defaults applied. */
export type EvalCase = z.output<typeof evalCaseSchema>;
export type CaseTool = EvalCase["tools"][number];
export type FunctionTool = Exclude<CaseTool, string>;
export type CaseExpectation = EvalCase["expect"];
/** `{ name: { param: [allowed values…] } }`. */
export type ExpectedCall = Record<string, Record<string, unknown[]>>;
export type GroundTruthCall = z.output<typeof groundTruthCallSchema>;

/** The default fixed clock for catalog tools: a Monday morning, so there are slots ahead and behind. */
export const defaultCaseClock = "2026-01-05T09:00:00.000Z";

export type ExpectationKind = "calls" | "no_call" | "any_call" | "effects";

export function expectationKind(expect: CaseExpectation): ExpectationKind {
  if (expect.calls) return "calls";
  if (expect.effects) return "effects";
  if (expect.any_call) return "any_call";
  return "no_call";
}

export function maxStepsFor(testCase: EvalCase): number {
  return testCase.max_steps ?? (testCase.expect.effects ? 8 : 1);
}
