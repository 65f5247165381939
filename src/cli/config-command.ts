// `toolgate config check <file>` validates a toolgate.yaml (every problem as file:line:col); `toolgate config schema` prints its JSON Schema for editors.
import { resolve } from "node:path";
import type { Command } from "commander";
import { loadRuntimeConfig, runtimeConfigJsonSchema } from "../runtime/index.js";
import { exitCodes } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";

export function registerConfigCommand(program: Command, io: CliIo, done: (exitCode: number) => void): void {
  const config = program.command("config").description("check a toolgate.yaml runtime configuration, or print its JSON Schema for editors");
  config
    .command("check")
    .description("validate a toolgate.yaml; every problem is printed as file:line:col")
    .argument("<file>", "the runtime configuration")
    .option("--json", "print the configuration as toolgate reads it (paths resolved) as JSON")
    .action((file: string, options: { json?: boolean }) => {
      const checked = loadRuntimeConfig(resolve(io.cwd ?? process.cwd(), file), file);
      writeLine(io.stdout, options.json ? JSON.stringify(checked, null, 2) : `${file}: ok · ${Object.keys(checked).length} settings`);
      done(exitCodes.ok);
    });
  config
    .command("schema")
    .description("print the JSON Schema of toolgate.yaml (docs/toolgate.schema.json is this output)")
    .action(() => {
      writeLine(io.stdout, JSON.stringify(runtimeConfigJsonSchema(), null, 2));
      done(exitCodes.ok);
    });
}
