// A policy wrapper that refuses calls to tools whose definition is not the pinned, approved one.
import { digestOf } from "../../record/index.js";
import type { ToolRegistry } from "../../tool/index.js";
import type { Policy } from "../types.js";
import type { PinFile } from "./pin-file.js";
import { describeDefinitionChange, pinnedDefinitionOf } from "./pin-file.js";

export interface PinningPolicyOptions {
  /** Lets the denial name what changed; without it the reason only says that the digest differs. */
  registry?: Pick<ToolRegistry, "get">;
}

/** Checks the pin first and asks `inner` only for calls to tools exactly as they were approved. */
export function createPinningPolicy(pins: PinFile, inner: Policy, options: PinningPolicyOptions = {}): Policy & { digest?: string } {
  // The pins and the inner policy's version together name this policy, so a paused run resumed with other pins or
  // another inner policy is seen to be decided differently.
  const innerDigest = (inner as { digest?: unknown }).digest;
  return {
    ...(typeof innerDigest === "string" ? { digest: digestOf({ pins: Object.entries(pins.tools).map(([name, pin]) => [name, pin.digest]).sort(), inner: innerDigest }) } : {}),
    // A hot-reloaded inner policy still gives each run one version, with the pins in front of it.
    ...(inner.snapshot ? { snapshot: () => createPinningPolicy(pins, inner.snapshot!(), options) } : {}),
    evaluate(input) {
      const pin = pins.tools[input.toolName];
      if (!pin) {
        return { effect: "deny", ruleId: "pinning:unpinned", reason: `${input.toolName} is not pinned; review it and run \`toolgate tools pin --approve\`` };
      }
      if (pin.digest !== input.toolDigest) {
        const current = options.registry?.get(input.toolName);
        const changes = current ? describeDefinitionChange(pin.definition, pinnedDefinitionOf(current)) : [];
        const what = changes.length > 0 ? changes.join("; ") : `digest ${pin.digest} → ${input.toolDigest}`;
        return {
          effect: "deny",
          ruleId: "pinning:changed",
          reason: `the definition of ${input.toolName} changed since it was pinned by ${pin.pinnedBy} at ${pin.pinnedAt} (${what}); review it and run \`toolgate tools pin --approve\``,
        };
      }
      return inner.evaluate(input);
    },
  };
}
