// The model folder BFCL result files go under: the model's own name from the spec, made safe for a path.
import { basename } from "node:path";
import { parseModelSpec } from "../../../model/index.js";

/** `openai-compatible:http://h/v1#qwen/qwen3-8b` → `qwen_qwen3-8b`, `llama:/m/tiny.gguf` → `tiny`; BFCL replaces `/` with `_` too. */
export function bfclModelName(modelSpec: string): string {
  let name = modelSpec;
  try {
    const spec = parseModelSpec(modelSpec);
    name = spec.provider === "llama" && spec.model !== "default" ? basename(spec.model).replace(/\.gguf$/i, "") : spec.model;
  } catch {
    // Not a spec createModel knows (a scripted model's id): its text is the name.
  }
  return name.replace(/[/\\:]/g, "_").replace(/[^\w.+-]/g, "_") || "model";
}
