// `toolgate approvals list | show | approve | deny`: people decide the calls a paused run waits on; decisions are signed with the deployment key.
import type { Command } from "commander";
import type { ApprovalStatus, ApprovalStore, StoredApproval } from "../policy/index.js";
import { ApprovalStoreError, defaultApprovalStoreUrl } from "../policy/index.js";
import type { JsonValue } from "../record/index.js";
import { openApprovals, resolveDataDir } from "../runtime/index.js";
import { CliError, exitCodes, usageError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";
import { flagLabel } from "./flag-label.js";

interface StoreFlags {
  approvals?: string;
  dataDir?: string;
}

const statuses: ApprovalStatus[] = ["pending", "approved", "denied", "consumed"];

/** The approval store URL from --approvals, else `sqlite:<data dir>/approvals.db`. */
function cliApprovalsUrl(flags: StoreFlags, io: CliIo): string {
  return flags.approvals ?? defaultApprovalStoreUrl(resolveDataDir(flags.dataDir, io.env, io.cwd ?? process.cwd()));
}

/** Signs with the deployment key (TOOLGATE_AUDIT_KEY or the key file beside the store); reading needs no key. */
async function openCliApprovalStore(flags: StoreFlags, io: CliIo, access: "read" | "decide"): Promise<ApprovalStore> {
  const cwd = io.cwd ?? process.cwd();
  return openApprovals(cliApprovalsUrl(flags, io), { dataDir: resolveDataDir(flags.dataDir, io.env, cwd), cwd, env: io.env, access, label: flagLabel });
}

export function registerApprovalsCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  const approvals = program.command("approvals").description("decide the tool calls paused runs wait on (approve, edit, deny) and list them");
  const withStore = (command: Command) =>
    command
      .option("--approvals <url>", "approval store: sqlite:<file> or postgres://…?schema=name (default: sqlite:<data dir>/approvals.db)")
      .option("--data-dir <dir>", "where the default approval store lives (default: $TOOLGATE_HOME, else .toolgate)");

  withStore(approvals.command("list").description("list approvals, newest last"))
    .option("--status <status>", `only these: ${statuses.join(" | ")}`)
    .option("--json", "print JSON")
    .action(async (flags: StoreFlags & { status?: string; json?: boolean }) => {
      if (flags.status !== undefined && !statuses.includes(flags.status as ApprovalStatus)) throw usageError(`--status ${flags.status}: use one of ${statuses.join(", ")}`);
      await using(openCliApprovalStore(flags, io, "read"), async (store) => {
        const listed = await store.list(flags.status ? { status: flags.status as ApprovalStatus } : {});
        if (flags.json) writeLine(io.stdout, JSON.stringify(listed, null, 2));
        else if (listed.length === 0) writeLine(io.stdout, `no${flags.status ? ` ${flags.status}` : ""} approvals in ${store.url}`);
        else for (const entry of listed) writeLine(io.stdout, summary(entry));
      });
      done(exitCodes.ok);
    });

  withStore(approvals.command("show <id>").description("the request, its arguments and the signed decision"))
    .action(async (id: string, flags: StoreFlags) => {
      await using(openCliApprovalStore(flags, io, "read"), async (store) => writeLine(io.stdout, JSON.stringify(await found(store, id), null, 2)));
      done(exitCodes.ok);
    });

  withStore(approvals.command("approve <id>").description("approve the call; --edit-args runs your arguments instead (validated and authorised again)"))
    .option("--as <name>", "who approves (default: $USER)")
    .option("--role <role...>", "roles you hold, for requests that need one")
    .option("--reason <text>", "why")
    .option("--edit-args <json>", "the arguments to run instead, as a JSON object")
    .action(async (id: string, flags: StoreFlags & { as?: string; role?: string[]; reason?: string; editArgs?: string }) => {
      const editedArguments = flags.editArgs === undefined ? undefined : parseArgs(flags.editArgs);
      const approved = await using(openCliApprovalStore(flags, io, "decide"), async (store) => {
        const fullId = (await found(store, id)).request.approvalId;
        return decide(() =>
        store.approve(fullId, {
          approver: flags.as ?? io.env.USER ?? "cli",
          ...(flags.reason !== undefined ? { reason: flags.reason } : {}),
          ...(flags.role ? { roles: flags.role } : {}),
          ...(editedArguments !== undefined ? { editedArguments } : {}),
        }),
        );
      });
      writeLine(io.stdout, `approved ${approved.request.approvalId} as ${approved.grant!.approver}${editedArguments !== undefined ? " with edited arguments" : ""}; resume the run with \`toolgate resume ${approved.request.traceId}\``);
      done(exitCodes.ok);
    });

  withStore(approvals.command("deny <id>").description("refuse the call; the model is told your reason"))
    .option("--as <name>", "who denies (default: $USER)")
    .requiredOption("--reason <text>", "why (the model sees it)")
    .action(async (id: string, flags: StoreFlags & { as?: string; reason: string }) => {
      const denied = await using(openCliApprovalStore(flags, io, "decide"), async (store) => {
        const fullId = (await found(store, id)).request.approvalId;
        return decide(() => store.deny(fullId, { approver: flags.as ?? io.env.USER ?? "cli", reason: flags.reason }));
      });
      writeLine(io.stdout, `denied ${denied.request.approvalId} as ${denied.grant!.approver}`);
      done(exitCodes.ok);
    });
}

