// Submitting with the official openai client to a loopback fine-tuning API: success, 4xx validation, failed job, dropped uploads.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createAuditSigner, openAuditStore } from "../../audit/index.js";
import type { ChainedAuditStore } from "../../audit/index.js";
import type { SubmitProgress } from "./submit-job.js";
import { SubmitError, submitFineTuningJob } from "./submit-job.js";
import type { FineTuningServer } from "./test-support/fine-tuning-server.js";
import { startFineTuningServer } from "./test-support/fine-tuning-server.js";

const work = mkdtempSync(join(tmpdir(), "toolgate-submit-"));
const good = join(work, "train.jsonl");
const bad = join(work, "bad.jsonl");
writeFileSync(good, `${JSON.stringify({ messages: [{ role: "user", content: "hi" }, { role: "assistant", content: "hello" }] })}\n`.repeat(20));
writeFileSync(bad, `${JSON.stringify({ messages: [] })}\n{"prompt": "legacy row"}\n`);

describe("submitFineTuningJob", () => {
  let server: FineTuningServer | undefined;
  let store: ChainedAuditStore;
  beforeAll(async () => {
    store = await openAuditStore(`sqlite:${join(work, "audit.db")}`, { signer: createAuditSigner({ hmacSecret: "submit-test-secret-012345" }) });
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  afterAll(async () => {
    await store.close();
    rmSync(work, { recursive: true, force: true });
  });
  const base = (url: string) => ({ provider: `openai-compatible:${url}`, apiKey: "test-key", model: "gpt-4o-mini-2024-07-18", pollIntervalMs: 1, sleep: async () => {} });

  it("uploads, creates the job, reports progress until it succeeds, and records both ends in the audit trail", async () => {
    server = await startFineTuningServer();
    const progress: SubmitProgress[] = [];
    const result = await submitFineTuningJob({ ...base(server.url), trainingFile: good, validationFile: good, suffix: "toolgate", manifestDigest: "sha256:abc", audit: store, onProgress: (update) => progress.push(update) });
    expect(result).toMatchObject({ jobId: "ftjob-1", status: "succeeded", fineTunedModel: "ft:gpt-4o-mini-2024-07-18:toolgate::abc123" });
    expect(server.uploads.map((upload) => upload.purpose)).toEqual(["fine-tune", "fine-tune"]);
    expect(server.jobs[0]).toMatchObject({ training_file: "file-1", validation_file: "file-2" });
    expect(progress.map((update) => update.status)).toEqual(["validating_files", "queued", "running", "succeeded"]);
    expect(progress.flatMap((update) => update.messages)).toEqual(["Created fine-tuning job: ftjob-1", "Job queued", "Fine-tuning job started", "Step 1/10: training loss=1.93", "The job has successfully completed"]);
    const events = await store.read({ types: ["dataset.finetune"] });
    expect(events.map((event) => (event.data as { phase: string }).phase)).toEqual(["created", "succeeded"]);
    expect(events[0]?.data).toMatchObject({ jobId: "ftjob-1", manifestDigest: "sha256:abc", files: [{ id: "file-1", name: "train.jsonl" }, { id: "file-2" }] });
  });

  it("reports a 4xx validation error with the provider's message, param and code", async () => {
    server = await startFineTuningServer();
    const failure = submitFineTuningJob({ ...base(server.url), trainingFile: bad });
    await expect(failure).rejects.toThrow(SubmitError);
    await expect(failure).rejects.toThrow("the provider rejected the request while uploading bad.jsonl: HTTP 400 Invalid file format. Line 2: missing 'messages'. (param file, code invalid_file_format)");
    expect(server.jobs).toHaveLength(0);
  });

  it("returns a failed job with its error and audits the failure", async () => {
    server = await startFineTuningServer({ statuses: ["validating_files", "running", "failed"], failure: { code: "exceeded_quota", message: "Training tokens exceed your quota." } });
    const result = await submitFineTuningJob({ ...base(server.url), trainingFile: good, audit: store });
    expect(result).toMatchObject({ status: "failed", error: { code: "exceeded_quota", message: "Training tokens exceed your quota." }, fineTunedModel: null });
    const last = (await store.read({ types: ["dataset.finetune"] })).at(-1);
    expect(last?.data).toMatchObject({ phase: "failed", jobId: "ftjob-1", error: { code: "exceeded_quota" } });
  });

  it("survives a connection dropped mid-upload by retrying, and names the failure when every attempt drops", async () => {
    server = await startFineTuningServer({ dropUploads: 1 });
    const result = await submitFineTuningJob({ ...base(server.url), trainingFile: good, maxRetries: 2 });
    expect(result.status).toBe("succeeded");
    expect(server.uploadAttempts).toBe(2);
    expect(server.uploads).toHaveLength(1);
    await server.close();

    server = await startFineTuningServer({ dropUploads: 10 });
    await expect(submitFineTuningJob({ ...base(server.url), trainingFile: good, maxRetries: 1 })).rejects.toThrow(/network error while uploading train\.jsonl: .*after the client's retries/);
    expect(server.uploadAttempts).toBe(2);
  });

  it("refuses a provider that is not openai or openai-compatible:<url>", async () => {
    await expect(submitFineTuningJob({ ...base("x"), provider: "ollama:local", trainingFile: good })).rejects.toThrow(/expected openai or openai-compatible:<base url>/);
  });
});
