// Makes rows fit the training context by declared strategies, applied in order, each change recorded on the row.
import type { DatasetRecord, RecordMessage, RecordRepair } from "../record.js";
import type { RowTokenCount, TokenCounter } from "./count-tokens.js";

/**
 * - `keep-used-tools`: offer only the tools the row calls (no-call rows keep theirs: which tools were declined is the lesson)
 * - `trim-tool-results`: shorten the longest tool results, leaving a marker that says how much was cut
 * - `drop-oldest-turns`: remove whole user turns from the front, keeping system, tools and the last exchange
 * - `drop`: leave the row out
 */
const fitStrategies = ["keep-used-tools", "trim-tool-results", "drop-oldest-turns", "drop"] as const;
export type FitStrategy = (typeof fitStrategies)[number];

export interface FitAction {
  id: string;
  strategy: FitStrategy;
  tokensBefore: number;
  tokensAfter: number;
  detail: string;
}

export interface DroppedRow {
  id: string;
  tokens: number;
  reason: string;
}

export interface FitResult {
  record: DatasetRecord;
  count: RowTokenCount;
  actions: FitAction[];
}

/** Below this many characters a tool result is not trimmed further: a stub would teach nothing. */
const minimumToolResultChars = 200;

export function parseFitStrategies(text: string): FitStrategy[] {
  const names = text.split(",").map((name) => name.trim()).filter((name) => name !== "");
  for (const name of names) {
    if (!(fitStrategies as readonly string[]).includes(name)) throw new Error(`unknown context strategy "${name}" (known: ${fitStrategies.join(", ")})`);
  }
  return names as FitStrategy[];
}

/**
 * Fits one row into `maxTokens`. Returns the (possibly changed) row with its final count, or a DroppedRow when `drop`
 * is declared or no strategy made it fit: a row is never left over the limit and never dropped silently.
 */
export function fitRowToContext(record: DatasetRecord, counter: TokenCounter, maxTokens: number, strategies: readonly FitStrategy[]): FitResult | DroppedRow {
  let current = record;
  let total = counter.countTotal(current);
  const actions: FitAction[] = [];
  for (const strategy of strategies) {
    if (total <= maxTokens) break;
    if (strategy === "drop") return { id: record.meta.id, tokens: total, reason: `${total} tokens > context ${maxTokens} (strategy drop)` };
    const step = applyStrategy(strategy, current, counter, maxTokens);
    if (!step) continue;
    const after = counter.countTotal(step.record);
    actions.push({ id: record.meta.id, strategy, tokensBefore: total, tokensAfter: after, detail: step.detail });
    current = withRepair(step.record, { step: "tokens", kind: strategy, field: step.field, detail: `${step.detail}; ${total} → ${after} tokens` });
    total = after;
  }
  if (total > maxTokens) {
    const tried = actions.map((action) => action.strategy).join(", ") || "none applicable";
    return { id: record.meta.id, tokens: total, reason: `${total} tokens > context ${maxTokens} after ${tried}` };
  }
  return { record: current, count: counter.count(current), actions };
}

export function isDropped(result: FitResult | DroppedRow): result is DroppedRow {
  return "reason" in result;
}

interface StrategyStep {
  record: DatasetRecord;
  field: string;
  detail: string;
}

function applyStrategy(strategy: Exclude<FitStrategy, "drop">, record: DatasetRecord, counter: TokenCounter, maxTokens: number): StrategyStep | undefined {
  if (strategy === "keep-used-tools") return keepUsedTools(record);
  if (strategy === "trim-tool-results") return trimToolResults(record, counter, maxTokens);
  return dropOldestTurns(record, counter, maxTokens);
}

/** The row offering only the tools it calls, or undefined when that changes nothing (or the row calls none). */
function keepUsedTools(record: DatasetRecord): StrategyStep | undefined {
  const used = new Set<string>();
  for (const message of record.messages) if (message.role === "assistant") for (const call of message.tool_calls ?? []) used.add(call.function.name);
  if (used.size === 0) return undefined;
  const tools = record.tools.filter((tool) => used.has(tool.function.name));
  if (tools.length === record.tools.length) return undefined;
  return { record: { ...record, tools }, field: "tools", detail: `kept ${tools.length} of ${record.tools.length} tools (the ones the row calls)` };
}

function trimToolResults(record: DatasetRecord, counter: TokenCounter, maxTokens: number): StrategyStep | undefined {
  let messages = record.messages;
  const trimmed = new Set<number>();
  // Halve the longest result until the row fits or every result is at the floor; each pass re-counts the real tokens.
  for (;;) {
    const longest = longestToolResult(messages);
    if (longest === undefined) break;
    const message = messages[longest] as Extract<RecordMessage, { role: "tool" }>;
    const original = (record.messages[longest] as Extract<RecordMessage, { role: "tool" }>).content;
    const keep = Math.max(minimumToolResultChars, Math.floor(visibleLength(message.content) / 2));
    messages = messages.map((item, index) => (index === longest ? { ...message, content: original.slice(0, keep) + trimMarker(original.length - keep) } : item));
    trimmed.add(longest);
    if (counter.countTotal({ ...record, messages }) <= maxTokens) break;
  }
  if (trimmed.size === 0) return undefined;
  const fields = [...trimmed].sort((a, b) => a - b).map((index) => `messages[${index}].content`);
  return { record: { ...record, messages }, field: fields.join(","), detail: `trimmed ${trimmed.size} tool result(s) with a marker` };
}

const trimMarker = (cut: number) => `\n…[toolgate: ${cut} characters trimmed to fit the context]`;

/** Length of a result without a marker already appended by an earlier pass. */
function visibleLength(content: string): number {
  const at = content.lastIndexOf("\n…[toolgate: ");
  return at === -1 ? content.length : at;
}

function longestToolResult(messages: readonly RecordMessage[]): number | undefined {
  let best: number | undefined;
  let bestLength = minimumToolResultChars;
  messages.forEach((message, index) => {
    if (message.role !== "tool") return;
    const length = visibleLength(message.content);
    if (length > bestLength) {
      best = index;
      bestLength = length;
    }
  });
  return best;
}

function dropOldestTurns(record: DatasetRecord, counter: TokenCounter, maxTokens: number): StrategyStep | undefined {
  const start = record.messages[0]?.role === "system" ? 1 : 0;
  const userStarts = record.messages.map((message, index) => (message.role === "user" && index >= start ? index : -1)).filter((index) => index >= 0);
  // Cut points are user turns after the first: the row then starts at that user turn; the last one is the last exchange.
  let dropped = 0;
  let messages = record.messages;
  for (let cut = 1; cut < userStarts.length; cut++) {
    const from = userStarts[cut] as number;
    messages = [...record.messages.slice(0, start), ...record.messages.slice(from)];
    dropped = from - start;
    if (counter.countTotal({ ...record, messages }) <= maxTokens) break;
  }
  if (dropped === 0) return undefined;
  return { record: { ...record, messages }, field: "messages", detail: `dropped the ${dropped} oldest message(s), kept system, tools and the last exchange` };
}

function withRepair(record: DatasetRecord, repair: RecordRepair): DatasetRecord {
  return { ...record, meta: { ...record.meta, repairs: [...(record.meta.repairs ?? []), repair] } };
}
