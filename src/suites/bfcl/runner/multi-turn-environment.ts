// The model's side of one BFCL multi-turn entry: its simulated API instances, offered as gated tools that run the model's own call text.
import type { RunSink } from "../../../record/index.js";
import type { ToolDefinition, ToolRegistry } from "../../../tool/index.js";
import { createToolRegistry, defineTool } from "../../../tool/index.js";
import { BfclDataError } from "../checker/index.js";
import type { EntryContext } from "../checker/multi-turn/index.js";
import { parsePyJson } from "../checker/index.js";
import { ApiSide, decodeFcStep, ReferenceRuntime, visibleFunctions } from "../checker/multi-turn/index.js";
import { toParametersJsonSchema } from "../../../eval/index.js";
import type { MultiTurnFunctionDoc, MultiTurnFunctionDocs } from "./multi-turn-function-docs.js";
import { functionDocsFor } from "./multi-turn-function-docs.js";

export interface MultiTurnEnvironment {
  readonly id: string;
  /** The model-side instances: what the reference keeps in its globals while the model answers this entry. */
  readonly side: ApiSide;
  /** Every function the entry can ever offer, in the order BFCL lists them (withheld miss_func functions last). */
  readonly registry: ToolRegistry;
  /** Pass to the agent run: it hands each authorised call's argument text to the tools before they run. */
  readonly sink: RunSink;
  /** Turns that only add withheld functions (miss_func); they carry no user message of their own. */
  readonly holdoutTurns: ReadonlySet<number>;
  /** The functions shown at a turn: withheld ones appear from the turn that adds them on. */
  toolsAt(turn: number): ToolRegistry;
}

export interface MultiTurnEnvironmentOptions {
  id: string;
  /** The question's raw JSON line: the initial config must keep `10.0` apart from `10`. */
  questionText: string;
  docs: MultiTurnFunctionDocs;
  /** The reference splices instance names (which contain the model name) into one quirk's output. */
  modelName: string;
}

/** Thrown inside a tool when it runs outside an agent run wired with the environment's sink. */
class MultiTurnToolError extends Error {
  override readonly name = "MultiTurnToolError";
}

type PyDictLike = EntryContext["initialConfig"];

export function createMultiTurnEnvironment(options: MultiTurnEnvironmentOptions): MultiTurnEnvironment {
  const { id, questionText } = options;
  const question = asDict(parsePyJson(questionText), `${id}: the question line is not a JSON object`);
  const involvedClasses = stringList(question.get("involved_classes"), `${id}: involved_classes must be a list of class names`);
  const excluded = new Set(question.has("excluded_function") ? stringList(question.get("excluded_function"), `${id}: excluded_function must be a list of names`) : []);
  const missed = question.get("missed_function");
  const withheld: string[] = [];
  const holdoutTurns = new Set<number>();
  if (missed !== undefined) {
    for (const [turn, names] of asDict(missed, `${id}: missed_function must map turns to names`).items()) {
      holdoutTurns.add(Number(turn));
      withheld.push(...stringList(names, `${id}: missed_function[${String(turn)}] must be a list of names`));
    }
  }
  const category = id.slice(0, id.lastIndexOf("_"));
  const initialConfig = question.get("initial_config");
  const entry: EntryContext = {
    id,
    initialConfig: initialConfig === undefined ? asDict(parsePyJson("{}"), "") : asDict(initialConfig, `${id}: initial_config must be an object`),
    involvedClasses,
    // As the reference decides it: from the id's category, so a long-context question reads its padded scenario.
    longContext: category.includes("long_context") || category.includes("composite"),
  };
  // One runtime per entry: the reference shares a few defaults across a whole process, but entries here run
  // concurrently, and a model's answers must not depend on which other entries happened to run first.
  const side = new ApiSide(new ReferenceRuntime({ modelName: options.modelName }), entry, "model");

  const argumentTexts = new Map<string, string>();
  const sink: RunSink = {
    callAuthorised(call) {
      // The text the gate decoded (after any repair), so the instance sees `3.0` as a float just as the checker will.
      argumentTexts.set(call.id, call.repairs.at(-1)?.repaired ?? call.proposed.arguments);
    },
    record(call) {
      argumentTexts.delete(call.id);
    },
  };
  const execute = (name: string, callId: string): string => {
    const text = argumentTexts.get(callId);
    if (text === undefined) {
      throw new MultiTurnToolError(`${name} ran without its argument text: pass the environment's sink to runAgent or createSession (sink: environment.sink)`);
    }
    const calls = decodeFcStep([{ [name]: text }]);
    if (calls?.length !== 1) throw new MultiTurnToolError(`${name}: the arguments ${text} are not a JSON object Python's json module reads`);
    // Exactly the reference's execute_multi_turn_func_call: the result string, or "Error during execution: …".
    return side.execute(calls)[0] as string;
  };

  const docs = functionDocsFor(options.docs, involvedClasses, id).filter((doc) => !excluded.has(doc.name));
  const byName = new Map(docs.map((doc) => [doc.name, { doc, className: classOf(options.docs, doc, involvedClasses) }]));
  const heldBack = new Set(withheld);
  // BFCL lists the functions shown from the start, then appends each withheld one when its turn comes.
  const ordered = [...docs.filter((doc) => !heldBack.has(doc.name)).map((doc) => doc.name), ...withheld.filter((name) => byName.has(name))];
  const tools: ToolDefinition[] = [...new Set(ordered)].map((name) => {
    const { doc, className } = byName.get(name) as { doc: MultiTurnFunctionDoc; className: string };
    return defineTool({
      name,
      description: doc.description.trim() || `${name} (${className}).`,
      area: className,
      // The instances are in-memory simulations, but most of their functions change state, and BFCL's docs do not say which.
      risk: "write",
      input: toParametersJsonSchema(doc.parameters),
      execute: (_args, context) => execute(name, context.callId),
    });
  });
  // BFCL's reference executes every call the model makes, invalid ones included, and hands the Python error back.
  // Here every call goes through the gate, which answers an unknown function or arguments off the schema with a
  // structured error instead, so only valid calls reach the instances. The recorded step still holds the model's call
  // as sent and the checker re-executes it on its own instances, so scoring is unaffected.
  const registry = createToolRegistry({ tools });

  const shown = new Map<number, ToolRegistry>();
  return {
    id,
    side,
    registry,
    sink,
    holdoutTurns,
    toolsAt(turn) {
      let tools = shown.get(turn);
      if (!tools) {
        const visible = new Set(visibleFunctions(questionText, turn));
        tools = registry.subset((tool) => visible.has(tool.name));
        shown.set(turn, tools);
      }
      return tools;
    },
  };
}

function classOf(docs: MultiTurnFunctionDocs, doc: MultiTurnFunctionDoc, involvedClasses: readonly string[]): string {
  return involvedClasses.find((className) => docs.get(className)?.includes(doc)) ?? (involvedClasses[0] as string);
}

function asDict(value: unknown, problem: string): PyDictLike {
  // Python's json yields a dict for every JSON object and nothing else with items().
  if (value === null || typeof value !== "object" || Array.isArray(value) || typeof (value as { items?: unknown }).items !== "function") {
    throw new BfclDataError(`${problem}; use an unmodified BFCL data directory`);
  }
  return value as PyDictLike;
}

function stringList(value: unknown, problem: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) throw new BfclDataError(`${problem}; use an unmodified BFCL data directory`);
  return value as string[];
}
