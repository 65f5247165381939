// Runs call strings against one side of a made-up entry, for the simulated APIs' own tests.
import type { SimulatedApi } from "../apis/simulated-api.js";
import { ApiSide } from "../execution/api-side.js";
import { parsePyJson } from "../../../../python/py-json.js";
import type { PyDict } from "../../../../python/py-value.js";
import { ReferenceRuntime, type ReferenceRuntimeOptions } from "../reference-runtime.js";

export interface ApiHarness {
  /** Each call's result string, exactly as the checker records it. */
  run(...calls: string[]): string[];
  /** The single call's result string. */
  one(call: string): string;
  api<T extends SimulatedApi>(className: string): T;
  runtime: ReferenceRuntime;
}

/** `initialConfig` is JSON text (so 10.0 stays a float), keyed by class name as in BFCL questions. */
export function apiHarness(involvedClasses: string[], initialConfig = "{}", options: ReferenceRuntimeOptions & { longContext?: boolean; runtime?: ReferenceRuntime } = {}): ApiHarness {
  const runtime = options.runtime ?? new ReferenceRuntime(options);
  const side = new ApiSide(runtime, { id: "test_entry_0", initialConfig: parsePyJson(initialConfig) as PyDict, involvedClasses, longContext: options.longContext ?? false }, "model");
  return {
    run: (...calls) => side.execute(calls),
    one: (call) => side.execute([call])[0] as string,
    api: <T extends SimulatedApi>(className: string) => side.apis().get(className) as T,
    runtime,
  };
}
