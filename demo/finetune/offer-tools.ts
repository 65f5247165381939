// A training row from a captured run carries every tool the run showed (the whole catalog: ~5k Llama 2 tokens of
// schemas). For the tiny demo model each row offers the tools its calls use plus seeded distractors from that same
// list, as many tools as a held-back case offers, so rows fit the context and still ask the model to choose.
import type { DatasetRecord } from "../../src/dataset/index.js";
import { seededRandom } from "../../src/dataset/index.js";

/** Deterministic per row (its id and the seed); the kept tools stay in the run's order; recorded in meta.extra.offeredTools. */
export function offerTools(row: DatasetRecord, toolsPerRow: number, seed: number): DatasetRecord {
  const used = new Set(row.messages.flatMap((message) => (message.role === "assistant" ? (message.tool_calls ?? []).map((call) => call.function.name) : [])));
  let state = seed;
  for (const char of row.meta.id) state = (Math.imul(state, 31) + char.charCodeAt(0)) >>> 0;
  const next = seededRandom(state);
  const others = row.tools.filter((tool) => !used.has(tool.function.name)).map((tool) => ({ name: tool.function.name, key: next() })).sort((a, b) => a.key - b.key);
  const keep = new Set([...used, ...others.slice(0, Math.max(0, toolsPerRow - used.size)).map((entry) => entry.name)]);
  const tools = row.tools.filter((tool) => keep.has(tool.function.name));
  return { ...row, tools, meta: { ...row.meta, extra: { ...row.meta.extra, offeredTools: `${used.size} used + ${tools.length - used.size} distractor(s) of ${row.tools.length} shown` } } };
}
