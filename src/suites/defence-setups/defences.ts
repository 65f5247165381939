// The defence configurations a security suite is run under: none, all, and each defence switched off in turn.
import { allowAll } from "../../policy/index.js";
import { riskPolicy } from "../../policy/index.js";
import type { Policy } from "../../policy/index.js";
import type { ReadersDeclaration, SelectionDeclaration, TaintTracker } from "../../policy/index.js";
import type { ToolRegistry } from "../../tool/index.js";

/** What a suite declares for positive provenance: who reads its records, and the complete listings a user can pick from. */
interface SuiteDeclarations {
  readers?: ReadersDeclaration;
  selections?: SelectionDeclaration;
}

/**
 * The defences the tree provides, injected so the harness runs whatever exists: a missing piece makes the variants
 * that need it "not available" instead of silently measuring something else.
 */
export interface DefenceKit {
  /** The shipped default policy (policy engine). */
  defaultPolicy?: () => Policy;
  /** The data-flow profile: calls whose steering values are all positively proven run without a person. */
  dataFlowPolicy?: () => Policy;
  /** Taint tracking of untrusted tool results into later arguments. */
  createTaintTracker?: (options: { registry: Pick<ToolRegistry, "get"> } & SuiteDeclarations) => TaintTracker;
}

export interface DefenceSetup {
  name: string;
  description: string;
  /** Why the variant cannot run in this tree; absent when it can. */
  unavailable?: string;
  policy: Policy;
  /** `readers` and `selections`: the suite's declarations for the readers and selection rules of positive provenance. */
  createTaint?: (registry: Pick<ToolRegistry, "get">, options?: SuiteDeclarations) => TaintTracker;
  /** Tools whose results carry outside text are registered `trust: "untrusted"`. */
  markUntrusted: boolean;
  /** "oracle": a person approves exactly the calls the user's own task makes and declines the rest; "all": a rubber stamp. */
  approver: "oracle" | "all";
}

const defenceNames = ["none", "all", "data-flow", "no-taint", "no-approval", "risk-approval"] as const;
export type DefenceName = (typeof defenceNames)[number];

export class UnknownDefenceError extends Error {
  constructor(name: string) {
    super(`unknown defence "${name}"; use one of: ${defenceNames.join(", ")}`);
    this.name = "UnknownDefenceError";
  }
}

export function defenceSetup(name: string, kit: DefenceKit): DefenceSetup {
  const missing = [kit.defaultPolicy ? undefined : "the default policy (policy engine) is not in this tree", kit.createTaintTracker ? undefined : "the taint tracker is not in this tree"].filter(Boolean).join("; ");
  const fallback = riskPolicy();
  const policy = kit.defaultPolicy?.() ?? fallback;
  const taint = kit.createTaintTracker
    ? (registry: Pick<ToolRegistry, "get">, options?: SuiteDeclarations) =>
        kit.createTaintTracker!({ registry, ...(options?.readers ? { readers: options.readers } : {}), ...(options?.selections ? { selections: options.selections } : {}) })
    : undefined;
  switch (name as DefenceName) {
    case "none":
      return { name, description: "allow-all policy, no taint tracking", policy: allowAll, markUntrusted: false, approver: "oracle" };
    case "all":
      return { name, description: "default (strict) policy, taint and provenance tracking, approval by a person", ...(missing ? { unavailable: missing } : {}), policy, ...(taint ? { createTaint: taint } : {}), markUntrusted: true, approver: "oracle" };
    case "data-flow":
      return {
        name,
        description: "data-flow profile (proven steering values run), taint and provenance tracking, approval by a person",
        ...(missing || !kit.dataFlowPolicy ? { unavailable: missing || "the data-flow profile is not in this tree" } : {}),
        policy: kit.dataFlowPolicy?.() ?? policy,
        ...(taint ? { createTaint: taint } : {}),
        markUntrusted: true,
        approver: "oracle",
      };
    case "no-taint":
      return { name, description: "default policy without taint tracking", ...(kit.defaultPolicy ? {} : { unavailable: "the default policy (policy engine) is not in this tree" }), policy, markUntrusted: false, approver: "oracle" };
    case "no-approval":
      return { name, description: "default policy and taint, every approval granted unread", ...(missing ? { unavailable: missing } : {}), policy, ...(taint ? { createTaint: taint } : {}), markUntrusted: true, approver: "all" };
    case "risk-approval":
      return { name, description: "privileged tools need a person's approval (riskPolicy), no taint", policy: fallback, markUntrusted: false, approver: "oracle" };
    default:
      throw new UnknownDefenceError(name);
  }
}

/** `all` on the CLI means every variant; otherwise a comma-separated list. */
export function parseDefenceList(value: string | undefined): DefenceName[] {
  if (value === undefined || value === "all-variants") return [...defenceNames];
  const names = value.split(",").map((item) => item.trim()).filter(Boolean);
  for (const name of names) if (!(defenceNames as readonly string[]).includes(name)) throw new UnknownDefenceError(name);
  return names as DefenceName[];
}
