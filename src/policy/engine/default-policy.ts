// The policies the CLI uses without --policy: the strict profile (privileged calls ask) or the data-flow profile (proven calls run).
import type { EnginePolicy, EnginePolicyOptions } from "./engine-policy.js";
import { createEnginePolicy } from "./engine-policy.js";
import type { PolicyDocumentInput } from "./policy-document.js";
import { policyDocumentSchema } from "./policy-document.js";
import type { PolicyProfile } from "./profiles.js";
import { dataFlowRules, strictRules } from "./profiles.js";

/**
 * Taint means an argument value (a recipient, an amount, an id, a URL) was copied from a tool result the application does
 * not trust, which is how prompt injection turns into action. Such a write or privileged call waits for a person, who
 * sees which values came from where (the call's taint); CaMeL does the same when a data-flow policy is violated. Denying
 * instead makes tasks like "pay the bill in this file" impossible through the agent; a team that prefers that adds a deny
 * rule (one YAML rule). Tainted reads are allowed: a read changes nothing, though a URL read can leak data, which is why
 * fetch tools should be declared as writes. Taint only sees copies, so writes whose steering arguments are not
 * positively proven ask too. The risk rules keep riskPolicy()'s ids, so replaying a trail recorded under it compares
 * rule for rule.
 */
export const defaultPolicyDocument: PolicyDocumentInput = {
  version: "toolgate-default-3",
  default: "allow",
  rules: strictRules,
};

/** The data-flow profile as a document: see `dataFlowRules`. */
const dataFlowPolicyDocument: PolicyDocumentInput = {
  version: "toolgate-data-flow-1",
  default: "allow",
  rules: dataFlowRules,
};

function profileDocument(profile: PolicyProfile): PolicyDocumentInput {
  return profile === "data-flow" ? dataFlowPolicyDocument : defaultPolicyDocument;
}

export function defaultPolicy(options: EnginePolicyOptions = { clock: () => new Date() }, profile: PolicyProfile = "strict"): EnginePolicy {
  return createEnginePolicy(policyDocumentSchema.parse(profileDocument(profile)), options);
}
