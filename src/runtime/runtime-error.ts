// The error a runtime configuration that cannot be used raises: which setting, and a message that names the fix.

/** The settings of a runtime configuration, as named in toolgate.yaml; callers map them to their own words (CLI flags). */
export type RuntimeSetting =
  | "config"
  | "model"
  | "tools"
  | "dataDir"
  | "router"
  | "router.embeddingModel"
  | "router.examples"
  | "policy"
  | "isolation"
  | "principal"
  | "audit"
  | "approvals"
  | "limits.counters"
  | "pins"
  | "mcp"
  | "capture";

/**
 * The configuration is wrong (a missing file, a malformed policy, an unknown URL scheme): the caller must change it.
 * Failures of a right configuration (a model that cannot load, a store that goes away) are ordinary errors.
 */
export class RuntimeConfigError extends Error {
  override readonly name = "RuntimeConfigError";
  readonly setting: RuntimeSetting;
  constructor(setting: RuntimeSetting, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.setting = setting;
  }
}

/** How a setting is named in messages: `pins` by default; the CLI passes `--pins` for settings given as flags. */
export type SettingLabel = (setting: RuntimeSetting) => string;

export const configKeyLabel: SettingLabel = (setting) => setting;
