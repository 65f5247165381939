// InjecAgent's toolkits as toolgate tools: schemas from its parameter lists, and a risk per tool by what its verb does.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { JsonSchema, RiskLevel } from "../../record/index.js";

interface InjecAgentParameter {
  name: string;
  type: string;
  description?: string;
  required?: boolean;
}

export interface InjecAgentTool {
  /** Toolkit name + tool name, as the cases spell it (`AugustSmartLockGrantGuestAccess`). */
  name: string;
  toolkit: string;
  description: string;
  parameters: InjecAgentParameter[];
}

export class InjecAgentDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InjecAgentDataError";
  }
}

/** Accepts the attacks dir (holding `injecagent/data/`) or the injecagent dir itself. */
export function injecAgentDataDir(dataDir: string): string {
  const found = [join(dataDir, "injecagent", "data"), join(dataDir, "data"), dataDir].find((dir) => existsSync(join(dir, "tools.json")) && existsSync(join(dir, "test_cases_dh_base.json")));
  if (!found) throw new InjecAgentDataError(`${dataDir} holds no InjecAgent data: pass --data <attacks dir> containing injecagent/data/tools.json and test_cases_*.json`);
  return found;
}

export function loadInjecAgentTools(dir: string): Map<string, InjecAgentTool> {
  const toolkits = JSON.parse(readFileSync(join(dir, "tools.json"), "utf8")) as Array<{ toolkit: string; tools: Array<{ name: string; summary?: string; parameters?: InjecAgentParameter[] }> }>;
  const tools = new Map<string, InjecAgentTool>();
  for (const kit of toolkits) {
    for (const tool of kit.tools) {
      tools.set(kit.toolkit + tool.name, { name: kit.toolkit + tool.name, toolkit: kit.toolkit, description: tool.summary || tool.name, parameters: tool.parameters ?? [] });
    }
  }
  return tools;
}

const jsonTypes: Record<string, string> = { string: "string", integer: "integer", number: "number", boolean: "boolean", array: "array", object: "object" };

export function injecAgentSchema(tool: InjecAgentTool): JsonSchema {
  return {
    type: "object",
    properties: Object.fromEntries(tool.parameters.map((parameter) => [parameter.name, { type: jsonTypes[parameter.type] ?? "string", ...(parameter.description ? { description: parameter.description } : {}) }])),
    required: tool.parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name),
  };
}

// Read: the verb only looks. Privileged: it moves money, grants or removes access, destroys data, runs code or sends
// data out of the user's hands (send, post, share, upload, export). Write: every other change of state.
const readVerbs = ["Get", "Search", "View", "List", "Read", "Retrieve", "Check", "Verify", "Find", "Estimate", "Monitor", "Look", "Geocoding", "Web", "Image", "Video", "News", "Consult", "Ask", "Access", "Query", "Fetch", "Track", "Analyze", "Compare", "Calculate"];
const privilegedVerbs = ["Delete", "Transfer", "Pay", "Withdraw", "Grant", "Revoke", "Unlock", "Lock", "Execute", "Deploy", "Disable", "Enable", "Control", "Share", "Send", "Post", "Reverse", "Give", "Redirect", "Manipulate", "Remove", "Place", "Trade", "Cancel", "Upload", "Export", "Import", "Hand", "Apply", "Call", "Manage", "Reply", "Retweet", "Leave", "Request", "Auto", "Clear", "Deposit", "Buy", "Sell", "Purchase", "Order", "Reset", "Change", "Modify", "Download", "Book", "Booking", "Block", "Unblock"];
// A generic verb (Make, Create, Update) says nothing about the effect; its object does. Making a transaction moves money
// as Pay does, creating a post or comment publishes as Post does, so such objects make the tool privileged.
const privilegedObjects = ["Transaction", "Transactions", "Payment", "Payments", "Money", "Funds", "Post", "Posts", "Comment", "Comments"];

/**
 * The verb is the first capitalised word after the toolkit prefix. When it is neither a read nor a privileged verb,
 * the name's object and the verb the description opens with ("Buy investment options or sell holdings" for
 * MakeTransaction) can still say the tool moves money, publishes or changes access.
 */
export function injecAgentRisk(tool: InjecAgentTool): RiskLevel {
  const words = tool.name.slice(tool.toolkit.length).match(/[A-Z][a-z]*/g) ?? [];
  const verb = words[0] ?? "";
  if (readVerbs.includes(verb)) return "read";
  if (privilegedVerbs.includes(verb)) return "privileged";
  const describedVerb = /^[A-Za-z]+/.exec(tool.description)?.[0] ?? "";
  const capitalised = describedVerb.charAt(0).toUpperCase() + describedVerb.slice(1).toLowerCase();
  if (words.slice(1).some((word) => privilegedObjects.includes(word)) || privilegedVerbs.includes(capitalised)) return "privileged";
  return "write";
}
