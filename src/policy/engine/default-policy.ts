// The policy the CLI uses without --policy: reads run, privileged calls need a person, untrusted data never steers a write unseen.
import type { EnginePolicy, EnginePolicyOptions } from "./engine-policy.js";
import { createEnginePolicy } from "./engine-policy.js";
import type { PolicyDocumentInput } from "./policy-document.js";
import { policyDocumentSchema } from "./policy-document.js";

/**
 * Taint means an argument value (a recipient, an amount, an id, a URL) was copied from a tool result the application does
 * not trust, which is how prompt injection turns into action. Privileged tools never act on such values; writes do only
 * with a person's approval. Tainted reads are allowed: a read changes nothing, though a URL read can leak data (a team
 * that cares adds a rule for its fetch tools). The risk rules keep riskPolicy()'s ids, so replaying a trail recorded
 * under it compares rule for rule.
 */
export const defaultPolicyDocument: PolicyDocumentInput = {
  version: "toolgate-default-1",
  default: "allow",
  rules: [
    {
      id: "taint:deny-privileged",
      priority: 100,
      risk: "privileged",
      taint: { anyTainted: true },
      effect: "deny",
      reason: "a privileged call may not use values taken from an untrusted tool result; ask the user to give them directly",
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
