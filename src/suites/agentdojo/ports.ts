// The AgentDojo suites ported to TypeScript, by suite name, in AgentDojo's own order.
import { bankingPort } from "./banking.js";
import { bankingSelections } from "./banking-selections.js";
import { slackPort } from "./slack.js";
import { slackReaders } from "./slack-readers.js";
import { travelPort } from "./travel/index.js";
import { workspacePort } from "./workspace/index.js";
import type { AgentDojoSuiteName } from "./data.js";
import type { SuitePort } from "./suite-port.js";

// Ports are generic in their environment; the harness treats every environment as opaque.
export const agentDojoPorts: Readonly<Record<AgentDojoSuiteName, SuitePort<unknown>>> = {
  workspace: workspacePort as SuitePort<unknown>,
  travel: travelPort as SuitePort<unknown>,
  // Banking's selection declaration lives beside it, like slack's readers (banking.ts stays free of the policy room).
  banking: { ...bankingPort, selections: bankingSelections } as SuitePort<unknown>,
  // Slack's readers live beside it (they need its environment type; slack.ts stays free of the policy room).
  slack: { ...slackPort, readers: slackReaders } as SuitePort<unknown>,
};
