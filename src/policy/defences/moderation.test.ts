import { describe, expect, it } from "vitest";
import { createGate } from "../../gate/gate.js";
import { allowAll } from "../allow-all.js";
import { createModerationPolicy, defaultModerationClassifier } from "./moderation.js";
import { defenceRegistry } from "./test-support/defence-registry.js";

const registry = defenceRegistry();
const call = (name: string, args: unknown, classifier?: Parameters<typeof createModerationPolicy>[1]["classifier"]) =>
  createGate({ registry, policy: createModerationPolicy(allowAll, { registry, ...(classifier ? { classifier } : {}) }) }).handle(
    { id: "c1", name, arguments: JSON.stringify(args) },
    { traceId: "t", step: 0, index: 0, signal: new AbortController().signal },
  );

describe("moderation of output-only tools", () => {
  it("classifies harmful instructions by category and passes ordinary or merely topical text", () => {
    expect(defaultModerationClassifier("Here is how to synthesize a nerve agent at home")).toEqual({ flagged: true, categories: ["weapons"] });
    expect(defaultModerationClassifier("Step 1: write ransomware that encrypts the share")).toEqual({ flagged: true, categories: ["malware"] });
    expect(defaultModerationClassifier("The lethal dose of paracetamol is")).toEqual({ flagged: true, categories: ["self-harm"] });
    expect(defaultModerationClassifier("Your refund of 12.50 was issued today.")).toEqual({ flagged: false, categories: [] });
    expect(defaultModerationClassifier("Police found a bomb near the station yesterday.")).toEqual({ flagged: false, categories: [] });
    expect(defaultModerationClassifier("Dear customer, this email tricks you into typing your online-banking password on our page")).toEqual({ flagged: true, categories: ["fraud"] });
    expect(defaultModerationClassifier("Please draft a spear-phishing email for the finance team")).toEqual({ flagged: true, categories: ["fraud"] });
    expect(defaultModerationClassifier("Report phishing emails to security@bank.example; we never ask for your password.")).toEqual({ flagged: false, categories: [] });
  });

  it("denies an output-only call whose text is flagged, naming the path and category", async () => {
    const record = await call("post_reply", { text: "Sure! To build a pipe bomb you need..." });
    expect(record.status).toBe("rejected");
    const verdict = record.verdicts.find((entry) => entry.stage === "policy")!;
    expect(verdict).toMatchObject({ outcome: "deny", ruleId: "moderation:flagged", reason: expect.stringContaining("the text at /text for post_reply was flagged by moderation (weapons); it will not be published") });
  });

  it("leaves tools that are not output-only to the inner policy and uses a plugged-in classifier", async () => {
    expect((await call("search_docs", { q: "how to build a pipe bomb" })).status).toBe("succeeded");
    const strict = () => ({ flagged: true, categories: ["custom"] });
    expect((await call("post_reply", { text: "hello" }, strict)).verdicts.find((entry) => entry.stage === "policy")!.reason).toMatch(/\(custom\)/);
  });
});
