// The built-in policy profiles: "strict" (privileged calls always ask) and "data-flow" (calls run when every steering value is proven).
import type { PolicyDocumentInput } from "./policy-document.js";

import type { PolicyProfile } from "./profile-names.js";
import { policyProfiles } from "./profile-names.js";

export { policyProfiles };
export type { PolicyProfile };

type Rules = NonNullable<PolicyDocumentInput["rules"]>;

/** Writes whose steering values (recipient, account, URL, amount, id) trace to no trusted source wait for a person, under both profiles. */
const unprovenWrite: Rules[number] = {
  id: "provenance:approve-unproven-write",
  priority: 95,
  risk: "write",
  provenance: { unproven: true },
  effect: "require-approval",
  reason: "a value that steers this write (a recipient, an account, a link, an amount, an id) comes from no trusted source: not typed by the user, not returned by a trusted tool, not allow-listed, not approved earlier",
};

/**
 * Strict: what toolgate-default-2 did (tainted writes and every privileged call ask a person), plus positive
 * provenance for writes, so a transformed attacker value (another address at the domain, a re-encoded link, an
 * amount in other units) that taint matching cannot see still asks.
 */
export const strictRules: Rules = [
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
  unprovenWrite,
  { id: "risk:approve-privileged", priority: 50, risk: "privileged", effect: "require-approval", reason: "privileged tools need a person's approval" },
  { id: "risk:allow-read", priority: 10, risk: "read", effect: "allow" },
  { id: "risk:allow-write", priority: 10, risk: "write", effect: "allow" },
];

/**
 * Data-flow (CaMeL's capability rule without a second model): a write or privileged call runs without a person when
 * every value that steers it is proven; taint elsewhere in the call stays as evidence for the person. What cannot be
 * proven asks: an unproven steering value, untrusted text copied into a steering argument (a message body, an event
 * title sent to guests), a privileged tool that declares no steering arguments, a tainted write to a tool that declares
 * none, and any steering call when no provenance tracker runs.
 */
export const dataFlowRules: Rules = [
  {
    id: "provenance:approve-untracked",
    priority: 110,
    risk: ["write", "privileged"],
    provenance: { tracked: false, declared: true },
    effect: "require-approval",
    reason: "no provenance tracker runs, so nothing proves where this call's recipients, accounts, links or amounts came from",
  },
  {
    id: "taint:approve-steering",
    priority: 105,
    risk: ["write", "privileged"],
    taint: { steering: true },
    effect: "require-approval",
    reason: "an argument that steers this call (a recipient, an account, text it sends to someone) holds text copied from an untrusted tool result",
  },
  {
    id: "provenance:approve-unproven-privileged",
    priority: 100,
    risk: "privileged",
    provenance: { unproven: true },
    effect: "require-approval",
    reason: "a value that steers this privileged call comes from no trusted source: not typed by the user, not returned by a trusted tool, not allow-listed, not approved earlier",
  },
  unprovenWrite,
  {
    id: "provenance:approve-undeclared-privileged",
    priority: 80,
    risk: "privileged",
    provenance: { declared: false },
    effect: "require-approval",
    reason: "this privileged tool declares no steering arguments, so nothing can prove the call is the user's",
  },
  {
    id: "taint:approve-undeclared-write",
    priority: 80,
    risk: "write",
    provenance: { declared: false },
    taint: { anyTainted: true },
    effect: "require-approval",
    reason: "this write uses values taken from an untrusted tool result, and the tool declares no steering arguments to prove",
  },
  { id: "risk:allow-read", priority: 10, risk: "read", effect: "allow" },
  { id: "risk:allow-write", priority: 10, risk: "write", effect: "allow" },
  { id: "provenance:allow-proven-privileged", priority: 10, risk: "privileged", effect: "allow", reason: "every value that steers this call traces to a trusted source" },
];

export const profileRules: Record<PolicyProfile, Rules> = { strict: strictRules, "data-flow": dataFlowRules };
