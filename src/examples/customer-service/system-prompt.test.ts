// Tests for the clinic assistant's system prompt.
import { describe, expect, it } from "vitest";
import { servicePlans } from "./seed.js";
import { buildCustomerServiceSystemPrompt, companyName } from "./system-prompt.js";

describe("buildCustomerServiceSystemPrompt", () => {
  const prompt = buildCustomerServiceSystemPrompt(new Date("2026-01-05T09:00:00Z"));

  it("names the company and the date, and lists every service", () => {
    expect(prompt).toContain(companyName);
    expect(prompt).toContain("Today is 2026-01-05");
    for (const plan of servicePlans) expect(prompt).toContain(plan.id);
  });

  it("tells the model to use tools, never invent ids and confirm privileged actions", () => {
    expect(prompt).toMatch(/Never invent or guess ids/);
    for (const tool of ["issue_refund", "close_account", "send_bulk_email"]) expect(prompt).toContain(tool);
    expect(prompt).toMatch(/explicit "yes"/);
  });
});
