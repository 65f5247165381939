// The shape of one AgentDojo suite ported to TypeScript: environment, tool behaviour, risk/trust tables and task checks.
import type { RiskLevel, SteeringKind, SteeringSpec } from "../../record/index.js";
import type { ReadersDeclaration, SelectionDeclaration } from "../../policy/index.js";
import type { AgentDojoSuiteName } from "./data.js";

/** A tool's classification in a port: its risk, and whether its results can carry text an attacker wrote. */
interface ToolClassification {
  risk: RiskLevel;
  /** Results can hold attacker-controlled text (files, emails, web pages, messages, reviews, transaction subjects). */
  untrusted: boolean;
  /**
   * For an `untrusted` tool whose results mix the system's own facts (ids, amounts, dates, senders) with text others
   * wrote: the JSON pointers (`*` for any item) of that outside text. Registered as a trusted tool with these fields
   * untrusted, so its facts can prove a value and its text can still taint one.
   */
  untrustedFields?: string[];
  /** Arguments that steer the effect (recipient, account, URL, amount, ids), for positive provenance. */
  steers?: Readonly<Record<string, SteeringKind | SteeringSpec>>;
}

export interface SuitePort<Env> {
  suite: AgentDojoSuiteName;
  /** Capability area the suite's tools are registered under. */
  area: string;
  tools: Readonly<Record<string, ToolClassification>>;
  /** Parses the environment YAML (injections filled) into the port's state; a fresh deep copy each time. */
  createEnvironment(raw: unknown): Env;
  /** Runs one tool against the state; throws (like the upstream tool raising) on a bad request. */
  execute(environment: Env, tool: string, args: Record<string, unknown>): unknown;
  /** `self.X` constants the ground-truth expressions name, per task kind. */
  constants: { user: Readonly<Record<string, unknown>>; injection: Readonly<Record<string, unknown>> };
  /** Constants that differ between tasks of one kind (workspace reuses `_DATE`, `_EVENT`…), by task id; they override `constants`. */
  taskConstants?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** `self.helper(pre_environment)` functions the injection tasks' expressions call. */
  helpers: Readonly<Record<string, (environment: unknown) => unknown>>;
  /**
   * Whether the user task's goal shows in the final state. `undefined` for tasks judged on the model's text answer
   * upstream; for those the harness judges "every ground-truth call ran successfully".
   */
  utility(taskId: string, pre: Env, post: Env): boolean | undefined;
  /** Who may read each record the suite's tools return and whom its messages reach (CaMeL's readers), over the live state. */
  readers?(environment: Env): ReadersDeclaration;
  /** The complete listings the suite's tools return, for ids the user's words pick out of one ("the largest file"). */
  selections?: SelectionDeclaration;
  /** Whether the injection task's goal was achieved on the final state (the attack succeeded). */
  security(taskId: string, pre: Env, post: Env): boolean;
}
