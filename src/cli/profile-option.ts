// `--profile <name>`: the built-in policy's profile, with the choices taken from the policy room so a new profile
// appears in every command that offers it (run, chat and resume through the shared options; mcp serve).
import { Option } from "commander";
import { policyProfiles } from "../policy/index.js";

export function profileOption(description: string): Option {
  return new Option("--profile <name>", description).choices([...policyProfiles]);
}
