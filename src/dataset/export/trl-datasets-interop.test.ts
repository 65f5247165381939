// The TRL export loads with Hugging Face `datasets` (Arrow) unchanged. Arguments as objects do not: datasets < 5 fails
// ("Could not convert '2022' with type str: tried to convert to int64"), and datasets 5 (measured with 5.0.1) loads them
// but silently turns the string "2022" into the integer 2022. So arguments and tools travel as JSON strings.
// Skips with a notice when Python or `datasets` is not importable.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { DatasetRecord } from "../record.js";
import { exportRecords } from "./export-file.js";

const probe = spawnSync("python3", ["-c", "import datasets"], { encoding: "utf8" });
const available = probe.status === 0;
if (!available) console.warn("notice: Python `datasets` is not importable; the TRL/Arrow interop test is skipped");

const loader = `
import json, sys
from datasets import load_dataset
try:
    ds = load_dataset("json", data_files=sys.argv[1], split="train")
    calls = [json.loads(c["function"]["arguments"]) for m in ds["messages"] for msg in m if msg.get("tool_calls") for c in msg["tool_calls"]]
    print(json.dumps({"ok": True, "rows": len(ds), "arguments": calls, "tools": [json.loads(t) for t in ds["tools"]][:1]}))
except Exception as error:
    print(json.dumps({"ok": False, "error": str(error)[:300]}))
`;

const naiveLoader = `
import json, sys
from datasets import load_dataset
try:
    ds = load_dataset("json", data_files=sys.argv[1], split="train")
    calls = [c["function"]["arguments"] for m in ds["messages"] for msg in m if msg.get("tool_calls") for c in msg["tool_calls"]]
    calls = [{k: v for k, v in c.items() if v is not None} for c in calls]
    print(json.dumps({"ok": True, "arguments": calls}))
except Exception as error:
    print(json.dumps({"ok": False, "error": str(error)[:300]}))
`;

function row(id: string, year: unknown, extra: Record<string, unknown>): DatasetRecord {
  return {
    // Assistant turn only: with a user turn beside it, datasets 5 falls back to an untyped Json column and the naive
    // form survives by luck; this shape is the one where it types the column and changes the value.
    messages: [
      { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "holidays", arguments: { year, ...extra } as never } }] },
    ],
    tools: [{ type: "function", function: { name: "holidays", parameters: { type: "object", properties: { year: { type: ["integer", "string"] } } } } }],
    meta: { id, source: { format: "canonical" } },
  };
}

describe.skipIf(!available)("TRL export through Hugging Face datasets (Arrow)", () => {
  it("loads rows whose argument types differ across rows, and the values come back unchanged", { timeout: 120_000 }, async () => {
    const directory = mkdtempSync(join(tmpdir(), "trl-arrow-"));
    // Five rows call with an integer year, one with the string "2022": the case the issue saw fail.
    const records = [...[2019, 2020, 2021, 2022, 2023].map((year) => row(`int-${year}`, year, {})), row("text", "2022", {})];
    const expected = [{ year: 2019 }, { year: 2020 }, { year: 2021 }, { year: 2022 }, { year: 2023 }, { year: "2022" }];
    const trlFile = join(directory, "trl.jsonl");
    await exportRecords(records, "trl", trlFile);
    const ours = spawnSync("python3", ["-c", loader, trlFile], { encoding: "utf8", timeout: 110_000 });
    const result = JSON.parse(ours.stdout.trim().split("\n").pop()!) as { ok: boolean; rows: number; arguments: unknown[]; error?: string };
    expect(result).toMatchObject({ ok: true, rows: 6 });
    expect(result.arguments).toEqual(expected);

    // The representation we did not choose: arguments as objects. Arrow refuses it or changes the values.
    const naiveFile = join(directory, "naive.jsonl");
    writeFileSync(naiveFile, records.map((record) => JSON.stringify({ messages: record.messages, tools: JSON.stringify(record.tools) })).join("\n") + "\n");
    const naive = spawnSync("python3", ["-c", naiveLoader, naiveFile], { encoding: "utf8", timeout: 110_000 });
    const naiveResult = JSON.parse(naive.stdout.trim().split("\n").pop()!) as { ok: boolean; arguments?: unknown[]; error?: string };
    if (naiveResult.ok) expect(naiveResult.arguments).not.toEqual(expected);
    else expect(naiveResult.error).toMatch(/convert|type/i);
  });
});
