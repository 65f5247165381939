// docs/policy.schema.json is the schema the code publishes for policy files, and it accepts and rejects what the loader does for `allow:`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { policyDocumentJsonSchema } from "./policy-document.js";

const checkedIn = JSON.parse(readFileSync(join(import.meta.dirname, "../../../docs/policy.schema.json"), "utf8")) as Record<string, unknown>;

describe("the policy document's JSON Schema", () => {
  it("is checked in as the code publishes it (regenerate docs/policy.schema.json from policyDocumentJsonSchema())", () => {
    expect(checkedIn).toEqual(policyDocumentJsonSchema());
  });

  it("accepts allow-lists per steering kind and rejects an unknown kind", () => {
    const validate = new Ajv2020({ strict: false }).compile(checkedIn);
    expect(validate({ profile: "data-flow", allow: { email: ["*@ourbank.example"], iban: ["DE89 3704 0044 0532 0130 00"] }, rules: [] })).toBe(true);
    expect(validate({ allow: { recipients: ["*@ourbank.example"] }, rules: [] })).toBe(false);
    expect(validate({ allow: { url: [] }, rules: [] })).toBe(false);
  });
});
