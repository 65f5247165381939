// The flat router: every tool, every step. The baseline the narrowing routers are measured against.
import type { Router } from "./types.js";

export function createFlatRouter(): Router {
  return async ({ registry }) => ({ tools: registry, routing: { router: "flat", reason: `all ${registry.tools.length} tools` } });
}
