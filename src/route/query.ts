// What a router routes on: the latest user request plus a little earlier context, and tools a search_tools call surfaced this turn.
import type { ChatMessage } from "../record/index.js";
import type { QueryTerms } from "../rag/index.js";
import { weighQuery } from "../rag/index.js";
import { tokenize } from "./tokenize.js";

export interface RoutingQuery {
  /** The latest user message. */
  latest: string;
  /** Earlier user messages, oldest first: a follow-up such as "Tuesday at 10 then" only makes sense with them. */
  context: string[];
}

/** Earlier user messages to carry along by default. */
const defaultContextTurns = 1;
/** Context counts half as much as the latest request: it disambiguates, it should not steer. */
const contextWeight = 0.5;

/** The routing query of a conversation, or undefined when no user has said anything yet. */
export function routingQuery(messages: readonly ChatMessage[], contextTurns = defaultContextTurns): RoutingQuery | undefined {
  const users = messages.filter((message) => message.role === "user" && message.content.trim() !== "");
  const latest = users.at(-1);
  if (!latest) return undefined;
  const context = contextTurns > 0 ? users.slice(Math.max(0, users.length - 1 - contextTurns), -1).map((message) => message.content) : [];
  return { latest: latest.content, context };
}

export function routingQueryTerms(query: RoutingQuery): QueryTerms {
  return weighQuery([{ terms: tokenize(query.latest), weight: 1 }, ...query.context.map((text) => ({ terms: tokenize(text), weight: contextWeight }))]);
}

/** One text for models (embedding or area picking): earlier requests first, the latest last. */
export function routingQueryText(query: RoutingQuery): string {
  return query.context.length === 0 ? query.latest : [...query.context.map((text) => `Earlier: ${text}`), `Now: ${query.latest}`].join("\n");
}

/** Same query, same key: routers memoise per-query work (an area pick, a query embedding) across the steps of a turn. */
export function routingQueryKey(query: RoutingQuery): string {
  return JSON.stringify([query.context, query.latest]);
}

/**
 * Tool names that search_tools returned since the latest user message, in the order they were returned. Read from
 * the tool results in the conversation (what the model was actually told), not from router state, so a replayed
 * conversation widens the same way. Failed or unparseable results widen nothing.
 */
export function searchedToolNames(messages: readonly ChatMessage[], searchToolName: string): string[] {
  let start = 0;
  messages.forEach((message, index) => {
    if (message.role === "user") start = index + 1;
  });
  const names: string[] = [];
  for (const message of messages.slice(start)) {
    if (message.role !== "tool" || message.toolName !== searchToolName) continue;
    for (const name of namesInResult(message.content)) if (!names.includes(name)) names.push(name);
  }
  return names;
}

function namesInResult(content: string): string[] {
  let outcome: unknown;
  try {
    outcome = JSON.parse(content);
  } catch {
    return [];
  }
  if (!isRecord(outcome) || outcome.ok !== true || !isRecord(outcome.result) || !Array.isArray(outcome.result.tools)) return [];
  return outcome.result.tools.flatMap((entry) => (isRecord(entry) && typeof entry.name === "string" ? [entry.name] : []));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
