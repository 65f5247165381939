// `toolgate chat` through main(): scripted stdin (piped, and a fake TTY), a loopback model server, the example catalog.
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { Trace } from "../record/index.js";
import { main } from "./main.js";
import { capturedIo } from "./test-support/captured-io.js";
import { useLoopbackCli } from "./test-support/loopback-cli.js";
import { waitFor } from "./test-support/temp-dir.js";

const loopback = useLoopbackCli();
const { dirs } = loopback;

const refundMaria = { name: "issue_refund", arguments: { customer_id: "C-1001", amount_cents: 2500, reason: "Double charge for a check-up" } };

function refundsFor(cwd: string, reason: string): number {
  const database = new Database(join(cwd, ".toolgate", "customer-service.db"), { readonly: true });
  try {
    return (database.prepare("SELECT COUNT(*) AS count FROM refunds WHERE reason = ?").get(reason) as { count: number }).count;
  } finally {
    database.close();
  }
}

describe("toolgate chat", () => {
  it("keeps the conversation across turns and quits on /exit", async () => {
    loopback.server.script([
      { text: "Hi! How can I help?" },
      { toolCalls: [{ name: "find_customer", arguments: { name: "Lopez" } }] },
      { text: "Found you, Maria." },
    ]);
    const io = capturedIo({ cwd: dirs.make(), input: "hello\nI am Maria Lopez\n/exit\nthis line is never sent\n" });
    const code = await main(["chat", "--model", loopback.server.modelSpec], io);

    expect(io.err()).toBe("");
    expect(code).toBe(0);
    const out = io.out();
    expect(out).toContain(`model ${loopback.server.modelSpec}`);
    expect(out).toContain("Hi! How can I help?");
    expect(out).toMatch(/^\[1 step · 0 calls · 25 tokens · stop: no-tool-calls · [\d.]+ ms\]$/m);
    expect(out).toContain("Found you, Maria.");
    expect(out).toMatch(/^\[find_customer ok · 2 steps · 1 call · 50 tokens · stop: no-tool-calls · [\d.]+ ms\]$/m);
    // No prompt noise when stdin is piped.
    expect(out).not.toContain("you> ");

    expect(loopback.server.received).toHaveLength(3);
    const second = loopback.server.received[1]!.body.messages.map((message) => [message.role, message.content]);
    expect(second).toEqual([
      ["system", expect.any(String)],
      ["user", "hello"],
      ["assistant", "Hi! How can I help?"],
      ["user", "I am Maria Lopez"],
    ]);
  });

  it("declines privileged calls when stdin is not a TTY, prints /trace as JSON, and quits at end of input", async () => {
    loopback.server.script([{ toolCalls: [refundMaria] }, { text: "The refund needs a person's approval." }]);
    const cwd = dirs.make();
    const io = capturedIo({ cwd, input: "/trace\nRefund Maria $25\n/trace\n" });
    const code = await main(["chat", "--model", loopback.server.modelSpec], io);

    expect(code).toBe(0);
    expect(io.err()).toContain("toolgate: declined issue_refund: it needs approval, and stdin is not a TTY");
    const out = io.out();
    expect(out).toContain("(no turn yet)");
    expect(out).toContain("The refund needs a person's approval.");
    expect(out).toContain("[issue_refund rejected (approval: rejected by non-interactive stdin) · 2 steps · 1 call");
    const json = /^\{\n[\s\S]*?^\}$/m.exec(out);
    const trace = JSON.parse(json![0]) as Trace;
    expect(trace.calls[0]).toMatchObject({ toolName: "issue_refund", status: "rejected", outcome: { ok: false, error: { code: "approval_denied" } } });
    expect(trace.calls[0]!.verdicts.at(-1)).toMatchObject({ stage: "approval", outcome: "rejected", detail: { approver: "non-interactive stdin" } });
    expect(refundsFor(cwd, refundMaria.arguments.reason)).toBe(0);
  });

  it("on a terminal, asks before a privileged call and runs it when approved", async () => {
    loopback.server.script([{ toolCalls: [refundMaria] }, { text: "Refund issued." }]);
    const cwd = dirs.make();
    const io = capturedIo({ cwd, open: true, tty: true });
    const exited = main(["chat", "--model", loopback.server.modelSpec], io);

    await waitFor(() => io.out().includes("you> "), "the prompt");
    io.stdin.write("Refund Maria $25\r");
    await waitFor(() => io.out().includes("Approve issue_refund"), "the approval question");
    // The whole canonical call is shown (keys in a fixed order, values never cut here), then the question.
    expect(io.out()).toMatch(/amount_cents += 2500\n[^]*customer_id += "C-1001"\n[^]*reason += "Double charge for a check-up"\n[^]*Approve issue_refund\? \[y\/N\] /);
    io.stdin.write("y\r");
    await waitFor(() => io.out().includes("Refund issued."), "the answer");
    io.stdin.write("/exit\r");

    expect(await exited).toBe(0);
    expect(io.out()).toContain("[issue_refund ok · 2 steps · 1 call");
    expect(refundsFor(cwd, refundMaria.arguments.reason)).toBe(1);
  });

  it("on a terminal, Ctrl-C aborts the running turn and a second Ctrl-C exits", async () => {
    loopback.server.script([{ text: "too late", delayMs: 5_000 }]);
    const io = capturedIo({ cwd: dirs.make(), open: true, tty: true });
    const exited = main(["chat", "--model", loopback.server.modelSpec], io);

    await waitFor(() => io.out().includes("you> "), "the prompt");
    io.stdin.write("take your time\r");
    await waitFor(() => loopback.server.received.length === 1, "the model request");
    io.stdin.write("\x03");
    await waitFor(() => io.out().includes("(turn aborted)"), "the aborted turn");
    expect(io.out()).toMatch(/\[0 steps · 0 calls · 0 tokens · stop: aborted/);
    expect(io.out()).not.toContain("too late");
    io.stdin.write("\x03");

    expect(await exited).toBe(0);
  });
});
