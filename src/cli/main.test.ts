// main(): the command table lists what each command module declares, and --version / --help load no room and no heavy package.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Command, Help } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import { commandTable, main } from "./main.js";
import { capturedIo } from "./test-support/captured-io.js";
import { tempDirs } from "./test-support/temp-dir.js";

const dirs = tempDirs();
afterAll(() => dirs.removeAll());
const root = fileURLToPath(new URL("../../", import.meta.url));

/** Every module URL a fresh process resolves while running main(args) from the sources. */
async function resolvedBy(args: string[]): Promise<string[]> {
  const log = join(dirs.make(), "resolved.log");
  const hook = pathToFileURL(join(root, "src", "cli", "test-support", "resolve-log-hook.mjs")).href;
  const script = [
    `import { register } from "node:module";`,
    `register(${JSON.stringify(hook)});`,
    `const { main } = await import(${JSON.stringify(pathToFileURL(join(root, "src", "cli", "main.ts")).href)});`,
    `process.exitCode = await main(${JSON.stringify(args)});`,
  ].join("\n");
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, ["--import", "tsx/esm", "--input-type=module", "-e", script], { cwd: root, env: { ...process.env, TOOLGATE_RESOLVE_LOG: log } }, (error) =>
      error ? reject(error) : resolve(),
    );
  });
  return [...new Set(readFileSync(log, "utf8").split("\n").filter((url) => url !== "" && !url.startsWith("node:")))];
}

describe("toolgate main", () => {
  it("lists each command with the term and summary its own module declares", async () => {
    const help = new Help();
    for (const entry of commandTable) {
      const program = new Command("toolgate");
      (await entry.load())(program, capturedIo({ cwd: root }), () => {});
      const declared = program.commands.find((command) => command.name() === entry.name);
      expect(declared, entry.name).toBeDefined();
      expect(help.subcommandTerm(declared!), entry.name).toBe(entry.term);
      expect(declared!.description(), entry.name).toBe(entry.summary);
    }
  });

  it("shows the overview from the table, and a command's own help from its module", async () => {
    const overview = capturedIo({ cwd: root });
    expect(await main(["--help"], overview)).toBe(0);
    for (const entry of commandTable) expect(overview.out()).toContain(`  ${entry.term} `);
    const runHelp = capturedIo({ cwd: root });
    expect(await main(["help", "run"], runHelp)).toBe(0);
    expect(runHelp.out()).toContain("--config <file>");
    const unknown = capturedIo({ cwd: root });
    expect(await main(["rnu"], unknown)).toBe(2);
    expect(unknown.err()).toContain("unknown command 'rnu'");
    expect(unknown.err()).toContain("(Did you mean run?)");
  });

  it("answers --version and --help without loading any room or any package but commander", async () => {
    const ours = (urls: string[]) => urls.filter((url) => url.includes("/src/")).map((url) => url.slice(url.indexOf("/src/") + 1));
    const packages = (urls: string[]) => [...new Set(urls.filter((url) => url.includes("/node_modules/") && !url.includes("/node_modules/tsx/")).map((url) => url.split("/node_modules/")[1]!.split("/")[0]))];
    const version = await resolvedBy(["--version"]);
    expect(ours(version).sort()).toEqual(["src/cli/cli-error.ts", "src/cli/cli-io.ts", "src/cli/main.ts"]);
    expect(packages(version)).toEqual([]);
    const help = await resolvedBy(["--help"]);
    expect(ours(help).sort()).toEqual(["src/cli/cli-error.ts", "src/cli/cli-io.ts", "src/cli/main.ts"]);
    expect(packages(help)).toEqual(["commander"]);
  });
});
