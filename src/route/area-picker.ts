// Stage one of two-stage routing: the model picks capability areas from a compact menu through a forced select_areas call.
import type { ToolSpec, Usage } from "../record/index.js";
import type { ModelAdapter } from "../model/index.js";
import type { CapabilityArea, RegisteredTool } from "../tool/index.js";
import type { AreaIndex } from "./area-index.js";
import type { QueryTerms } from "../rag/index.js";
import type { RoutingQuery } from "./query.js";
import { routingQueryText } from "./query.js";

export const selectAreasName = "select_areas";

/** `unsure` sends the router to its retrieval fallback; `reason` says why, for the routing decision. */
export type AreaPick =
  | { status: "picked"; areas: string[]; note?: string }
  /** `retryable`: the model call failed rather than answered, so asking again may get a pick. */
  | { status: "unsure"; reason: string; retryable?: true };

/** A menu line per area: its description, or a few tool names when it has none (a bare name says too little). */
export function areaMenu(areas: readonly CapabilityArea[], tools: readonly RegisteredTool[]): string {
  return areas
    .map((area) => {
      const about = area.description.trim() || `tools such as ${tools.filter((tool) => tool.area === area.name).slice(0, 6).map((tool) => tool.name).join(", ")}`;
      return `- ${area.name}: ${about}`;
    })
    .join("\n");
}

/** The forced tool: its only argument is an array whose items are the area names, so a constrained decoder cannot invent one. */
function selectAreasSpec(areaNames: readonly string[], maxAreas: number): ToolSpec {
  return {
    name: selectAreasName,
    description: `Choose the capability area or areas (at most ${maxAreas}) whose tools are needed for the user's latest request.`,
    inputSchema: {
      type: "object",
      properties: {
        areas: { type: "array", items: { type: "string", enum: [...areaNames] }, minItems: 1, maxItems: maxAreas, uniqueItems: true, description: "Area names from the menu, most relevant first." },
      },
      required: ["areas"],
      additionalProperties: false,
    },
  };
}

export interface ModelAreaPickOptions {
  model: ModelAdapter;
  areas: readonly CapabilityArea[];
  tools: readonly RegisteredTool[];
  query: RoutingQuery;
  maxAreas: number;
  signal?: AbortSignal;
}

export async function pickAreasWithModel(options: ModelAreaPickOptions): Promise<AreaPick> {
  return (await meteredModelAreaPick(options)).pick;
}

/** A model's area pick with what the call cost, so routing can account for the model calls it makes. */
export interface MeteredAreaPick {
  pick: AreaPick;
  /** Absent when the call failed: a failed request reports no usage. */
  usage?: Usage;
  /** Wall time of the select_areas call, answered or failed. */
  latencyMs: number;
}

export async function meteredModelAreaPick(options: ModelAreaPickOptions): Promise<MeteredAreaPick> {
  const names = options.areas.map((area) => area.name);
  const system =
    "You route requests to the capability areas of a tool catalogue. Call select_areas with the area or areas " +
    `(at most ${options.maxAreas}) whose tools are needed to carry out the user's latest request.\n\nAreas:\n${areaMenu(options.areas, options.tools)}`;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let response;
  try {
    response = await options.model.generate({
      messages: [{ role: "system", content: system }, { role: "user", content: routingQueryText(options.query) }],
      tools: [selectAreasSpec(names, options.maxAreas)],
      toolChoice: { tool: selectAreasName },
      temperature: 0,
      maxOutputTokens: 200,
      signal: options.signal,
    });
  } catch (error) {
    // Cancellation is the caller's; any other failure degrades to retrieval rather than ending the run.
    if (options.signal?.aborted) throw error;
    return { pick: { status: "unsure", reason: `the area pick failed (${error instanceof Error ? error.message : String(error)})`, retryable: true }, latencyMs: elapsed() };
  }
  const latencyMs = elapsed();
  const call = response.toolCalls.find((candidate) => candidate.name === selectAreasName);
  const pick: AreaPick = call ? interpretAreaPick(call.arguments, names, options.maxAreas) : { status: "unsure", reason: "the model did not call select_areas" };
  return { pick, usage: response.usage, latencyMs };
}

/** Reads select_areas arguments: names match case-insensitively; none valid, or more than `maxAreas`, is unsure. */
export function interpretAreaPick(argumentText: string, areaNames: readonly string[], maxAreas: number): AreaPick {
  let parsed: unknown;
  try {
    parsed = JSON.parse(argumentText);
  } catch {
    return { status: "unsure", reason: "select_areas arguments are not JSON" };
  }
  const raw = typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>).areas : undefined;
  const proposed = (Array.isArray(raw) ? raw : typeof raw === "string" ? [raw] : []).filter((value): value is string => typeof value === "string");
  const byLowerName = new Map(areaNames.map((name) => [name.toLowerCase(), name]));
  const valid: string[] = [];
  const invalid: string[] = [];
  for (const name of proposed) {
    const known = byLowerName.get(name.trim().toLowerCase());
    if (known === undefined) invalid.push(name);
    else if (!valid.includes(known)) valid.push(known);
  }
  if (valid.length === 0) {
    return { status: "unsure", reason: proposed.length === 0 ? "the model picked no area" : `the model picked no known area (${invalid.map((name) => JSON.stringify(name)).join(", ")})` };
  }
  if (valid.length > maxAreas) return { status: "unsure", reason: `the model picked ${valid.length} areas, more than ${maxAreas}` };
  return invalid.length > 0 ? { status: "picked", areas: valid, note: `ignored unknown areas ${invalid.map((name) => JSON.stringify(name)).join(", ")}` } : { status: "picked", areas: valid };
}

/**
 * The model-free picker: BM25 over area documents. The number of areas follows the request: the best area always, and
 * each next one (up to `maxAreas`) while its score stays within `minScoreRatio` of the best, so a request one area
 * answers exposes one area and a request that spans three exposes three. `minScoreRatio` 0 takes `maxAreas` every time.
 */
export function pickAreasByRetrieval(index: AreaIndex, query: QueryTerms, maxAreas: number, minScoreRatio = 0): AreaPick {
  const ranked = index.rank(query, maxAreas);
  if (ranked.length === 0) return { status: "unsure", reason: "no area shares a word with the request" };
  const floor = minScoreRatio * ranked[0]!.score;
  return { status: "picked", areas: ranked.filter((hit) => hit.score >= floor).map((hit) => hit.area) };
}
