// `toolgate run` through main(), against a loopback OpenAI-compatible server and the real example catalog.
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { Trace } from "../record/index.js";
import { main } from "./main.js";
import { capturedIo } from "./test-support/captured-io.js";
import { useLoopbackCli } from "./test-support/loopback-cli.js";
import { waitFor } from "./test-support/temp-dir.js";

const loopback = useLoopbackCli();
const { dirs, cli: runCli } = loopback;

const findMaria = { name: "find_customer", arguments: { email: "maria.lopez@example.com" } };

describe("toolgate run", () => {
  it("prints the answer, the calls table and a summary, with the example catalog's database in .toolgate", async () => {
    loopback.server.script([{ toolCalls: [findMaria] }, { text: "Maria Lopez (C-1001) has an active premier account." }]);
    const { code, out, err, cwd } = await runCli(["run", "Who is maria.lopez@example.com?", "--model", loopback.server.modelSpec]);

    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toContain("Maria Lopez (C-1001) has an active premier account.");
    expect(out).toMatch(/^step\s+tool\s+status\s+verdict\s+ms$/m);
    expect(out).toMatch(/^0\s+find_customer\s+succeeded\s+execute: ok\s+[\d.]+$/m);
    expect(out).toMatch(/^2 steps · 1 call · 50 tokens · stop: no-tool-calls · [\d.]+ ms$/m);
    expect(existsSync(join(cwd, ".toolgate", "customer-service.db"))).toBe(true);
    // The model saw the catalog's system prompt and all of its tools.
    const first = loopback.server.received[0]!.body;
    expect(first.model).toBe("test-model");
    expect(first.messages[0]?.role).toBe("system");
    expect(first.tools?.map((tool) => tool.function.name)).toContain("issue_refund");
  });

  it("--router narrows the tools the model sees and records why in the trace", async () => {
    loopback.server.script([{ text: "Here are the free slots." }]);
    const { code, out } = await runCli(["run", "Which appointment slots are free for a dental check-up next week?", "--model", loopback.server.modelSpec, "--router", "bm25", "--json", "--no-audit"]);

    expect(code).toBe(0);
    const shown = loopback.server.received[0]!.body.tools?.map((tool) => tool.function.name) ?? [];
    expect(shown).toContain("find_available_slots");
    expect(shown.length).toBeLessThan(13);
    const trace = JSON.parse(out) as Trace;
    expect(trace.steps[0]!.routing).toMatchObject({ router: "bm25" });
    expect(Object.keys(trace.steps[0]!.routing!.scores ?? {})).toContain("find_available_slots");
  });

  it("--router with an unknown name is a usage error listing the routers", async () => {
    const { code, err } = await runCli(["run", "hi", "--model", loopback.server.modelSpec, "--router", "psychic"]);
    expect(code).toBe(2);
    expect(err).toMatch(/--router.*flat.*bm25/s);
  });

  it("--json prints only the Trace, with every call's verdicts", async () => {
    loopback.server.script([
      { toolCalls: [findMaria, { name: "issue_refund", arguments: { customer_id: "C-1001", amount_cents: "lots", reason: "double charge" } }] },
      { text: "I could not issue that refund." },
    ]);
    const { code, out } = await runCli(["run", "Refund Maria", "--model", loopback.server.modelSpec, "--json"]);

    expect(code).toBe(0);
    const trace = JSON.parse(out) as Trace;
    expect(trace.model).toBe(loopback.server.modelSpec);
    expect(trace.stopReason).toBe("no-tool-calls");
    expect(trace.text).toBe("I could not issue that refund.");
    expect(trace.calls.map((call) => [call.toolName, call.status])).toEqual([
      ["find_customer", "succeeded"],
      ["issue_refund", "rejected"],
    ]);
    expect(trace.calls[0]!.verdicts.map((verdict) => verdict.stage)).toEqual(["decode", "resolve", "validate", "policy", "execute", "guard"]);
    const refused = trace.calls[1]!;
    expect(refused.verdicts.at(-1)).toMatchObject({ stage: "validate", outcome: "fail" });
    expect(refused.outcome).toMatchObject({ ok: false, error: { code: "invalid_arguments", path: "/amount_cents", expected: "integer" } });
  });

  it("shows an invalid-argument call as rejected with its path", async () => {
    loopback.server.script([
      { toolCalls: [{ name: "issue_refund", arguments: { customer_id: "C-1001", amount_cents: "lots", reason: "double charge" } }] },
      { text: "That amount is not valid." },
    ]);
    const { code, out } = await runCli(["run", "Refund Maria", "--model", loopback.server.modelSpec]);

    expect(code).toBe(0);
    expect(out).toMatch(/^0\s+issue_refund\s+rejected\s+validate: \/amount_cents expected integer\s+[\d.]+$/m);
  });

  it("declines a privileged call when stdin is not a TTY, and says so", async () => {
    loopback.server.script([
      { toolCalls: [{ name: "issue_refund", arguments: { customer_id: "C-1001", amount_cents: 2500, reason: "Double charge for a check-up" } }] },
      { text: "I need approval for that refund." },
    ]);
    const { code, out, err, cwd } = await runCli(["run", "Refund Maria $25", "--model", loopback.server.modelSpec]);

    expect(code).toBe(0);
    expect(err).toContain("toolgate: declined issue_refund: it needs approval, and stdin is not a TTY");
    expect(out).toMatch(/^0\s+issue_refund\s+rejected\s+approval: rejected by non-interactive stdin/m);
    const database = new Database(join(cwd, ".toolgate", "customer-service.db"), { readonly: true });
    try {
      expect(database.prepare("SELECT COUNT(*) AS count FROM refunds WHERE reason = ?").get("Double charge for a check-up")).toEqual({ count: 0 });
    } finally {
      database.close();
    }
    // What the model was told: the refusal, as data it can act on.
    const toolMessage = loopback.server.received[1]!.body.messages.find((message) => message.role === "tool");
    expect(JSON.parse(String(toolMessage?.content))).toMatchObject({ ok: false, error: { code: "approval_denied" } });
  });

  it("on a terminal, asks before a privileged call; yes runs it, Ctrl-C stops the run with 130", async () => {
    const refund = { name: "issue_refund", arguments: { customer_id: "C-1001", amount_cents: 1500, reason: "Late cancellation fee waived" } };
    loopback.server.script([{ toolCalls: [refund] }, { text: "Refunded $15." }]);
    const cwd = dirs.make();
    const approved = capturedIo({ cwd, open: true, tty: true });
    const finished = main(["run", "Refund Maria $15", "--model", loopback.server.modelSpec], approved);
    await waitFor(() => approved.out().includes("Approve issue_refund"), "the approval question");
    approved.stdin.write("y\r");

    expect(await finished).toBe(0);
    expect(approved.out()).toMatch(/^0\s+issue_refund\s+succeeded\s+approval: approved by terminal/m);

    loopback.server.script([{ toolCalls: [refund] }, { text: "never sent" }]);
    const interrupted = capturedIo({ cwd, open: true, tty: true });
    const stopped = main(["run", "Refund Maria $15 again", "--model", loopback.server.modelSpec], interrupted);
    await waitFor(() => interrupted.out().includes("Approve issue_refund"), "the approval question");
    interrupted.stdin.write("\x03");

    expect(await stopped).toBe(130);
    expect(interrupted.out()).toMatch(/^0\s+issue_refund\s+rejected\s+approval: rejected by terminal/m);
    expect(interrupted.out()).toContain("stop: aborted");
    expect(loopback.server.received).toHaveLength(3);
  });

  it("honours TOOLGATE_MODEL and TOOLGATE_HOME when no flags are given", async () => {
    loopback.server.script([{ text: "Hello." }]);
    const cwd = dirs.make();
    const home = join(cwd, "state");
    const { code, out } = await runCli(["run", "hi"], { cwd, env: { TOOLGATE_MODEL: loopback.server.modelSpec, TOOLGATE_HOME: home } });

    expect(code).toBe(0);
    expect(out).toContain("Hello.");
    expect(out).toContain("(no tool calls)");
    expect(existsSync(join(home, "customer-service.db"))).toBe(true);
  });

  it("--data-dir and --system override the defaults, --max-steps caps the loop", async () => {
    loopback.server.script([], { toolCalls: [findMaria] });
    const cwd = dirs.make();
    const { code, out, err } = await runCli(
      ["run", "loop forever", "--model", loopback.server.modelSpec, "--data-dir", "elsewhere", "--system", "Be brief.", "--max-steps", "2"],
      { cwd },
    );

    expect(code).toBe(0);
    expect(out).toMatch(/2 steps · 2 calls · .* · stop: max-steps/);
    expect(err).toContain("raise --max-steps");
    expect(loopback.server.received).toHaveLength(2);
    expect(loopback.server.received[0]!.body.messages[0]).toEqual({ role: "system", content: "Be brief." });
    expect(existsSync(join(cwd, "elsewhere", "customer-service.db"))).toBe(true);
    expect(existsSync(join(cwd, ".toolgate"))).toBe(false);
    loopback.server.script([], { text: "(script exhausted)" });
  });

  it("loads --tools from a TypeScript file through tsx", async () => {
    const cwd = dirs.make();
    writeFileSync(
      join(cwd, "shout-tools.ts"),
      [
        "interface ShoutArgs { text: string }",
        "export const tools = [{",
        '  name: "shout", description: "Upper-cases text.", area: "text", risk: "read" as const,',
        '  input: { type: "object", properties: { text: { type: "string" } }, required: ["text"], additionalProperties: false },',
        "  execute: (args: ShoutArgs) => ({ shouted: args.text.toUpperCase() }),",
        "}];",
        'export const systemPrompt: string = "You shout.";',
      ].join("\n"),
    );
    loopback.server.script([{ toolCalls: [{ name: "shout", arguments: { text: "hi" } }] }, { text: "HI!" }]);
    const { code, out, err } = await runCli(["run", "say hi loudly", "--model", loopback.server.modelSpec, "--tools", "shout-tools.ts"], { cwd });

    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toMatch(/^0\s+shout\s+succeeded\s+execute: ok/m);
    expect(loopback.server.received[0]!.body.tools?.map((tool) => tool.function.name)).toEqual(["shout"]);
    expect(loopback.server.received[0]!.body.messages[0]).toEqual({ role: "system", content: "You shout." });
    const toolMessage = loopback.server.received[1]!.body.messages.find((message) => message.role === "tool");
    expect(JSON.parse(String(toolMessage?.content))).toEqual({ ok: true, result: { shouted: "HI" } });
    // --tools never touches the example catalog's database; the run is still recorded in the default audit trail there.
    expect(existsSync(join(cwd, ".toolgate", "customer-service.db"))).toBe(false);
    expect(existsSync(join(cwd, ".toolgate", "audit.db"))).toBe(true);
  });
});

