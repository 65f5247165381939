// What `run`, `chat` and `resume` share: their flags laid over a --config file into one runtime configuration, and the runtime opened from it.
import { resolve } from "node:path";
import type { CaptureSource } from "../capture/index.js";
import type { ModelAdapter } from "../model/index.js";
import type { LoadedTools, Runtime, RuntimeConfig, RuntimeSetting } from "../runtime/index.js";
import { createRuntime, loadModel, loadRuntimeConfig, loadTools, resolveDataDir } from "../runtime/index.js";
import { usageError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { downloadProgress } from "./download-progress.js";
import { flagLabel, mixedLabel } from "./flag-label.js";
import { routerSetting } from "./router-option.js";
import type { SharedOptions } from "./shared-options.js";

export interface RuntimeFlags extends SharedOptions {
  /** --approvals [url]: park calls needing approval in the store and pause; true for the default store. */
  approvals?: string | true;
}

/** The configuration the flags describe: the --config file's settings, each overridden by the flag that sets it. */
function configFromFlags(flags: RuntimeFlags, cwd: string): { config: RuntimeConfig; label: (setting: RuntimeSetting) => string } {
  if (flags.role && flags.role.length > 0 && !flags.principal) throw usageError("--role needs --principal: name who the run acts for, e.g. --principal alice --role finance");
  const file = flags.config === undefined ? {} : loadRuntimeConfig(resolve(cwd, flags.config), flags.config);
  const limits = { ...file.limits, ...(flags.maxSteps !== undefined ? { maxSteps: flags.maxSteps } : {}), ...(flags.limits !== undefined ? { counters: flags.limits } : {}) };
  const fileModel = typeof file.model === "string" ? { spec: file.model } : file.model;
  const model = flags.model ?? fileModel?.spec;
  // Each model field comes from its flag, else the file; an object form without a spec keeps TOOLGATE_MODEL / the default.
  const modelFields = {
    ...(fileModel?.threads !== undefined || flags.threads !== undefined ? { threads: flags.threads ?? fileModel?.threads } : {}),
    ...(fileModel?.contextSize !== undefined || flags.contextSize !== undefined ? { contextSize: flags.contextSize ?? fileModel?.contextSize } : {}),
    ...(fileModel?.maxOutputTokens !== undefined || flags.maxOutputTokens !== undefined ? { maxOutputTokens: flags.maxOutputTokens ?? fileModel?.maxOutputTokens } : {}),
  };
  const modelSetting: RuntimeConfig["model"] =
    Object.keys(modelFields).length > 0 ? { ...(model !== undefined ? { spec: model } : {}), ...modelFields } : model;
  const router = routerSetting(flags, file.router);
  const config: RuntimeConfig = {
    ...file,
    ...(modelSetting !== undefined ? { model: modelSetting } : {}),
    ...(flags.tools !== undefined ? { tools: flags.tools } : {}),
    ...(flags.system !== undefined ? { system: flags.system } : {}),
    ...(flags.dataDir !== undefined ? { dataDir: flags.dataDir } : {}),
    ...(router !== undefined ? { router } : {}),
    ...(flags.policy !== undefined ? { policy: flags.policy } : {}),
    ...(flags.profile !== undefined ? { profile: flags.profile } : {}),
    ...(flags.principal !== undefined ? { principal: { id: flags.principal, ...(flags.role && flags.role.length > 0 ? { roles: flags.role } : {}) } } : {}),
    // --no-taint only ever switches taint off; without it the file decides (default on).
    ...(flags.taint === false ? { taint: false } : {}),
    ...(flags.spotlighting !== undefined ? { spotlighting: flags.spotlighting } : {}),
    ...(flags.isolation !== undefined ? { isolation: flags.isolation } : {}),
    ...(flags.audit !== undefined ? { audit: flags.audit } : {}),
    ...(flags.approvals !== undefined ? { approvals: flags.approvals } : {}),
    ...(Object.keys(limits).length > 0 ? { limits } : {}),
    ...(flags.pins !== undefined ? { pins: flags.pins } : {}),
    ...(flags.capture !== undefined ? { capture: flags.capture } : {}),
  };
  if (flags.config === undefined) return { config, label: flagLabel };
  const fromFile = new Set<RuntimeSetting>();
  const given: Array<[RuntimeSetting, unknown, unknown]> = [
    ["model", file.model, flags.model],
    ["tools", file.tools, flags.tools],
    ["dataDir", file.dataDir, flags.dataDir],
    ["router", file.router?.name, flags.router],
    ["router.embeddingModel", file.router?.embeddingModel, flags.embeddingModel],
    ["router.examples", file.router?.examples, flags.examples],
    ["policy", file.policy, flags.policy],
    ["isolation", file.isolation, flags.isolation],
    ["principal", file.principal, flags.principal],
    ["audit", file.audit, flags.audit],
    ["approvals", file.approvals, flags.approvals],
    ["limits.counters", file.limits?.counters, flags.limits],
    ["pins", file.pins, flags.pins],
    ["capture", file.capture, flags.capture],
  ];
  for (const [setting, inFile, flag] of given) if (inFile !== undefined && flag === undefined) fromFile.add(setting);
  return { config, label: mixedLabel(fromFile, flags.config) };
}

/** Opens the runtime the flags describe; configuration mistakes surface as usage errors (exit 2) naming the flag or the file's key. */
export async function openCliRuntime(flags: RuntimeFlags, io: CliIo, captureSource?: CaptureSource): Promise<Runtime> {
  const cwd = io.cwd ?? process.cwd();
  const { config, label } = configFromFlags(flags, cwd);
  const progress = downloadProgress(io.stderr);
  try {
    return await createRuntime(config, { cwd, env: io.env, label, onDownloadProgress: progress.onDownloadProgress, ...(captureSource ? { captureSource } : {}) });
  } finally {
    progress.done();
  }
}

/** The model for commands that need only a model (eval run, route): --model, else TOOLGATE_MODEL, else the default, with the download shown. */
export async function loadCliModel(flags: { model?: string; threads?: number }, io: CliIo): Promise<ModelAdapter> {
  const progress = downloadProgress(io.stderr);
  try {
    return await loadModel({ ...(flags.model !== undefined ? { spec: flags.model } : {}), ...(flags.threads !== undefined ? { threads: flags.threads } : {}), env: io.env, onDownloadProgress: progress.onDownloadProgress });
  } finally {
    progress.done();
  }
}

/** The tools for commands that need only the catalog (tools, replay, route): --tools, else the example, errors naming --tools. */
export function loadCliTools(flags: { tools?: string; dataDir?: string }, io: CliIo, dataDir?: string): Promise<LoadedTools> {
  const cwd = io.cwd ?? process.cwd();
  return loadTools({ ...(flags.tools !== undefined ? { file: flags.tools } : {}), dataDir: dataDir ?? resolveDataDir(flags.dataDir, io.env, cwd), cwd, label: flagLabel });
}
