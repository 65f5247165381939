// For the audit read-side tests: a real SQLite audit store in a temp directory, and runs recorded into it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Trace } from "../../record/index.js";
import type { RunAgentOptions } from "../../agent/index.js";
import { runAgent } from "../../agent/index.js";
import type { ScriptedTurn } from "../../model/scripted.js";
import { scriptedModel } from "../../model/scripted.js";
import type { ToolRegistry } from "../../tool/index.js";
import type { AuditEvent, AuditStore } from "../index.js";
import { createAuditSigner, openAuditStore } from "../index.js";
import { auditRecorder } from "../recorder.js";

export interface TempAuditStore {
  store: AuditStore;
  path: string;
  dir: string;
  remove(): Promise<void>;
}

const fixtureSecret = "toolgate-test-secret-0123456789";

export async function tempAuditStore(): Promise<TempAuditStore> {
  const dir = mkdtempSync(join(tmpdir(), "toolgate-audit-"));
  const path = join(dir, "audit.db");
  const store = await openAuditStore(`sqlite:${path}`, { signer: createAuditSigner({ hmacSecret: fixtureSecret }) });
  return {
    store,
    path,
    dir,
    async remove() {
      await store.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs a scripted conversation through the real loop and gate, recording to `store`; returns the trace and its events. */
export async function recordScriptedRun(
  store: AuditStore,
  registry: ToolRegistry,
  turns: ScriptedTurn[],
  options: Partial<Omit<RunAgentOptions, "model" | "tools" | "sink">> = {},
): Promise<{ trace: Trace; events: AuditEvent[] }> {
  const trace = await runAgent({
    model: scriptedModel(turns, "openai-compatible:http://127.0.0.1:1/v1#scripted"),
    tools: registry,
    messages: [{ role: "user", content: "help me" }],
    sink: auditRecorder(store, { registry }),
    ...options,
  });
  return { trace, events: await store.read({ traceId: trace.id }) };
}
