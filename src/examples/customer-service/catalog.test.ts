// Tests for the assembled catalog: areas, tool metadata, schemas and lifecycle.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { ZodType } from "zod";
import { createToolRegistry } from "../../tool/index.js";
import { createCustomerServiceCatalog } from "./catalog.js";
import { openTempCatalog } from "./test-support/temp-catalog.js";
import type { TempCatalog } from "./test-support/temp-catalog.js";

let temp: TempCatalog;
beforeEach(() => {
  temp = openTempCatalog();
});
afterEach(() => temp.cleanup());

type PropertySchema = { description?: string };
const jsonSchemaOf = (name: string) =>
  z.toJSONSchema(temp.tool(name).input as ZodType) as { properties: Record<string, PropertySchema>; required?: string[] };

describe("createCustomerServiceCatalog", () => {
  it("has three described areas, each with tools", () => {
    const { areas, tools } = temp.catalog;
    expect(areas.map((area) => area.name)).toEqual(["appointments", "accounts", "email"]);
    for (const area of areas) {
      expect(area.description.length).toBeGreaterThan(30);
      expect(tools.filter((tool) => tool.area === area.name).length).toBeGreaterThanOrEqual(3);
    }
    for (const tool of tools) expect(areas.map((area) => area.name)).toContain(tool.area);
  });

  it("has about twelve uniquely named snake_case tools covering every risk level", () => {
    const names = temp.catalog.tools.map((tool) => tool.name);
    expect(names).toEqual([
      "find_available_slots",
      "book_appointment",
      "reschedule_appointment",
      "cancel_appointment",
      "list_customer_appointments",
      "find_customer",
      "get_account_summary",
      "update_contact_details",
      "issue_refund",
      "close_account",
      "send_email",
      "list_outbox",
      "send_bulk_email",
    ]);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z]+(_[a-z]+)*$/);
    const risks = Object.fromEntries(temp.catalog.tools.map((tool) => [tool.name, tool.risk]));
    expect(new Set(Object.values(risks))).toEqual(new Set(["read", "write", "privileged"]));
    expect(Object.keys(risks).filter((name) => risks[name] === "privileged")).toEqual(["issue_refund", "close_account", "send_bulk_email"]);
  });

  it("marks read tools idempotent and every other tool as deduplicating on the idempotency key", () => {
    for (const tool of temp.catalog.tools) {
      expect(tool.idempotent === true, tool.name).toBe(tool.risk === "read");
      expect(tool.honorsIdempotencyKey === true, tool.name).toBe(tool.risk !== "read");
    }
  });

  it("registers in the tool registry, whose JSON Schema validators accept good calls and reject bad ones", () => {
    const registry = createToolRegistry({ tools: temp.catalog.tools, areas: temp.catalog.areas });
    expect(registry.specs()).toHaveLength(temp.catalog.tools.length);
    expect(registry.areas.map((area) => area.name)).toEqual(["appointments", "accounts", "email"]);
    const validate = (name: string, args: unknown) => {
      const tool = registry.get(name);
      if (!tool) throw new Error(`${name} is not registered`);
      return tool.validateInput(args);
    };
    expect(validate("find_available_slots", { service_id: "SV-DENTAL", from_date: "2026-01-06", limit: 5 })).toBe(true);
    expect(validate("find_available_slots", { service_id: "SV-DENTAL", from_date: "next tuesday" })).toBe(false);
    expect(validate("update_contact_details", { customer_id: "C-1001", email: "maria@example.com", phone: "+14155550101" })).toBe(true);
    expect(validate("update_contact_details", { customer_id: "C-1001", email: "maria at example" })).toBe(false);
    expect(validate("issue_refund", { customer_id: "C-1001", amount_cents: 2500, reason: "Double charge" })).toBe(true);
    expect(validate("issue_refund", { customer_id: "C-1001", amount_cents: 25_001, reason: "Double charge" })).toBe(false);
    expect(validate("send_bulk_email", { tier: "gold", subject: "Hi", body: "Hello" })).toBe(false);
    expect(validate("list_outbox", { unexpected: true })).toBe(false);
  });

  it("converts every input schema to JSON Schema, with a description on every property", () => {
    for (const tool of temp.catalog.tools) {
      expect(tool.description.length, tool.name).toBeGreaterThan(80);
      expect(() => z.toJSONSchema(tool.input as ZodType, { io: "input", unrepresentable: "throw" }), tool.name).not.toThrow();
      const schema = jsonSchemaOf(tool.name);
      expect(Object.keys(schema.properties).length, tool.name).toBeGreaterThan(0);
      for (const [property, definition] of Object.entries(schema.properties)) {
        expect(definition.description, `${tool.name}.${property}`).toBeTruthy();
      }
    }
  });

  it("points every sensitive pointer at a real input property", () => {
    for (const tool of temp.catalog.tools) {
      const properties = Object.keys(jsonSchemaOf(tool.name).properties);
      for (const pointer of tool.sensitive ?? []) expect(properties, tool.name).toContain(pointer.slice(1));
    }
  });

  it("requires amount and reason for a refund, in integer cents with the cap as maximum", () => {
    const schema = jsonSchemaOf("issue_refund") as { properties: Record<string, { type?: string; maximum?: number }>; required?: string[] };
    expect(schema.required).toEqual(["customer_id", "amount_cents", "reason"]);
    expect(schema.properties.amount_cents).toMatchObject({ type: "integer", maximum: 20_000 });
  });

  it("validates arguments with the Zod schemas: formats, enums and integer cents", () => {
    const parse = (name: string, args: unknown) => (temp.tool(name).input as ZodType).safeParse(args).success;
    expect(parse("find_available_slots", { service_id: "SV-DENTAL", from_date: "2026-01-06" })).toBe(true);
    expect(parse("find_available_slots", { service_id: "SV-SURGERY" })).toBe(false);
    expect(parse("find_available_slots", { service_id: "SV-DENTAL", from_date: "06/01/2026" })).toBe(false);
    expect(parse("update_contact_details", { customer_id: "C-1001", email: "not-an-email" })).toBe(false);
    expect(parse("update_contact_details", { customer_id: "C-1001", phone: "415 555 0101" })).toBe(false);
    expect(parse("issue_refund", { customer_id: "C-1001", amount_cents: 12.5, reason: "Double charge" })).toBe(false);
    expect(parse("issue_refund", { customer_id: "C-1001", amount_cents: 1250 })).toBe(false);
    expect(parse("book_appointment", { customer_id: "1001", slot_id: "S-3" })).toBe(false);
  });

  it("returns plain JSON from every read tool", async () => {
    const reads: [string, unknown][] = [
      ["find_available_slots", { service_id: "SV-CHECKUP" }],
      ["list_customer_appointments", { customer_id: "C-1001", include_past: true }],
      ["find_customer", { name: "Khan" }],
      ["get_account_summary", { customer_id: "C-1001" }],
      ["list_outbox", {}],
    ];
    for (const [name, args] of reads) {
      const { result, effects } = await temp.run(name, args);
      expect(JSON.parse(JSON.stringify(result)), name).toEqual(result);
      expect(effects, name).toEqual([]);
    }
  });

  it("defaults to an in-memory database and the wall clock, and closes idempotently", () => {
    const catalog = createCustomerServiceCatalog();
    expect(catalog.database.memory).toBe(true);
    expect(catalog.systemPrompt).toContain(`Today is ${new Date().toISOString().slice(0, 10)}`);
    catalog.close();
    catalog.close();
    expect(catalog.database.open).toBe(false);
  });
});
