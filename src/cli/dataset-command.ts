// `toolgate dataset …`: the fine-tuning data command group; each subcommand registers itself from its own file.
import type { Command } from "commander";
import type { CliIo } from "./cli-io.js";
import { registerDatasetBuildCommand } from "./dataset-build-command.js";
import { registerDatasetDedupeCommand } from "./dataset-dedupe-command.js";
import { registerDatasetAugmentCommand } from "./dataset-augment-command.js";
import { registerDatasetExportCommand } from "./dataset-export-command.js";
import { registerDatasetImportCommand } from "./dataset-import-command.js";
import { registerDatasetLeakageCommand } from "./dataset-leakage-command.js";
import { registerDatasetSplitCommand } from "./dataset-split-command.js";
import { registerDatasetVerifyCommand } from "./dataset-verify-command.js";
import { registerDatasetTokensCommand } from "./dataset-tokens-command.js";
import { registerDatasetBundleCommand } from "./dataset-bundle-command.js";
import { registerDatasetVerifyManifestCommand } from "./dataset-verify-manifest-command.js";
import { registerDatasetCardCommand } from "./dataset-card-command.js";
import { registerDatasetSubmitCommand } from "./dataset-submit-command.js";

export function registerDatasetCommand(program: Command, io: CliIo, done: (code: number) => void): Command {
  const dataset = program
    .command("dataset")
    .description("Fine-tuning data: import public formats, verify, augment, dedupe, check leakage, split, export for trainers, build from a recipe.");
  registerDatasetImportCommand(dataset, io, done);
  registerDatasetVerifyCommand(dataset, io, done);
  registerDatasetAugmentCommand(dataset, io, done);
  registerDatasetDedupeCommand(dataset, io, done);
  registerDatasetLeakageCommand(dataset, io, done);
  registerDatasetSplitCommand(dataset, io, done);
  registerDatasetExportCommand(dataset, io, done);
  registerDatasetBuildCommand(dataset, io, done);
  // C2 registers tokens / bundle / card / submit / verify-manifest below, one line each.
  registerDatasetTokensCommand(dataset, io, done);
  registerDatasetBundleCommand(dataset, io, done);
  registerDatasetVerifyManifestCommand(dataset, io, done);
  registerDatasetCardCommand(dataset, io, done);
  registerDatasetSubmitCommand(dataset, io, done);
  return dataset;
}
