import { describe, expect, it } from "vitest";
import { assertToolChoiceAllowed, ToolChoiceRefusedError } from "./tool-choice-guard.js";
import { defenceRegistry } from "./test-support/defence-registry.js";

const registry = defenceRegistry();
const readOnly = registry.subset((tool) => tool.name === "search_docs");
const check = (toolChoice: Parameters<typeof assertToolChoiceAllowed>[0], roles: string[] = [], policy = {}, tools = registry) =>
  assertToolChoiceAllowed(toolChoice, { registry: tools, principal: { id: "u1", roles }, policy });

describe("assertToolChoiceAllowed", () => {
  it("lets auto, none and forcing a read tool through", () => {
    expect(() => check("auto")).not.toThrow();
    expect(() => check("none")).not.toThrow();
    expect(() => check({ tool: "search_docs" })).not.toThrow();
    expect(() => check("required", [], {}, readOnly)).not.toThrow();
  });

  it("refuses forcing a privileged or output-only tool, and required while one is offered", () => {
    expect(() => check({ tool: "issue_refund" })).toThrow(ToolChoiceRefusedError);
    expect(() => check({ tool: "issue_refund" })).toThrow(/forces issue_refund, a privileged tool, and principal u1 may not force it; give the principal one of the roles tool-choice:force/);
    expect(() => check({ tool: "post_reply" })).toThrow(/post_reply, an output-only tool/);
    expect(() => check("required")).toThrow(/"required" would force a call while issue_refund, post_reply are offered/);
    expect(() => check({ tool: "nope" })).toThrow(/not among the tools offered/);
  });

  it("allows forcing for principals with a configured role", () => {
    expect(() => check({ tool: "issue_refund" }, ["tool-choice:force"])).not.toThrow();
    expect(() => check("required", ["ops"], { roles: ["ops"] })).not.toThrow();
    expect(() => check({ tool: "issue_refund" }, ["tool-choice:force"], { roles: ["ops"] })).toThrow(ToolChoiceRefusedError);
  });
});
