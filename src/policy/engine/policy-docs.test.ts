// docs/policy.md and the README's policy examples: each loads with the real loader, validates against docs/policy.schema.json, and decides as the page says.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parse } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { fencedBlocks } from "../../test-support/fenced-blocks.js";
import type { PolicyInput } from "../types.js";
import { loadPolicy } from "./load-policy.js";

const root = join(import.meta.dirname, "../../..");
const schema = JSON.parse(readFileSync(join(root, "docs/policy.schema.json"), "utf8")) as Record<string, unknown>;
const clock = () => new Date("2025-01-01T00:00:00Z");
const dir = mkdtempSync(join(tmpdir(), "toolgate-policy-docs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Loads a documented policy through a file, as `--policy` does. */
function loadDocumented(text: string, name: string) {
  const path = join(dir, name);
  writeFileSync(path, text);
  return loadPolicy(path, { clock });
}

const call = (toolName: string, risk: PolicyInput["risk"], args: PolicyInput["arguments"], extra: Partial<PolicyInput> = {}): PolicyInput => ({
  traceId: "t",
  callId: `c-${toolName}`,
  toolName,
  toolDigest: "d",
  area: "accounts",
  risk,
  arguments: args,
  callDigest: "x",
  ...extra,
});

describe("documented policy examples", () => {
  it("docs/policy.md: the complete example validates, loads, and decides as described", async () => {
    const [example] = fencedBlocks(readFileSync(join(root, "docs/policy.md"), "utf8"), "yaml");
    expect(example).toBeDefined();
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    expect(validate(parse(example!)), JSON.stringify(validate.errors)).toBe(true);
    const policy = loadDocumented(example!, "policy.yaml");
    expect(await policy.evaluate(call("get_account_summary", "read", { customer_id: "C-1" }))).toMatchObject({ effect: "allow", ruleId: "risk:allow-read" });
    expect(await policy.evaluate(call("issue_refund", "privileged", { customer_id: "C-1", amount_cents: 25_000 }))).toMatchObject({ effect: "require-approval", ruleId: "big-refunds-need-finance" });
    expect(await policy.evaluate(call("update_contact_details", "write", { customer_id: "C-1" }))).toMatchObject({ effect: "allow", ruleId: "risk:allow-write" });
    expect(await policy.evaluate(call("close_account", "privileged", { customer_id: "C-1" }, { principal: { id: "root", roles: ["admin"] } }))).toMatchObject({ effect: "allow", ruleId: "only-admins-close-accounts" });
    // Anyone else closing an account is a privileged call like any other: a person decides.
    expect(await policy.evaluate(call("close_account", "privileged", { customer_id: "C-1" }, { principal: { id: "ana", roles: ["staff"] } }))).toMatchObject({ effect: "require-approval" });
  });

  it("README: every policy YAML block validates against the schema and loads", () => {
    const blocks = fencedBlocks(readFileSync(join(root, "README.md"), "utf8"), "yaml").filter((block) => /^rules:/m.test(block));
    expect(blocks.length).toBeGreaterThan(0);
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    blocks.forEach((block, index) => {
      expect(validate(parse(block)), JSON.stringify(validate.errors)).toBe(true);
      expect(loadDocumented(block, `readme-${index}.yaml`).digest).toMatch(/\S/);
    });
  });
});
