// Tests for the email tools against a real SQLite file.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OutboxMessage } from "./email.js";
import { snapshotState } from "./snapshot.js";
import { fixedNow, openTempCatalog } from "./test-support/temp-catalog.js";
import type { TempCatalog } from "./test-support/temp-catalog.js";

let temp: TempCatalog;
beforeEach(() => {
  temp = openTempCatalog();
});
afterEach(() => temp.cleanup());

const outbox = () => snapshotState(temp.catalog.database).outbox;

describe("send_email", () => {
  it("queues a message to the address on file of a customer id", async () => {
    expect(outbox()).toEqual([]);
    const { result, effects } = await temp.run("send_email", { customer_id: "C-1003", subject: "Your appointment", body: "See you soon." });
    expect(result).toEqual({
      message_id: "M-1",
      to: "aisha.khan@example.com",
      customer_id: "C-1003",
      subject: "Your appointment",
      status: "queued",
      queued_at: fixedNow.toISOString(),
    });
    expect(effects).toEqual([{ kind: "email.queued", target: "outbox", detail: { id: "M-1", to: "aisha.khan@example.com" } }]);
    expect(outbox()).toEqual([
      {
        id: "M-1",
        to_address: "aisha.khan@example.com",
        customer_id: "C-1003",
        subject: "Your appointment",
        body: "See you soon.",
        status: "queued",
        campaign_id: null,
        created_at: fixedNow.toISOString(),
      },
    ]);
  });

  it("links an explicit address to its customer and accepts an address not on file", async () => {
    const known = await temp.run("send_email", { to_address: "SOFIA.rossi@example.com", subject: "Hi", body: "Hello" });
    expect(known.result).toMatchObject({ to: "sofia.rossi@example.com", customer_id: "C-1005" });
    const unknown = await temp.run("send_email", { to_address: "guardian@example.org", subject: "Hi", body: "Hello" });
    expect(unknown.result).toMatchObject({ to: "guardian@example.org", customer_id: null });
    expect(outbox()).toHaveLength(2);
  });

  it("needs exactly one recipient, a known customer and an open account", async () => {
    await expect(temp.run("send_email", { subject: "Hi", body: "Hello" })).rejects.toThrow("give exactly one of customer_id or to_address");
    await expect(temp.run("send_email", { customer_id: "C-1001", to_address: "a@example.com", subject: "Hi", body: "Hello" })).rejects.toThrow(/exactly one/);
    await expect(temp.run("send_email", { customer_id: "C-7777", subject: "Hi", body: "Hello" })).rejects.toThrow(/unknown customer id C-7777/);
    await expect(temp.run("send_email", { customer_id: "C-1008", subject: "Hi", body: "Hello" })).rejects.toThrow(/account is closed/);
    await expect(temp.run("send_email", { to_address: "liam.obrien@example.com", subject: "Hi", body: "Hello" })).rejects.toThrow(/account is closed/);
    expect(outbox()).toEqual([]);
  });

  it("queues one message for repeated attempts with one idempotency key", async () => {
    const args = { customer_id: "C-1002", subject: "Receipt", body: "Attached." };
    const first = await temp.run("send_email", args, { idempotencyKey: "mail-1" });
    const retry = await temp.run("send_email", args, { idempotencyKey: "mail-1" });
    expect(retry.result).toEqual(first.result);
    expect(outbox()).toHaveLength(1);
  });
});

describe("list_outbox", () => {
  it("lists messages newest first, optionally for one customer", async () => {
    await temp.run("send_email", { customer_id: "C-1001", subject: "First", body: "1" });
    await temp.run("send_email", { customer_id: "C-1002", subject: "Second", body: "2" });
    await temp.run("send_email", { customer_id: "C-1001", subject: "Third", body: "3" });
    const all = (await temp.run<{ messages: OutboxMessage[]; total: number }>("list_outbox", {})).result;
    expect(all.total).toBe(3);
    expect(all.messages.map((message) => message.subject)).toEqual(["Third", "Second", "First"]);
    const maria = (await temp.run<{ messages: OutboxMessage[]; total: number }>("list_outbox", { customer_id: "C-1001", limit: 1 })).result;
    expect(maria.total).toBe(2);
    expect(maria.messages).toEqual([
      { message_id: "M-3", to: "maria.lopez@example.com", customer_id: "C-1001", subject: "Third", body: "3", status: "queued", campaign_id: null, queued_at: fixedNow.toISOString() },
    ]);
    await expect(temp.run("list_outbox", { customer_id: "C-0001" })).rejects.toThrow(/unknown customer id/);
  });
});

describe("send_bulk_email", () => {
  it("queues one personalised message per active customer of the tier, under one campaign", async () => {
    const { result, effects } = await temp.run("send_bulk_email", { tier: "premier", subject: "New hours", body: "Dear {{name}}, we now open at 8." });
    expect(result).toEqual({ campaign_id: "CMP-1", tier: "premier", recipient_count: 2, message_ids: ["M-1", "M-2"] });
    expect(effects.map((effect) => effect.detail)).toEqual([
      { id: "M-1", to: "maria.lopez@example.com", campaign_id: "CMP-1" },
      { id: "M-2", to: "emma.schmidt@example.de", campaign_id: "CMP-1" },
    ]);
    expect(outbox().map((row) => [row.customer_id, row.body])).toEqual([
      ["C-1001", "Dear Maria Lopez, we now open at 8."],
      ["C-1007", "Dear Emma Schmidt, we now open at 8."],
    ]);
  });

  it("skips suspended and closed accounts when sending to everyone", async () => {
    const { result } = await temp.run<{ recipient_count: number; campaign_id: string }>("send_bulk_email", { tier: "all", subject: "Notice", body: "Hello" });
    expect(result.recipient_count).toBe(6);
    const recipients = outbox().map((row) => row.customer_id);
    expect(recipients).not.toContain("C-1006");
    expect(recipients).not.toContain("C-1008");
    const second = await temp.run<{ campaign_id: string }>("send_bulk_email", { tier: "plus", subject: "Notice", body: "Hello" });
    expect(second.result.campaign_id).toBe("CMP-2");
  });
});
