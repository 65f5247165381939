// The options `run` and `chat` share: model, tools, limits and data directory, declared once and read into one shape.
import type { Command } from "commander";
import { InvalidArgumentError, Option } from "commander";
import { acceptedModelSpecs } from "../model/index.js";
import type { PolicyProfile } from "../policy/index.js";
import type { IsolationMode, SpotlightingMode } from "../runtime/index.js";
import { defaultMaxSteps, defaultModelSpec, isolationModes, spotlightingModes } from "../runtime/index.js";
import type { RouterFlags } from "./router-option.js";
import { profileOption } from "./profile-option.js";
import { addRouterOptions } from "./router-option.js";

export interface SharedOptions extends RouterFlags {
  /** --config <file>: a toolgate.yaml runtime configuration; flags given on the command line override it. */
  config?: string;
  model?: string;
  tools?: string;
  /** Undefined unless given, so a --config file's limits.maxSteps can apply. */
  maxSteps?: number;
  threads?: number;
  /** --context-size: an embedded model's context window in tokens. */
  contextSize?: number;
  /** --max-output-tokens: bound on generated tokens per model call. */
  maxOutputTokens?: number;
  system?: string;
  dataDir?: string;
  /** --audit <url>: the store to record to; false with --no-audit; undefined for the default under the data directory. */
  audit?: string | false;
  /** --policy <file>: a YAML policy; absent: the built-in defaultPolicy(). */
  policy?: string;
  /** --profile: the built-in policy's profile without --policy (strict: privileged calls ask; data-flow: proven calls run). */
  profile?: PolicyProfile;
  principal?: string;
  role?: string[];
  /** --limits <url>: where rate-limit and budget counters live (default sqlite:<data dir>/limits.db). */
  limits?: string;
  /** --pins <file>: calls to tools whose definition differs from the pin file are denied. */
  pins?: string;
  /** --no-taint sets false: values from untrusted tool results are no longer tracked into later calls. */
  taint?: boolean;
  /** --capture <url>: keep each run's content (masked) in this store for fine-tuning data. */
  capture?: string;
  /** --spotlighting: how untrusted tool results are marked before the model reads them. */
  spotlighting?: SpotlightingMode;
  /** --isolation: run each tool call in a worker thread or a child process its timeout stops. */
  isolation?: IsolationMode;
}

export function addSharedOptions(command: Command): Command {
  return addRouterOptions(command)
    .option("--config <file>", "a toolgate.yaml runtime configuration (model, tools, router, policy, stores, limits); flags given here override it")
    .option("--model <spec>", `model to use: ${acceptedModelSpecs.join(" | ")} (default: $TOOLGATE_MODEL, else ${defaultModelSpec})`)
    .option("--tools <file>", "a .ts/.js/.mjs module exporting `tools` (and optionally `areas`, `systemPrompt`); default: the customer-service example")
    .option("--max-steps <n>", `model calls per run at most (default: ${defaultMaxSteps})`, positiveInteger("--max-steps"))
    .option("--threads <n>", "CPU threads for an embedded llama model", positiveInteger("--threads"))
    .option("--system <text>", "system prompt, replacing the one the tools provide")
    .option("--data-dir <dir>", "where the example catalog keeps its database (default: $TOOLGATE_HOME, else .toolgate)")
    .option("--context-size <tokens>", "context window of an embedded llama model (default: 8192, capped at what the model was trained for); tools that do not fit are left out, the best-ranked kept", positiveInteger("--context-size"))
    .option("--max-output-tokens <n>", "bound on generated tokens per model call (llama default: a quarter of the context, at most 1024)", positiveInteger("--max-output-tokens"))
    .option("--audit <url>", "record every run to this audit store: sqlite:<file> or postgres://… (default: sqlite:<data dir>/audit.db)")
    .option("--no-audit", "do not record runs to the audit trail")
    .option("--policy <file>", "a YAML policy deciding every call (default: built in: reads run; privileged calls, and writes using untrusted data, ask first)")
    .addOption(
      profileOption(
        "the built-in policy without --policy: strict (privileged calls always ask) or data-flow (a call runs when every recipient, account, link, amount and id it steers traces to the user, a trusted result, an allow-list or an approval) (default: strict)",
      ),
    )
    .option("--principal <id>", "who the run acts for; policy rules match on it")
    .option("--role <role>", "a role of the principal; repeat for several", (role: string, roles: string[] = []) => [...roles, role])
    .option("--limits <url>", "where a --policy's rate limits and budgets count: sqlite:<file> or postgres://… to share them across hosts (default: sqlite:<data dir>/limits.db)")
    .option("--pins <file>", "deny calls to tools whose definition differs from this pin file (`toolgate tools pin` writes it)")
    .option("--no-taint", "do not track values from untrusted tool results into later calls (the policy's taint rules then never fire)")
    .option("--capture <url>", "also keep each run's content (messages, tools shown; sensitive values masked) in this store, sqlite:<file> or postgres://…, for `toolgate dataset import --format trace` (default: off)")
    .addOption(
      new Option("--spotlighting <how>", "mark results of untrusted tools before the model reads them: datamark (delimiters + marked spaces), delimit, or off (default: datamark)").choices([
        ...spotlightingModes,
      ]),
    )
    .addOption(
      new Option("--isolation <where>", "run each tool call in a worker thread or a child process that loads --tools itself and is stopped at the call's timeout, so even a busy loop ends: worker, process, or off (default: off)").choices([
        ...isolationModes,
      ]),
    );
}

function positiveInteger(flag: string) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(parsed) || parsed < 1) {
      throw new InvalidArgumentError(`${flag} takes a whole number of at least 1, e.g. ${flag} 8`);
    }
    return parsed;
  };
}