async function using<T>(opened: Promise<ApprovalStore>, use: (store: ApprovalStore) => Promise<T>): Promise<T> {
  const store = await opened;
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** The approval with this id, or the only one whose id starts with it (as `audit show` accepts a unique prefix). */
async function found(store: ApprovalStore, id: string): Promise<StoredApproval> {
  const entry = (await store.get(id)) ?? (await uniquePrefixMatch(store, id));
  if (entry === undefined) throw usageError(`no approval ${id} in ${store.url}; list them with \`toolgate approvals list --status pending\``);
  return entry;
}

async function uniquePrefixMatch(store: ApprovalStore, prefix: string): Promise<StoredApproval | undefined> {
  if (prefix === "") return undefined;
  const matches = (await store.list({})).filter((entry) => entry.request.approvalId.startsWith(prefix));
  if (matches.length > 1) {
    throw usageError(`approval id prefix ${prefix} is ambiguous: ${matches.map((entry) => entry.request.approvalId).join(", ")} — give more of the id`);
  }
  return matches[0];
}

async function decide(action: () => Promise<StoredApproval>): Promise<StoredApproval> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof ApprovalStoreError) throw new CliError("runtime", error.message, { cause: error });
    throw error;
  }
}

function parseArgs(text: string): JsonValue {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw usageError(`--edit-args is not JSON (${error instanceof Error ? error.message : String(error)}); pass an object, e.g. --edit-args '{"amount": 50}'`, error);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw usageError(`--edit-args must be a JSON object of all the arguments, e.g. --edit-args '{"to": "bob", "amount": 50}'`);
  return value as JsonValue;
}

function summary(entry: StoredApproval): string {
  const request = entry.request;
  const decided = entry.grant ? ` by ${entry.grant.approver}` : "";
  // The latest direct ask (MCP elicitation), so whoever decides here knows the person at the client is or was asked too.
  const ask = entry.asks?.at(-1);
  const asked = ask ? `  [asked ${ask.person ? `${ask.person} at ` : ""}MCP client ${ask.client} at ${ask.at}: ${ask.outcome}${ask.detail ? `, ${ask.detail}` : ""}]` : "";
  return `${request.approvalId}  ${entry.status}${decided}  ${request.toolName} ${JSON.stringify(request.arguments)}  trace ${request.traceId}  (${request.reason})${asked}`;
}
