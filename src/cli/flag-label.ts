// How runtime settings are named in the CLI's messages: by the flag that sets them, or by the key in the --config file.
import type { RuntimeSetting } from "../runtime/index.js";

const flags: Record<RuntimeSetting, string> = {
  config: "--config",
  model: "--model",
  tools: "--tools",
  dataDir: "--data-dir",
  router: "--router",
  "router.embeddingModel": "--embedding-model",
  "router.examples": "--examples",
  policy: "--policy",
  isolation: "--isolation",
  principal: "--principal",
  audit: "--audit",
  approvals: "--approvals",
  "limits.counters": "--limits",
  pins: "--pins",
  mcp: "mcp",
  capture: "--capture",
};

/** Every setting by its flag: for commands without --config. */
export const flagLabel = (setting: RuntimeSetting): string => flags[setting];

/** Settings the file gave are named by key and file (`pins in toolgate.yaml`), the rest by flag. */
export function mixedLabel(fromFile: ReadonlySet<RuntimeSetting>, file: string): (setting: RuntimeSetting) => string {
  return (setting) => (fromFile.has(setting) ? `${setting} in ${file}` : flags[setting]);
}
