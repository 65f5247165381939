// A loopback server speaking OpenAI's files and fine_tuning.jobs API, with the failures submit must survive or report.
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FineTuningServerOptions {
  /** Upload attempts to cut off mid-body (the socket is destroyed) before one is accepted. */
  dropUploads?: number;
  /** Statuses the job walks through, one per poll; the last is final. */
  statuses?: string[];
  /** When the job ends `failed`, the error it reports. */
  failure?: { code: string; message: string; param?: string | null };
}

export interface FineTuningServer {
  url: string;
  uploads: { filename: string; purpose: string; content: string }[];
  uploadAttempts: number;
  jobs: Record<string, unknown>[];
  close(): Promise<void>;
}

export async function startFineTuningServer(options: FineTuningServerOptions = {}): Promise<FineTuningServer> {
  const statuses = options.statuses ?? ["validating_files", "queued", "running", "succeeded"];
  const state: FineTuningServer = { url: "", uploads: [], uploadAttempts: 0, jobs: [], close: async () => {} };
  const events: { id: string; object: string; created_at: number; level: string; message: string; type: string }[] = [];
  let polls = 0;
  let dropsLeft = options.dropUploads ?? 0;

  const json = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  };
  const invalid = (response: ServerResponse, message: string, param: string, code: string) => json(response, 400, { error: { message, type: "invalid_request_error", param, code } });
  const addEvent = (message: string) => events.push({ id: `ftevent-${events.length + 1}`, object: "fine_tuning.job.event", created_at: 1_765_000_000 + events.length, level: "info", message, type: "message" });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (request.headers.authorization !== "Bearer test-key") return json(response, 401, { error: { message: "Incorrect API key provided", type: "invalid_request_error", param: null, code: "invalid_api_key" } });
    if (request.method === "POST" && url.pathname === "/v1/files") {
      state.uploadAttempts += 1;
      if (dropsLeft > 0) {
        dropsLeft -= 1;
        // Read a little of the body, then drop the connection: a network failure mid-upload.
        request.once("data", () => request.socket.destroy());
        return;
      }
      const body = Buffer.concat(await chunks(request));
      const form = await new Request("http://localhost/v1/files", { method: "POST", headers: { "content-type": String(request.headers["content-type"]) }, body }).formData();
      const file = form.get("file");
      const purpose = String(form.get("purpose"));
      if (!(file instanceof Blob)) return invalid(response, "'file' is a required property", "file", "missing_required_parameter");
      if (purpose !== "fine-tune") return invalid(response, `'${purpose}' is not one of ['fine-tune', 'assistants', 'batch']`, "purpose", "invalid_value");
      const content = await file.text();
      const lines = content.split("\n").filter((line) => line.trim() !== "");
      for (const [index, line] of lines.entries()) {
        let row: unknown;
        try {
          row = JSON.parse(line);
        } catch {
          return invalid(response, `Invalid file format. Line ${index + 1} is not valid JSON.`, "file", "invalid_file_format");
        }
        if (!row || typeof row !== "object" || !Array.isArray((row as { messages?: unknown }).messages)) return invalid(response, `Invalid file format. Line ${index + 1}: missing 'messages'.`, "file", "invalid_file_format");
      }
      const filename = file instanceof File ? file.name : "upload.jsonl";
      state.uploads.push({ filename, purpose, content });
      return json(response, 200, { id: `file-${state.uploads.length}`, object: "file", bytes: Buffer.byteLength(content), created_at: 1_765_000_000, filename, purpose, status: "processed" });
    }
    if (request.method === "POST" && url.pathname === "/v1/fine_tuning/jobs") {
      const body = JSON.parse(Buffer.concat(await chunks(request)).toString("utf8")) as Record<string, unknown>;
      if (typeof body.training_file !== "string" || !state.uploads[Number(String(body.training_file).slice(5)) - 1]) return invalid(response, `invalid training_file: ${String(body.training_file)}`, "training_file", "invalid_file");
      const job = { id: `ftjob-${state.jobs.length + 1}`, object: "fine_tuning.job", model: body.model, created_at: 1_765_000_000, finished_at: null, fine_tuned_model: null, organization_id: "org-test", result_files: [], status: statuses[0], training_file: body.training_file, validation_file: body.validation_file ?? null, hyperparameters: { n_epochs: "auto" }, trained_tokens: null, error: null, seed: body.seed ?? 0, method: body.method ?? null };
      state.jobs.push(job);
      addEvent(`Created fine-tuning job: ${job.id}`);
      return json(response, 200, job);
    }
    const eventsMatch = /^\/v1\/fine_tuning\/jobs\/([^/]+)\/events$/.exec(url.pathname);
    if (request.method === "GET" && eventsMatch) return json(response, 200, { object: "list", data: [...events].reverse(), has_more: false });
    const jobMatch = /^\/v1\/fine_tuning\/jobs\/([^/]+)$/.exec(url.pathname);
    if (request.method === "GET" && jobMatch) {
      const job = state.jobs.find((candidate) => candidate.id === jobMatch[1]);
      if (!job) return json(response, 404, { error: { message: `No such job: ${jobMatch[1]}`, type: "invalid_request_error", param: null, code: null } });
      polls += 1;
      const status = statuses[Math.min(polls, statuses.length - 1)] as string;
      if (status !== job.status) {
        job.status = status;
        addEvent(status === "running" ? "Fine-tuning job started" : status === "succeeded" ? "The job has successfully completed" : `Job ${status}`);
        if (status === "running") addEvent("Step 1/10: training loss=1.93");
        if (status === "succeeded") Object.assign(job, { fine_tuned_model: `ft:${String(job.model)}:toolgate::abc123`, trained_tokens: 12345, finished_at: 1_765_000_100 });
        if (status === "failed") job.error = { code: options.failure?.code ?? "invalid_training_file", message: options.failure?.message ?? "The job failed due to an invalid training file.", param: options.failure?.param ?? "training_file" };
      }
      return json(response, 200, job);
    }
    json(response, 404, { error: { message: `no route ${request.method} ${url.pathname}`, type: "invalid_request_error", param: null, code: null } });
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => json(response, 500, { error: { message: String(error), type: "server_error", param: null, code: null } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

async function chunks(request: IncomingMessage): Promise<Buffer[]> {
  const parts: Buffer[] = [];
  for await (const chunk of request) parts.push(chunk as Buffer);
  return parts;
}
