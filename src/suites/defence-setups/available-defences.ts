// The defences this tree ships, gathered in one place so the security suites measure exactly what exists.
import { createTaintTracker, defaultPolicy } from "../../policy/index.js";
import type { DefenceKit } from "./defences.js";

// Spotlighting changes only what a model reads; the replayed (compromised) model obeys regardless, so it has no
// variant here: its effect needs a real model and is out of this harness's reach by construction.
export const availableDefenceKit: DefenceKit = {
  defaultPolicy: () => defaultPolicy(),
  dataFlowPolicy: () => defaultPolicy(undefined, "data-flow"),
  createTaintTracker: ({ registry, readers, selections }) =>
    createTaintTracker({ registry, ...(readers || selections ? { provenance: { ...(readers ? { readers } : {}), ...(selections ? { selections } : {}) } } : {}) }),
};
