// The pin file: each tool's approved definition and digest, so a silent change to a tool (rug pull) is caught before it runs.
import { digestOf } from "../../record/index.js";
import type { ToolRegistry, RegisteredTool } from "../../tool/index.js";
import { toolDefinitionDigest } from "../../tool/index.js";

/** Everything the definition digest covers, kept in the pin so a later change can be named, not only detected. */
export interface PinnedDefinition {
  name: string;
  description: string;
  area: string;
  risk: RegisteredTool["risk"];
  trust: RegisteredTool["trust"];
  outputOnly: boolean;
  inputSchema: RegisteredTool["inputSchema"];
  outputSchema?: RegisteredTool["outputSchema"];
  idempotent: boolean;
  sensitive: string[];
}

interface ToolPin {
  digest: string;
  pinnedAt: string;
  pinnedBy: string;
  definition: PinnedDefinition;
}

export interface PinFile {
  version: 1;
  tools: Record<string, ToolPin>;
}

export class PinFileError extends Error {
  override readonly name = "PinFileError";
}

export function pinnedDefinitionOf(tool: RegisteredTool): PinnedDefinition {
  return {
    name: tool.name,
    description: tool.description,
    area: tool.area,
    risk: tool.risk,
    trust: tool.trust,
    outputOnly: tool.outputOnly,
    inputSchema: tool.inputSchema,
    ...(tool.outputSchema ? { outputSchema: tool.outputSchema } : {}),
    idempotent: tool.idempotent,
    sensitive: tool.sensitive,
  };
}

export interface PinCatalogOptions {
  /** Who approved these definitions (a person or a CI job); recorded per pin. */
  pinnedBy: string;
  now?: () => Date;
  /** Pins to keep as they are where the digest is unchanged, so `pinnedAt` says when a definition was first approved. */
  previous?: PinFile;
}

/** Pins every tool of the registry at its current definition. */
export function pinCatalog(registry: Pick<ToolRegistry, "tools">, options: PinCatalogOptions): PinFile {
  const pinnedAt = (options.now ?? (() => new Date()))().toISOString();
  const tools: Record<string, ToolPin> = {};
  for (const tool of registry.tools) {
    const kept = options.previous?.tools[tool.name];
    tools[tool.name] = kept && kept.digest === tool.digest ? kept : { digest: tool.digest, pinnedAt, pinnedBy: options.pinnedBy, definition: pinnedDefinitionOf(tool) };
  }
  return { version: 1, tools };
}

/** Reads a pin file's JSON text; a malformed or tampered file is refused rather than half-trusted. */
export function parsePinFile(text: string, where = "the pin file"): PinFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new PinFileError(`${where} is not JSON (${error instanceof Error ? error.message : String(error)}); recreate it with \`toolgate tools pin --approve\``);
  }
  const file = parsed as Partial<PinFile> | null;
  if (file === null || typeof file !== "object" || file.version !== 1 || file.tools === null || typeof file.tools !== "object") {
    throw new PinFileError(`${where} is not a toolgate pin file (expected { "version": 1, "tools": { ... } }); recreate it with \`toolgate tools pin --approve\``);
  }
  for (const [name, pin] of Object.entries(file.tools)) {
    if (typeof pin?.digest !== "string" || typeof pin.definition !== "object" || pin.definition === null) {
      throw new PinFileError(`${where}: the pin of ${name} has no digest or definition; recreate it with \`toolgate tools pin --approve\``);
    }
    // The stored definition must be the one the digest was taken of, or the change report would describe a lie.
    if (toolDefinitionDigest(pin.definition) !== pin.digest) {
      throw new PinFileError(`${where}: the pin of ${name} does not match its own digest (edited by hand?); re-approve with \`toolgate tools pin --approve\``);
    }
  }
  return file as PinFile;
}

/** Names what differs between a pinned definition and the current one: `risk: read → privileged`, `inputSchema /properties/to changed`. */
export function describeDefinitionChange(pinned: PinnedDefinition, current: PinnedDefinition): string[] {
  const changes: string[] = [];
  for (const field of ["description", "area", "risk", "trust", "outputOnly", "idempotent"] as const) {
    const before = pinned[field];
    const after = current[field];
    if (before === after) continue;
    // Text is shown around what changed: cutting both sides to one prefix hides an instruction appended at the end.
    const [was, now] = typeof before === "string" && typeof after === "string" ? showChangedText(before, after) : [show(before), show(after)];
    changes.push(`${field}: ${was} → ${now}`);
  }
  if (digestOf(pinned.sensitive) !== digestOf(current.sensitive)) changes.push(`sensitive: ${show(pinned.sensitive)} → ${show(current.sensitive)}`);
  for (const field of ["inputSchema", "outputSchema"] as const) {
    const paths = differingPaths(pinned[field], current[field], "");
    if (paths.length > 0) changes.push(`${field} changed at ${paths.slice(0, 5).join(", ")}${paths.length > 5 ? ` and ${paths.length - 5} more` : ""}`);
  }
  return changes;
}

function differingPaths(before: unknown, after: unknown, path: string): string[] {
  if (digestOf(before ?? null) === digestOf(after ?? null)) return [];
  const bothObjects = before !== null && after !== null && typeof before === "object" && typeof after === "object" && Array.isArray(before) === Array.isArray(after);
  if (!bothObjects) return [path === "" ? "/" : path];
  const keys = new Set([...Object.keys(before as object), ...Object.keys(after as object)]);
  return [...keys].sort().flatMap((key) =>
    differingPaths((before as Record<string, unknown>)[key], (after as Record<string, unknown>)[key], `${path}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`),
  );
}

/** Characters of unchanged text shown on each side of a change. */
const changeContext = 24;
/** Most characters of a changed part shown; a longer one ends with how much more there is. */
const maxChangedShown = 240;

/**
 * Both texts from a little before their first difference to a little after their last, as JSON strings with `…`
 * where text is left out, so that the change itself is always in view whatever its position and length.
 */
export function showChangedText(before: string, after: string): [string, string] {
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < before.length - prefix && suffix < after.length - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  const start = Math.max(0, prefix - changeContext);
  const window = (text: string): string => {
    const changedEnd = text.length - suffix;
    const shownChangeEnd = Math.min(changedEnd, prefix + maxChangedShown);
    const cut = changedEnd - shownChangeEnd;
    const end = cut > 0 ? shownChangeEnd : Math.min(text.length, changedEnd + changeContext);
    const body = JSON.stringify(text.slice(start, end)).slice(1, -1);
    return `"${start > 0 ? "…" : ""}${body}${cut > 0 ? `… (${cut} more characters)` : end < text.length ? "…" : ""}"`;
  };
  return [window(before), window(after)];
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? "undefined";
  return text.length > 60 ? `${text.slice(0, 57)}…"` : text;
}
