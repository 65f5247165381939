// For the audit CLI tests: trails recorded by the real loop, gate and recorder at chosen times, signed with the key the CLI itself resolves.
import { runAgent } from "../../agent/index.js";
import type { AuditSigner, AuditVerifier } from "../../audit/index.js";
import { auditRecorder, defaultAuditKeyPath, openAuditStore, resolveAuditKey } from "../../audit/index.js";
import { scriptedModel } from "../../model/scripted.js";
import { createToolRegistry, defineTool } from "../../tool/index.js";

/** The signer `toolgate` uses for `url` from `cwd`, creating the key file beside the store as the first `run` would. */
export function cliSigner(url: string, cwd: string, env: NodeJS.ProcessEnv = {}): AuditSigner {
  return resolveAuditKey({ env, keyPath: defaultAuditKeyPath(url, cwd), cwd }).signer;
}

const findCustomer = defineTool({
  name: "find_customer",
  description: "Look a customer up by email.",
  area: "accounts",
  risk: "read",
  input: { type: "object", properties: { email: { type: "string" } }, required: ["email"], additionalProperties: false },
  execute: (args: { email: string }) => ({ count: 1, matches: [{ customer_id: "C-1001", email: args.email }] }),
});
const registry = createToolRegistry({ tools: [findCustomer] });

/** Where one recorded run landed in the chain. */
export interface SeededRun {
  traceId: string;
  firstSeq: number;
  lastSeq: number;
}

/**
 * Records each run (one find_customer call, then an answer) with a clock starting at its `at` and ticking a second
 * per reading, then closes the store, which writes the closing checkpoint at `closingSeq`, as the CLI does.
 */
export async function seedRuns(
  url: string,
  cwd: string,
  runs: Array<{ traceId: string; at: Date }>,
  keys: { signer: AuditSigner; verifier?: AuditVerifier },
): Promise<{ runs: SeededRun[]; closingSeq: number }> {
  const store = await openAuditStore(url, { ...keys, cwd });
  const seeded: SeededRun[] = [];
  try {
    for (const run of runs) {
      let tick = run.at.getTime();
      const now = () => new Date((tick += 1000));
      await runAgent({
        model: scriptedModel([{ toolCalls: [{ name: "find_customer", arguments: '{"email":"maria.lopez@example.com"}' }] }, "Found Maria."], "openai-compatible:http://127.0.0.1:1/v1#seeded"),
        tools: registry,
        messages: [{ role: "user", content: "find maria" }],
        sink: auditRecorder(store, { registry, now }),
        traceId: run.traceId,
        now,
      });
      const events = await store.read({ traceId: run.traceId });
      seeded.push({ traceId: run.traceId, firstSeq: events[0]!.seq, lastSeq: events.at(-1)!.seq });
    }
  } finally {
    await store.close();
  }
  return { runs: seeded, closingSeq: (seeded.at(-1)?.lastSeq ?? 0) + 1 };
}

export const daysAgo = (days: number, from = new Date()) => new Date(from.getTime() - days * 86_400_000);
