// Submits a fine-tuning job through the OpenAI files / fine_tuning.jobs API (any compatible provider), polls it, and audits it.
import { createReadStream } from "node:fs";
import { basename } from "node:path";
import OpenAI, { APIConnectionError, APIError } from "openai";
import type { AuditEventInput } from "../../audit/index.js";
import { hashFile } from "../bundle/manifest.js";

export class SubmitError extends Error {
  override readonly name = "SubmitError";
  constructor(
    message: string,
    /** "rejected": the provider refused a request (4xx); "network": no answer; "provider": a 5xx after retries. */
    readonly kind: "rejected" | "network" | "provider",
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

// A job moves through validating_files, queued and running to one of these.
const finalStatuses: readonly string[] = ["succeeded", "failed", "cancelled"];

export interface SubmitProgress {
  status: string;
  jobId: string;
  /** Provider event messages not shown before (loss lines, "Job started"…). */
  messages: string[];
  trainedTokens?: number | null;
}

export interface SubmitOptions {
  /** `openai-compatible:<base url>` or `openai` (https://api.openai.com/v1). */
  provider: string;
  apiKey: string;
  trainingFile: string;
  validationFile?: string;
  model: string;
  suffix?: string;
  seed?: number;
  epochs?: number;
  /** The bundle's manifest digest, so the audit event ties the job to what it was trained on. */
  manifestDigest?: string;
  pollIntervalMs?: number;
  /** Stop polling (the job keeps running at the provider) after this long; default 24 h. */
  timeoutMs?: number;
  /** Upload and create only; the job id is returned with its first status. */
  noWait?: boolean;
  onProgress?: (progress: SubmitProgress) => void;
  audit?: { append(events: AuditEventInput[]): Promise<unknown> };
  /** Passed to the client (tests use 0 retries to see a drop, or a short timeout). */
  maxRetries?: number;
  requestTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  clock?: () => Date;
}

export interface SubmitResult {
  jobId: string;
  status: string;
  files: { path: string; id: string; sha256: string }[];
  fineTunedModel?: string | null;
  error?: { code?: string | null; message?: string | null; param?: string | null } | null;
}

export function providerBaseUrl(provider: string): string {
  if (provider === "openai") return "https://api.openai.com/v1";
  if (provider.startsWith("openai-compatible:")) {
    const url = provider.slice("openai-compatible:".length);
    try {
      new URL(url);
    } catch {
      throw new SubmitError(`--provider ${provider}: "${url}" is not a URL`, "rejected");
    }
    return url;
  }
  throw new SubmitError(`--provider ${provider}: expected openai or openai-compatible:<base url>`, "rejected");
}

export async function submitFineTuningJob(options: SubmitOptions): Promise<SubmitResult> {
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: providerBaseUrl(options.provider),
    maxRetries: options.maxRetries ?? 2,
    timeout: options.requestTimeoutMs ?? 600_000,
  });
  const clock = options.clock ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const traceId = `toolgate:finetune:${clock().toISOString()}`;

  const files: SubmitResult["files"] = [];
  for (const path of [options.trainingFile, ...(options.validationFile ? [options.validationFile] : [])]) {
    const { sha256 } = await hashFile(path);
    const uploaded = await call(`uploading ${basename(path)}`, () => uploadWithRetries(client, path, options.maxRetries ?? 2, sleep));
    files.push({ path, id: uploaded.id, sha256 });
  }

  let job = await call("creating the fine-tuning job", () =>
    client.fineTuning.jobs.create({
      model: options.model,
      training_file: files[0]?.id as string,
      ...(files[1] ? { validation_file: files[1].id } : {}),
      ...(options.suffix === undefined ? {} : { suffix: options.suffix }),
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(options.epochs === undefined ? {} : { method: { type: "supervised" as const, supervised: { hyperparameters: { n_epochs: options.epochs } } } }),
    }),
  );
  await options.audit?.append([
    {
      type: "dataset.finetune",
      traceId,
      at: clock().toISOString(),
      data: {
        phase: "created",
        provider: options.provider,
        jobId: job.id,
        model: options.model,
        status: job.status,
        files: files.map((file) => ({ id: file.id, name: basename(file.path), sha256: file.sha256 })),
        ...(options.manifestDigest === undefined ? {} : { manifestDigest: options.manifestDigest }),
      },
    },
  ]);

  const seenEvents = new Set<string>();
  const report = async () => {
    const page = await call("reading the job's events", () => client.fineTuning.jobs.listEvents(job.id, { limit: 50 }));
    const fresh = page.data.filter((event) => !seenEvents.has(event.id)).reverse();
    for (const event of fresh) seenEvents.add(event.id);
    options.onProgress?.({ status: job.status, jobId: job.id, messages: fresh.map((event) => event.message), trainedTokens: job.trained_tokens });
  };
  await report();
  const deadline = clock().getTime() + (options.timeoutMs ?? 24 * 3600_000);
  while (!options.noWait && !finalStatuses.includes(job.status)) {
    if (clock().getTime() > deadline) break;
    await sleep(options.pollIntervalMs ?? 10_000);
    job = await call("polling the job", () => client.fineTuning.jobs.retrieve(job.id));
    await report();
  }

  if (finalStatuses.includes(job.status)) {
    await options.audit?.append([
      {
        type: "dataset.finetune",
        traceId,
        at: clock().toISOString(),
        data: { phase: job.status, provider: options.provider, jobId: job.id, fineTunedModel: job.fine_tuned_model ?? null, trainedTokens: job.trained_tokens ?? null, error: job.error ? { code: job.error.code, message: job.error.message, param: job.error.param ?? null } : null },
      },
    ]);
  }
  return { jobId: job.id, status: job.status, files, fineTunedModel: job.fine_tuned_model ?? null, error: job.error ?? null };
}

/**
 * The client retries a dropped request by resending its body, but a file stream is spent by the first attempt; each
 * attempt here opens the file afresh, so a connection dropped mid-upload is retried with the whole file.
 */
async function uploadWithRetries(client: OpenAI, path: string, retries: number, sleep: (ms: number) => Promise<void>) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await client.files.create({ file: createReadStream(path), purpose: "fine-tune" }, { maxRetries: 0 });
    } catch (error) {
      if (!(error instanceof APIConnectionError) || attempt >= retries) throw error;
      await sleep(500 * 2 ** attempt);
    }
  }
}

/** Runs one API call and turns the client's errors into a SubmitError that says what was being done and why it failed. */
async function call<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof APIConnectionError) throw new SubmitError(`network error while ${what}: ${error.message} (the connection dropped or timed out, after the client's retries)`, "network", { cause: error });
    if (error instanceof APIError) {
      const detail = error.error as { message?: string; param?: string | null; code?: string | null } | undefined;
      const where = [detail?.param ? `param ${detail.param}` : "", detail?.code ? `code ${detail.code}` : ""].filter(Boolean).join(", ");
      const status = error.status ?? 0;
      throw new SubmitError(`the provider ${status >= 500 ? "failed" : "rejected the request"} while ${what}: HTTP ${status} ${detail?.message ?? error.message}${where ? ` (${where})` : ""}`, status >= 500 ? "provider" : "rejected", { cause: error });
    }
    throw error;
  }
}
