// `toolgate dataset submit` in-process against the loopback fine-tuning API: progress on stderr, exit codes, the audit record.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startFineTuningServer } from "../dataset/submit/test-support/fine-tuning-server.js";
import { main } from "./main.js";
import { capturedIo } from "./test-support/captured-io.js";
import { tempDirs } from "./test-support/temp-dir.js";

const dirs = tempDirs();
afterAll(() => dirs.removeAll());

describe("toolgate dataset submit", () => {
  const cwd = dirs.make();
  writeFileSync(join(cwd, "train.jsonl"), `${JSON.stringify({ messages: [{ role: "user", content: "hi" }, { role: "assistant", content: "hello" }] })}\n`);
  const run = async (argv: string[], env: NodeJS.ProcessEnv = { TOOLGATE_FINETUNE_API_KEY: "test-key" }) => {
    const io = capturedIo({ cwd, env: { TOOLGATE_HOME: join(cwd, ".toolgate"), ...env } });
    const code = await main(argv, io);
    return { code, out: io.out(), err: io.err() };
  };

  it("prints progress to stderr and the fine-tuned model to stdout, and exits 1 for a failed job", async () => {
    const server = await startFineTuningServer();
    try {
      const ok = await run(["dataset", "submit", "train.jsonl", "--provider", `openai-compatible:${server.url}`, "--model", "base-model", "--poll-interval", "1"]);
      expect(ok.err).toContain("ftjob-1: running");
      expect(ok.err).toContain("  Step 1/10: training loss=1.93");
      expect(ok.out).toBe("job ftjob-1: succeeded → ft:base-model:toolgate::abc123\n");
      expect(ok.code).toBe(0);
    } finally {
      await server.close();
    }
    const failing = await startFineTuningServer({ statuses: ["queued", "failed"] });
    try {
      const failed = await run(["dataset", "submit", "train.jsonl", "--provider", `openai-compatible:${failing.url}`, "--model", "base-model", "--poll-interval", "1"]);
      expect(failed.out).toContain("job ftjob-1: failed\n  error: The job failed due to an invalid training file. (invalid_training_file)");
      expect(failed.code).toBe(1);
    } finally {
      await failing.close();
    }
    const trail = await run(["audit", "list", "--json"]);
    expect(trail.code).toBe(0);
  }, 60_000);

  it("makes a missing key and a rejected request usage errors", async () => {
    expect((await run(["dataset", "submit", "train.jsonl", "--provider", "openai-compatible:http://127.0.0.1:9/v1", "--model", "m"], {})).err).toContain("no API key");
    const server = await startFineTuningServer();
    try {
      const rejected = await run(["dataset", "submit", "train.jsonl", "--provider", `openai-compatible:${server.url}`, "--model", "m"], { TOOLGATE_FINETUNE_API_KEY: "wrong" });
      expect(rejected.code).toBe(2);
      expect(rejected.err).toContain("HTTP 401 Incorrect API key provided (code invalid_api_key)");
    } finally {
      await server.close();
    }
  });
});
