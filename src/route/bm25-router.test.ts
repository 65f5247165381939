// The bm25 router on the customer-service catalogue: ranking, order, alwaysInclude, context, examples, search_tools.
import { afterAll, describe, expect, it } from "vitest";
import { createCustomerServiceCatalog } from "../examples/index.js";
import type { ChatMessage } from "../record/index.js";
import { createToolRegistry } from "../tool/index.js";
import { createBm25Router } from "./bm25-router.js";
import { RouterConfigError } from "./errors.js";
import { searchToolsName } from "./search-tools-tool.js";
import type { SelectToolsContext } from "./types.js";

const catalog = createCustomerServiceCatalog();
afterAll(() => catalog.close());
const registry = createToolRegistry({ tools: catalog.tools, areas: catalog.areas });
const context = (messages: ChatMessage[]): SelectToolsContext => ({ step: 0, messages, registry, signal: new AbortController().signal });
const ask = (text: string) => context([{ role: "system", content: "Be brief." }, { role: "user", content: text }]);
const names = (selection: { tools: { tools: readonly { name: string }[] } }) => selection.tools.tools.map((tool) => tool.name);

describe("createBm25Router", () => {
  it("ranks the obvious tool first and exposes the top k with their scores", async () => {
    const { tools, routing } = await createBm25Router({ k: 3 })(ask("Please refund the double charge on my account"));
    expect(tools.tools).toHaveLength(3);
    expect(names({ tools })).toContain("issue_refund");
    const scores = Object.entries(routing.scores!).sort((a, b) => b[1] - a[1]);
    expect(scores[0]![0]).toBe("issue_refund");
    expect(routing).toMatchObject({ router: "bm25", reason: "bm25 top 3 of 13" });
  });

  it("exposes tools in registry order, not score order, so prompt caches hit", async () => {
    const { tools } = await createBm25Router({ k: 5 })(ask("cancel my appointment and email me a confirmation"));
    const order = registry.tools.map((tool) => tool.name);
    const exposed = names({ tools });
    expect(exposed).toEqual([...exposed].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    expect(exposed).toEqual(expect.arrayContaining(["cancel_appointment", "send_email"]));
  });

  it("always includes the named tools, with their scores, and refuses unknown ones", async () => {
    const { tools, routing } = await createBm25Router({ k: 1, alwaysInclude: ["find_customer"] })(ask("Refund the double charge"));
    expect(names({ tools })).toEqual(["find_customer", "issue_refund"]);
    expect(routing.scores).toHaveProperty("find_customer");
    expect(routing.reason).toBe("bm25 top 1 of 13; 1 always included");
    await expect(createBm25Router({ alwaysInclude: ["nope"] })(ask("x"))).rejects.toThrow(RouterConfigError);
  });

  it("routes a follow-up with the previous request as context", async () => {
    const messages: ChatMessage[] = [
      { role: "user", content: "I want to reschedule my appointment" },
      { role: "assistant", content: "To which slot?" },
      { role: "user", content: "Thursday 10:00 please" },
    ];
    expect(names(await createBm25Router({ k: 1 })(context(messages)))).toEqual(["reschedule_appointment"]);
    expect(names(await createBm25Router({ k: 1, contextTurns: 0 })(context(messages)))).toEqual([]);
  });

  it("uses example requests to match wording the descriptions lack", async () => {
    const request = ask("I was billed twice last month");
    expect(names(await createBm25Router({ k: 1 })(request))).not.toEqual(["issue_refund"]);
    const enriched = createBm25Router({ k: 1, examples: { issue_refund: ["billed twice for one visit"] } });
    expect(names(await enriched(request))).toEqual(["issue_refund"]);
  });

  it("offers search_tools when asked, and widens to what it found this turn", async () => {
    const router = createBm25Router({ k: 1, searchTool: true });
    const first = await router(ask("Refund the double charge"));
    expect(names(first)).toEqual(["issue_refund", searchToolsName]);
    const widened = await router(
      context([
        { role: "user", content: "Refund the double charge" },
        { role: "assistant", content: "", toolCalls: [{ id: "c1", name: searchToolsName, arguments: '{"query":"customer lookup"}' }] },
        { role: "tool", callId: "c1", toolName: searchToolsName, content: JSON.stringify({ ok: true, result: { query: "customer lookup", tools: [{ name: "find_customer" }] } }) },
      ]),
    );
    expect(names(widened)).toEqual(["find_customer", "issue_refund", searchToolsName]);
    expect(widened.routing.reason).toContain("+1 from search_tools");
  });

  it("exposes nothing to route on without a user message, and checks its options", async () => {
    expect(names(await createBm25Router()(context([{ role: "system", content: "s" }])))).toEqual([]);
    expect(() => createBm25Router({ k: 0 })).toThrow(/k must be a positive whole number/);
    expect(() => createBm25Router({ maxTools: 1.5 })).toThrow(/maxTools/);
    expect(() => createBm25Router({ contextTurns: -1 })).toThrow(/contextTurns/);
  });
});
