// AgentDojo's travel suite as a SuitePort: state, the 28 tools, per-task ground-truth names and the v1 task checks.
import type { SuitePort } from "../suite-port.js";
import { travelSecurity, travelUtility } from "./checks.js";
import type { TravelEnvironment } from "./environment.js";
import { createTravelEnvironment } from "./environment.js";
import { travelTaskConstants } from "./ground-truth.js";
import { executeTravelTool, travelTools } from "./tools.js";

export type { TravelEnvironment } from "./environment.js";
export { textOnlyInjectionTasks } from "./checks.js";
export { deriveTravelScope, travelScopeNames } from "./ground-truth.js";

export const travelPort: SuitePort<TravelEnvironment> = {
  suite: "travel",
  area: "travel",
  tools: travelTools,
  createEnvironment: createTravelEnvironment,
  execute: executeTravelTool,
  // Every travel name is task-scoped (see ground-truth.ts); nothing is shared across a kind.
  constants: { user: {}, injection: {} },
  helpers: {},
  taskConstants: travelTaskConstants,
  utility: travelUtility,
  security: travelSecurity,
};
