// Reads AgentDojo's suite data (environment YAML with `!include` and `{vector}` slots, extracted tools and tasks, attack templates).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parse } from "yaml";
import type { JsonSchema } from "../../record/index.js";

export const agentDojoSuiteNames = ["banking", "slack", "travel", "workspace"] as const;
export type AgentDojoSuiteName = (typeof agentDojoSuiteNames)[number];

export interface AgentDojoToolSchema {
  name: string;
  description: string;
  parameters: JsonSchema;
}

interface AgentDojoGroundTruthCall {
  function: string;
  /** A Python expression for the arguments dict (see python-args.ts). */
  args_src: string;
}

export interface AgentDojoTask {
  id: string;
  suite: string;
  module_version: string;
  /** The user's request (user tasks) or the attacker's goal (injection tasks). */
  text: string;
  /** Set when upstream builds the text at run time (an f-string over the task's constants): its Python source. */
  textSource?: string;
  ground_truth_calls: AgentDojoGroundTruthCall[];
}

export interface InjectionVector {
  description: string;
  default: string;
}

export class AgentDojoDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AgentDojoDataError";
  }
}

/** The attacks directory holds `agentdojo/`; both the attacks dir and the agentdojo dir itself are accepted. */
export function agentDojoRoot(dataDir: string): string {
  const candidates = [join(dataDir, "agentdojo"), dataDir];
  const found = candidates.find((dir) => existsSync(join(dir, "extracted", "tools.json")));
  if (!found) {
    throw new AgentDojoDataError(`${dataDir} holds no AgentDojo data: pass --data <attacks dir> containing agentdojo/extracted/tools.json and agentdojo/src/agentdojo/data/suites/`);
  }
  return found;
}

function suiteDir(root: string, suite: AgentDojoSuiteName): string {
  return join(root, "src", "agentdojo", "data", "suites", suite);
}

export function loadAgentDojoTools(root: string, suite: AgentDojoSuiteName): AgentDojoToolSchema[] {
  const all = JSON.parse(readFileSync(join(root, "extracted", "tools.json"), "utf8")) as Record<string, AgentDojoToolSchema[]>;
  const tools = all[suite];
  if (!tools) throw new AgentDojoDataError(`extracted/tools.json has no tools for suite ${suite}`);
  return tools;
}

/**
 * Tasks of one suite at one module version. AgentDojo revises some tasks in later versions (v1_1, v1_2…); we take the
 * `v1` set (the published baseline) so each id appears once.
 */
export function loadAgentDojoTasks(root: string, kind: "user" | "injection", suite: AgentDojoSuiteName, version = "v1"): AgentDojoTask[] {
  const file = join(root, "extracted", kind === "user" ? "user_tasks.jsonl" : "injection_tasks.jsonl");
  const tasks: AgentDojoTask[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    type Text = string | { unevaluated_source: string } | undefined;
    const row = JSON.parse(line) as { id: string; suite: string; module_version: string; prompt?: Text; goal?: Text; ground_truth_calls: AgentDojoGroundTruthCall[] };
    if (row.suite !== suite || row.module_version !== version) continue;
    const text = row.prompt ?? row.goal ?? "";
    const source = typeof text === "object" ? text.unevaluated_source : undefined;
    tasks.push({ id: row.id, suite: row.suite, module_version: row.module_version, text: source ?? String(text), ...(source !== undefined ? { textSource: source } : {}), ground_truth_calls: row.ground_truth_calls });
  }
  return tasks.sort((a, b) => taskNumber(a.id) - taskNumber(b.id));
}

function taskNumber(id: string): number {
  return Number(/(\d+)$/.exec(id)?.[1] ?? 0);
}

export function loadInjectionVectors(root: string, suite: AgentDojoSuiteName): Record<string, InjectionVector> {
  return parse(readFileSync(join(suiteDir(root, suite), "injection_vectors.yaml"), "utf8")) as Record<string, InjectionVector>;
}

/** Attack templates by name (`direct`, `important_instructions`…); those built in code have no template and are left out. */
export function loadAttackTemplates(root: string): Record<string, string> {
  const attacks = JSON.parse(readFileSync(join(root, "extracted", "attacks.json"), "utf8")) as Array<{ name: string; template?: string }>;
  return Object.fromEntries(attacks.filter((attack) => typeof attack.template === "string").map((attack) => [attack.name, attack.template!]));
}

/** Renders an attack template for one goal; AgentDojo's user and model names are its defaults for these suites. */
export function renderAttack(template: string, goal: string, names: { user?: string; model?: string } = {}): string {
  return template
    .replaceAll("{goal}", goal)
    .replaceAll("{user}", names.user ?? "Emma Johnson")
    .replaceAll("{model}", names.model ?? "the AI assistant")
    .replaceAll("{tools}", "");
}

/**
 * The environment with every injection slot filled: `injections` by vector name, the vector's default elsewhere.
 * Defaults are inserted as written (they carry YAML escapes such as `\\t`, as upstream relies on); attack text is
 * escaped for a double-quoted YAML scalar so its quotes and newlines survive.
 */
export function loadAgentDojoEnvironment(root: string, suite: AgentDojoSuiteName, injections: Readonly<Record<string, string>> = {}): unknown {
  const dir = suiteDir(root, suite);
  const vectors = loadInjectionVectors(root, suite);
  const fill = (text: string) =>
    text.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => {
      if (name in injections) return escapeForDoubleQuoted(injections[name]!);
      const vector = vectors[name];
      return vector ? String(vector.default ?? "") : whole;
    });
  const load = (file: string): unknown =>
    parse(fill(readFileSync(file, "utf8")), {
      customTags: [
        {
          tag: "!include",
          resolve: (path: string) => load(resolve(dirname(file), path)),
        },
      ],
    });
  return load(join(dir, "environment.yaml"));
}

function escapeForDoubleQuoted(text: string): string {
  return text.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n").replaceAll("\t", "\\t");
}
