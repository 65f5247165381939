// Replays a case's ground-truth calls on a fresh environment through the real gate, in order, as the reference state.
import type { CallRecord } from "../../record/index.js";
import { createGate } from "../../gate/index.js";
import { createToolRegistry } from "../../tool/index.js";
import type { GroundTruthCall } from "../cases/index.js";
import type { StateEnvironment } from "./state-environment.js";

/** A ground-truth call the environment refused: the case is wrong, not the model. */
export class GroundTruthError extends Error {
  override readonly name = "GroundTruthError";
}

export async function replayCalls(environment: StateEnvironment, calls: readonly GroundTruthCall[], options: { now: () => Date }): Promise<CallRecord[]> {
  const registry = createToolRegistry({ tools: environment.tools, areas: environment.areas });
  // Ground truth is not a model: its calls, however many in one "step", are never capped or rate-limited.
  const gate = createGate({ registry, now: options.now, newId: sequentialIds("truth"), callCaps: false, rateLimits: [] });
  const records: CallRecord[] = [];
  // One at a time: ground truth is a sequence, later calls may depend on what earlier ones wrote.
  for (const [index, call] of calls.entries()) {
    const record = await gate.handle(
      { id: `truth_${index}`, name: call.name, arguments: JSON.stringify(call.arguments) },
      { traceId: "ground-truth", step: 0, index, signal: new AbortController().signal },
    );
    if (record.status !== "succeeded") {
      const reason = record.outcome.ok ? record.status : record.outcome.error.message;
      throw new GroundTruthError(`ground-truth call #${index + 1} ${call.name} did not succeed (${reason}); fix expect.effects in the case`);
    }
    records.push(record);
  }
  return records;
}

function sequentialIds(prefix: string): () => string {
  let next = 0;
  return () => `${prefix}-${++next}`;
}
