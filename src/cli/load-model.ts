// The model a CLI run talks to: the spec from --model / TOOLGATE_MODEL, with the first-run download shown on stderr.
import { createProgressBar } from "../model/download/index.js";
import type { ProgressBar } from "../model/download/index.js";
import { createModel, parseModelSpec } from "../model/spec.js";
import type { ModelAdapter } from "../model/types.js";
import { usageError } from "./cli-error.js";
import type { CliOutput } from "./cli-io.js";

export const defaultModelSpec = "llama:default";

export interface LoadModelOptions {
  /** The --model flag, when given. */
  spec?: string;
  threads?: number;
  env: NodeJS.ProcessEnv;
  /** Where download progress goes; stdout stays clean for answers and --json. */
  stderr: CliOutput;
}

/** --model, else TOOLGATE_MODEL, else the embedded default. */
export function chooseModelSpec(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  return flag ?? (env.TOOLGATE_MODEL?.trim() || defaultModelSpec);
}

export async function loadModel(options: LoadModelOptions): Promise<ModelAdapter> {
  const spec = chooseModelSpec(options.spec, options.env);
  let provider: string;
  try {
    provider = parseModelSpec(spec).provider;
  } catch (error) {
    // The library's message already lists the accepted forms.
    throw usageError(error instanceof Error ? error.message : String(error), error);
  }
  let bar: ProgressBar | undefined;
  const onDownloadProgress = (progress: { receivedBytes: number; totalBytes?: number }) => {
    bar ??= createProgressBar({ label: "toolgate: downloading model", stream: options.stderr });
    bar.update(progress);
    if (progress.totalBytes !== undefined && progress.receivedBytes >= progress.totalBytes) {
      bar.done();
      bar = undefined;
    }
  };
  try {
    return await createModel(spec, { threads: options.threads, env: options.env, onDownloadProgress });
  } catch (error) {
    // Building an HTTP adapter only fails on configuration (a missing API key names its variable): the
    // invocation must change. An embedded model that cannot be found or loaded is a runtime failure.
    if (provider !== "llama") throw usageError(error instanceof Error ? error.message : String(error), error);
    throw error;
  } finally {
    bar?.done();
  }
}
