// The definition digest: what a model was promised about a tool, pinned so that a silent change is detectable.
import { digestOf } from "../record/index.js";
import type { RegisteredTool } from "./types.js";

type DigestedFields = Pick<RegisteredTool, "name" | "description" | "area" | "risk" | "inputSchema" | "outputSchema" | "idempotent" | "sensitive"> &
  Partial<Pick<RegisteredTool, "trust" | "outputOnly" | "steers" | "untrustedFields" | "sensitiveResult">>;

/** SHA-256 of the canonical JSON of everything that changes what a call means; `execute` cannot be hashed and is not. */
export function toolDefinitionDigest(tool: DigestedFields): string {
  return digestOf({
    name: tool.name,
    description: tool.description,
    area: tool.area,
    risk: tool.risk,
    inputSchema: tool.inputSchema,
    outputSchema: tool.outputSchema,
    idempotent: tool.idempotent,
    sensitive: tool.sensitive,
    // Defaults are left out so digests pinned before these fields existed stay valid.
    trust: tool.trust === "untrusted" ? "untrusted" : undefined,
    outputOnly: tool.outputOnly === true ? true : undefined,
    steers: tool.steers && Object.keys(tool.steers).length > 0 ? tool.steers : undefined,
    untrustedFields: tool.untrustedFields && tool.untrustedFields.length > 0 ? tool.untrustedFields : undefined,
    sensitiveResult: tool.sensitiveResult && tool.sensitiveResult.length > 0 ? tool.sensitiveResult : undefined,
  });
}
