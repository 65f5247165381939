import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runAgent } from "../../agent/run-agent.js";
import { scriptedModel } from "../../model/scripted.js";
import { defineTool } from "../../tool/define-tool.js";
import type { EnginePolicy } from "./engine-policy.js";
import { watchPolicy } from "./watch-policy.js";

const clock = () => new Date("2025-01-01T00:00:00Z");
const allowSend = "version: 1\nrules:\n  - id: send-ok\n    tool: send\n    effect: allow\n";
const denySend = "version: 2\nrules:\n  - id: send-frozen\n    tool: send\n    effect: deny\n    reason: sending is frozen\n";
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const policyFile = () => {
  const dir = mkdtempSync(join(tmpdir(), "toolgate-watch-"));
  dirs.push(dir);
  const path = join(dir, "policy.yaml");
  writeFileSync(path, allowSend);
  return path;
};

describe("watchPolicy", () => {
  it("keeps a run in progress on the version it started with; the next run gets the new one", async () => {
    const path = policyFile();
    const changes: Array<[string, string]> = [];
    const watched = watchPolicy(path, (next, previous) => changes.push([previous.version, next.version]), { clock });
    try {
      let reloaded = false;
      // The first execution rewrites the policy mid-run and reloads it at once, as the watcher would.
      const send = defineTool({
        name: "send",
        description: "Send.",
        area: "x",
        risk: "write",
        input: { type: "object" },
        execute: () => {
          if (!reloaded) {
            writeFileSync(path, denySend);
            watched.reload();
            reloaded = true;
          }
          return { sent: true };
        },
      });
      const twoSends = () => scriptedModel([{ toolCalls: [{ name: "send", arguments: "{}" }] }, { toolCalls: [{ name: "send", arguments: "{}" }] }, "done"]);
      const first = await runAgent({ model: twoSends(), tools: [send], messages: [{ role: "user", content: "go" }], policy: watched });
      expect(changes).toEqual([["1", "2"]]);
      expect(first.calls.map((call) => call.status)).toEqual(["succeeded", "succeeded"]);
      expect(first.calls.map((call) => call.verdicts.find((verdict) => verdict.stage === "policy")?.ruleId)).toEqual(["send-ok", "send-ok"]);

      const second = await runAgent({ model: twoSends(), tools: [send], messages: [{ role: "user", content: "go" }], policy: watched });
      expect(second.calls[0]!.verdicts.find((verdict) => verdict.stage === "policy")).toMatchObject({ outcome: "deny", ruleId: "send-frozen", detail: { policyDigest: watched.current().digest } });
    } finally {
      watched.close();
    }
  });

  it("follows file changes and keeps the old version when the new file is invalid", async () => {
    const path = policyFile();
    const errors: unknown[] = [];
    const seen: EnginePolicy[] = [];
    const watched = watchPolicy(path, (next) => seen.push(next), { clock, debounceMs: 10, onError: (error) => errors.push(error) });
    try {
      writeFileSync(path, denySend);
      await expect.poll(() => watched.current().version, { timeout: 5_000 }).toBe("2");
      writeFileSync(path, "rules: [ {id: broken");
      await expect.poll(() => errors.length, { timeout: 5_000 }).toBeGreaterThan(0);
      expect(watched.current().version).toBe("2");
      expect(seen.map((policy) => policy.version)).toEqual(["2"]);
    } finally {
      watched.close();
    }
  });
});