describe("toolgate run failures", () => {
  const oneLine = (text: string) => text.trimEnd().split("\n");

  it("an unknown --model form exits 2 and lists the accepted forms", async () => {
    const { code, out, err } = await runCli(["run", "hi", "--model", "gpt-4"]);

    expect(code).toBe(2);
    expect(out).toBe("");
    expect(oneLine(err)).toHaveLength(1);
    expect(err).toMatch(/^toolgate: invalid model spec "gpt-4"/);
    expect(err).toContain("openai-compatible:<baseURL>#<model>");
    expect(err).toContain("llama:default");
  });

  it("a missing API key exits 2 and names the variable", async () => {
    const { code, err } = await runCli(["run", "hi", "--model", "openai:gpt-4.1-mini"]);

    expect(code).toBe(2);
    expect(oneLine(err)).toHaveLength(1);
    expect(err).toMatch(/^toolgate: .*set the OPENAI_API_KEY environment variable/);
  });

  it("a --tools file that does not exist, or exports no tools, exits 2 saying what it must export", async () => {
    const cwd = dirs.make();
    const missing = await runCli(["run", "hi", "--model", loopback.server.modelSpec, "--tools", "nope.ts"], { cwd });
    expect(missing.code).toBe(2);
    expect(oneLine(missing.err)).toHaveLength(1);
    expect(missing.err).toMatch(/^toolgate: --tools nope\.ts: no such file; a \.ts, \.js or \.mjs module must export `tools`/);

    writeFileSync(join(cwd, "empty.mjs"), "export const helpers = [];\n");
    const empty = await runCli(["run", "hi", "--model", loopback.server.modelSpec, "--tools", "empty.mjs"], { cwd });
    expect(empty.code).toBe(2);
    expect(oneLine(empty.err)).toHaveLength(1);
    expect(empty.err).toMatch(/^toolgate: --tools empty\.mjs: it exports no `tools`; a \.ts, \.js or \.mjs module must export `tools`, a non-empty array of tool definitions/);
    expect(loopback.server.received).toHaveLength(0);
  });

  it("a --tools file that throws while loading exits 2; TOOLGATE_DEBUG=1 adds the stack", async () => {
    const cwd = dirs.make();
    writeFileSync(join(cwd, "broken.ts"), 'throw new Error("broken on purpose");\nexport const tools: unknown[] = [];\n');
    const quiet = await runCli(["run", "hi", "--model", loopback.server.modelSpec, "--tools", "broken.ts"], { cwd });
    expect(quiet.code).toBe(2);
    expect(oneLine(quiet.err)).toEqual(["toolgate: --tools broken.ts could not be loaded: broken on purpose"]);

    const debug = await runCli(["run", "hi", "--model", loopback.server.modelSpec, "--tools", "broken.ts"], { cwd, env: { TOOLGATE_DEBUG: "1" } });
    expect(debug.code).toBe(2);
    expect(debug.err).toMatch(/^toolgate: --tools broken\.ts could not be loaded: broken on purpose\nError: broken on purpose\n\s+at /);
  });

  it("a --tools file with a syntax error names the file, line and column (TypeScript and JavaScript alike)", async () => {
    const cwd = dirs.make();
    writeFileSync(join(cwd, "typo.ts"), 'export const tools = [\n  { name: "x", execute: () => 1 ,\n];\n');
    const ts = await runCli(["run", "hi", "--model", loopback.server.modelSpec, "--tools", "typo.ts"], { cwd });
    expect(ts.code).toBe(2);
    expect(oneLine(ts.err)).toEqual(['toolgate: --tools typo.ts has a syntax error: typo.ts:3:1: Expected identifier but found "]"']);
    writeFileSync(join(cwd, "typo.mjs"), "export const tools = [\n  { name: 'x', execute: () => 1 ,\n];\n");
    const js = await runCli(["run", "hi", "--model", loopback.server.modelSpec, "--tools", "typo.mjs"], { cwd });
    expect(js.code).toBe(2);
    expect(oneLine(js.err)).toEqual(['toolgate: --tools typo.mjs has a syntax error: typo.mjs:3:1: Expected identifier but found "]"']);
    expect(loopback.server.received).toHaveLength(0);
  });

  it("a model that refuses the request exits 1 with one line and no stack trace", async () => {
    loopback.server.script([{ status: 401, error: "invalid api key" }]);
    const { code, out, err } = await runCli(["run", "hi", "--model", loopback.server.modelSpec]);

    expect(code).toBe(1);
    expect(out).toContain("stop: error");
    expect(oneLine(err)).toHaveLength(1);
    expect(err).toMatch(/^toolgate: model openai-compatible:.* failed \(HTTP 401/);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it("bad flags and a missing command are usage errors (exit 2); --help is not", async () => {
    const steps = await runCli(["run", "hi", "--max-steps", "lots"]);
    expect(steps.code).toBe(2);
    expect(steps.err).toMatch(/^toolgate: .*--max-steps takes a whole number of at least 1/);

    const unknown = await runCli(["fly"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^toolgate: unknown command 'fly'/);

    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/^toolgate: give a command/);

    const noPrompt = await runCli(["run"]);
    expect(noPrompt.code).toBe(2);
    expect(noPrompt.err).toMatch(/^toolgate: missing required argument 'prompt'/);

    const help = await runCli(["run", "--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toContain("--max-steps <n>");
    expect(help.out).toContain("--json");
  });
});
