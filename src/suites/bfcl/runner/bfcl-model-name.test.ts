// The model folder of BFCL result files, from the model spec.
import { describe, expect, it } from "vitest";
import { bfclModelName } from "./bfcl-model-name.js";

describe("bfclModelName", () => {
  it("uses the model's own name, path-safe", () => {
    expect(bfclModelName("openai-compatible:http://127.0.0.1:8000/v1#qwen/qwen3-8b")).toBe("qwen_qwen3-8b");
    expect(bfclModelName("openai:gpt-4.1-mini")).toBe("gpt-4.1-mini");
    expect(bfclModelName("ollama:llama3.1:8b")).toBe("llama3.1_8b");
    expect(bfclModelName("llama:/models/tiny-random.gguf")).toBe("tiny-random");
    expect(bfclModelName("scripted")).toBe("scripted");
  });
});
