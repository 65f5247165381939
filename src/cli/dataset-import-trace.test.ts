// End to end: `run --capture` against a loopback model on the example catalog → `dataset import --format trace` →
// `dataset verify` passes, and the rows include an error-recovery row built from the gate's structured error.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { DatasetRecord } from "../dataset/index.js";
import { useLoopbackCli } from "./test-support/loopback-cli.js";

const loopback = useLoopbackCli();
const { dirs, cli } = loopback;

const rowsOf = (file: string): DatasetRecord[] =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as DatasetRecord);

describe("toolgate run --capture → dataset import --format trace", () => {
  it("builds verified rows from captured runs, an error-recovery row among them, and reports every run left out with its reason", { timeout: 120_000 }, async () => {
    const cwd = dirs.make();
    const stores = ["--capture", "sqlite:capture.db", "--audit", "sqlite:audit.db"];
    const model = ["--model", loopback.server.modelSpec];

    // 1. The model misspells an argument, the gate rejects the call, the model corrects it: error recovery.
    loopback.server.script([
      { toolCalls: [{ name: "find_customer", arguments: { emial: "maria.lopez@example.com" } }] },
      { toolCalls: [{ name: "find_customer", arguments: { email: "maria.lopez@example.com" } }] },
      { text: "Maria Lopez (C-1001) has an active premier account." },
    ]);
    const recovered = await cli(["run", "Who is maria.lopez@example.com?", ...model, ...stores], cwd);
    expect(recovered.err).toBe("");
    expect(recovered.code).toBe(0);
    expect(recovered.out).toMatch(/find_customer\s+rejected\s+validate/);

    // 2. A plain successful lookup.
    loopback.server.script([{ toolCalls: [{ name: "find_customer", arguments: { email: "maria.lopez@example.com" } }] }, { text: "Found Maria." }]);
    expect((await cli(["run", "Find maria.lopez@example.com", ...model, ...stores], cwd)).code).toBe(0);

    // 3. A rejected call the model never corrects: left out.
    loopback.server.script([{ toolCalls: [{ name: "find_customer", arguments: "{not json" }] }, { text: "Sorry, I could not look that up." }]);
    expect((await cli(["run", "Look up someone", ...model, ...stores], cwd)).code).toBe(0);

    // 4. A run recorded to the audit trail without --capture: no content, left out.
    loopback.server.script([{ text: "Hello." }]);
    expect((await cli(["run", "hi", ...model, "--audit", "sqlite:audit.db"], cwd)).code).toBe(0);

    const imported = await cli(["dataset", "import", "--format", "trace", ...stores, "-o", "rows.jsonl", "--json"], cwd);
    expect(imported.code).toBe(0);
    const [summary] = JSON.parse(imported.out) as Array<{ imported: number; rejected: number; rejectedByKind: Record<string, number> }>;
    expect(summary).toMatchObject({ imported: 2, rejected: 2, rejectedByKind: { "rejected-call-not-recovered": 1, "not-captured": 1 } });

    const rows = rowsOf(join(cwd, "rows.jsonl"));
    expect(rows.map((row) => row.meta.category).sort()).toEqual(["error-recovery", "multiple"]);
    const recovery = rows.find((row) => row.meta.category === "error-recovery")!;
    expect(recovery.meta.source.format).toBe("trace");
    expect(recovery.meta.traceId).toMatch(/\S/);
    expect(recovery.meta.conversationId).toBe(recovery.meta.traceId);
    expect(recovered.out).toContain(`trace ${recovery.meta.traceId}`);
    expect(recovery.meta.extra).toMatchObject({ recoveredErrors: ["invalid_arguments"], capturedBy: "run" });
    expect(recovery.messages.map((message) => message.role)).toEqual(["system", "user", "assistant", "tool", "assistant", "tool", "assistant"]);
    // The rejected call is context (weight 0); its tool message is the gate's structured error; the correction is trained.
    const [rejectedTurn, errorMessage, correctedTurn] = [recovery.messages[2]!, recovery.messages[3]!, recovery.messages[4]!];
    expect(rejectedTurn).toMatchObject({ role: "assistant", weight: 0 });
    expect(errorMessage.role === "tool" && JSON.parse(errorMessage.content)).toMatchObject({ ok: false, error: { code: "invalid_arguments" } });
    expect(correctedTurn.role === "assistant" && correctedTurn.weight).toBeUndefined();
    expect(correctedTurn.role === "assistant" && correctedTurn.tool_calls?.[0]?.function.name).toBe("find_customer");
    expect(recovery.tools.map((tool) => tool.function.name)).toContain("issue_refund");
    // The e-mail address find_customer declares sensitive was masked at capture, in the question and in every result.
    expect(JSON.stringify(recovery.messages)).not.toContain("maria.lopez@example.com");
    expect(recovery.messages[1]).toMatchObject({ role: "user", content: expect.stringMatching(/^Who is \[redacted:sha256:[0-9a-f]{64}\]\?$/) });

    const verified = await cli(["dataset", "verify", join(cwd, "rows.jsonl")], cwd);
    expect(verified.code, verified.out + verified.err).toBe(0);
    // The rejected call's schema problem is still reported, as a warning on an untrained turn.
    expect(verified.out).toMatch(/2 rows, 0 rejected, 0 with errors, 1 with warnings only/);
    expect(verified.out).toMatch(/warning arguments-schema[\s\S]*messages\[2\]\.tool_calls\[0\]\.function\.arguments: .*"emial" \(untrained turn, kept as context\)/);

    // The same import as a recipe step, which also records the audit head the runs were read at (for the bundle's manifest).
    writeFileSync(join(cwd, "recipe.yaml"), ["out: built", "steps:", "  - import-traces: { capture: sqlite:capture.db, audit: sqlite:audit.db }", "  - verify: { fix: false }", "  - export: { formats: [openai] }", ""].join("\n"));
    const built = await cli(["dataset", "build", join(cwd, "recipe.yaml")], cwd);
    expect(built.code, built.err).toBe(0);
    const report = JSON.parse(readFileSync(join(cwd, "built", "report.json"), "utf8")) as { steps: Array<{ step: string; report: Record<string, unknown> }> };
    const traceStep = report.steps.find((entry) => entry.step === "import-traces")!;
    expect(traceStep.report).toMatchObject({ imported: 2, leftOut: { "rejected-call-not-recovered": 1, "not-captured": 1 }, auditHead: { seq: expect.any(Number), hash: expect.stringMatching(/\S/) } });
  });

  it("--format trace without the stores, with files, or with a bad --since is a usage error naming the fix", { timeout: 60_000 }, async () => {
    const missing = await cli(["dataset", "import", "--format", "trace", "--capture", "sqlite:capture.db", "-o", "rows.jsonl"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--format trace needs --capture <url> .* and --audit <url>/);
    const files = await cli(["dataset", "import", "a.jsonl", "--format", "trace", "--capture", "sqlite:c.db", "--audit", "sqlite:a.db", "-o", "rows.jsonl"]);
    expect(files.code).toBe(2);
    expect(files.err).toMatch(/reads the --capture and --audit stores, not files/);
    const since = await cli(["dataset", "import", "--format", "trace", "--capture", "sqlite:c.db", "--audit", "sqlite:a.db", "--since", "yesterday-ish", "-o", "rows.jsonl"]);
    expect(since.code).toBe(2);
    expect(since.err).toMatch(/--since "yesterday-ish" is not a date/);
    const absent = await cli(["dataset", "import", "--format", "trace", "--capture", "sqlite:nowhere.db", "--audit", "sqlite:a.db", "-o", "rows.jsonl"]);
    expect(absent.code).toBe(2);
    expect(absent.err).toMatch(/--capture: .*capture store/);
    const stray = await cli(["dataset", "import", "x.jsonl", "--principal", "alice", "-o", "rows.jsonl"]);
    expect(stray.code).toBe(2);
    expect(stray.err).toMatch(/--principal only applies to --format trace/);
  });
});
