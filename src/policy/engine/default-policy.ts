// The policy the CLI uses without --policy: reads run, privileged calls need a person, untrusted data never steers a write or privileged call unseen.
import type { EnginePolicy, EnginePolicyOptions } from "./engine-policy.js";
import { createEnginePolicy } from "./engine-policy.js";
import type { PolicyDocumentInput } from "./policy-document.js";
import { policyDocumentSchema } from "./policy-document.js";

/**
 * Taint means an argument value (a recipient, an amount, an id, a URL) was copied from a tool result the application does
 * not trust, which is how prompt injection turns into action. Such a write or privileged call waits for a person, who
 * sees which values came from where (the call's taint); CaMeL does the same when a data-flow policy is violated. Denying
 * instead makes tasks like "pay the bill in this file" impossible through the agent; a team that prefers that adds a deny
 * rule (one YAML rule). Tainted reads are allowed: a read changes nothing, though a URL read can leak data, which is why
 * fetch tools should be declared as writes. The risk rules keep riskPolicy()'s ids, so replaying a trail recorded under
 * it compares rule for rule.
 */
export const defaultPolicyDocument: PolicyDocumentInput = {
  version: "toolgate-default-2",
  default: "allow",
  rules: [
    {
      id: "taint:approve-privileged",
      priority: 100,
      risk: "privileged",
      taint: { anyTainted: true },
      effect: "require-approval",
      reason: "this privileged call uses values taken from an untrusted tool result; approve only if you recognise them",
    },
    {
      id: "taint:approve-write",
      priority: 90,
      risk: "write",
      taint: { anyTainted: true },
      effect: "require-approval",
      reason: "this write uses values taken from an untrusted tool result",
    },
    { id: "risk:approve-privileged", priority: 50, risk: "privileged", effect: "require-approval", reason: "privileged tools need a person's approval" },
    { id: "risk:allow-read", priority: 10, risk: "read", effect: "allow" },
    { id: "risk:allow-write", priority: 10, risk: "write", effect: "allow" },
  ],
};

export function defaultPolicy(options: EnginePolicyOptions = { clock: () => new Date() }): EnginePolicy {
  return createEnginePolicy(policyDocumentSchema.parse(defaultPolicyDocument), options);
}
