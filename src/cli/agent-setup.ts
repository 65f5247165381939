// What `run` and `chat` both open before the first turn: the tools, the model and the system prompt, and how to close them.
import type { ModelAdapter } from "../model/types.js";
import type { ToolRegistry } from "../tool/index.js";
import type { CliIo } from "./cli-io.js";
import { loadModel } from "./load-model.js";
import { loadTools, resolveDataDir } from "./load-tools.js";
import type { SharedOptions } from "./shared-options.js";

export interface AgentSetup {
  model: ModelAdapter;
  registry: ToolRegistry;
  system?: string;
  toolsSource: string;
  close(): Promise<void>;
}

export async function setUpAgent(options: SharedOptions, io: CliIo): Promise<AgentSetup> {
  const cwd = io.cwd ?? process.cwd();
  // Tools first: a bad --tools file should fail before a model is downloaded or loaded.
  const tools = await loadTools({ file: options.tools, dataDir: resolveDataDir(options.dataDir, io.env, cwd), cwd });
  let model: ModelAdapter;
  try {
    model = await loadModel({ spec: options.model, threads: options.threads, env: io.env, stderr: io.stderr });
  } catch (error) {
    tools.close();
    throw error;
  }
  return {
    model,
    registry: tools.registry,
    system: options.system ?? tools.systemPrompt,
    toolsSource: tools.source,
    async close() {
      try {
        await model.close?.();
      } finally {
        tools.close();
      }
    },
  };
}
