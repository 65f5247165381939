// `toolgate keys create|list|revoke`: the gateway's API keys (stored hashed), each naming a principal and its roles.
import type { Command } from "commander";
import type { ApiKeyStore } from "../server/index.js";
import { exitCodes } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";

export const defaultKeysUrl = "sqlite:.toolgate/keys.db";

const collect = (value: string, previous: string[] = []) => [...previous, value];

async function withKeys<T>(io: CliIo, url: string, work: (keys: ApiKeyStore) => Promise<T>): Promise<T> {
  const { openStore } = await import("../store/index.js");
  const { openApiKeyStore } = await import("../server/index.js");
  const store = await openStore(url, { cwd: io.cwd ?? process.cwd(), what: "key store" });
  try {
    return await work(await openApiKeyStore(store));
  } finally {
    await store.close();
  }
}

export function registerKeysCommand(program: Command, io: CliIo, done: (exitCode: number) => void): void {
  const keys = program.command("keys").description("API keys for the gateway (stored hashed): create for a principal and roles, list, revoke");
  keys
    .command("create")
    .description("create a key for a principal; the key is printed once and only its SHA-256 is stored")
    .requiredOption("--principal <id>", "who requests with this key act for")
    .option("--role <role>", "a role of the principal (repeatable)", collect)
    .option("--tenant <tenant>", "the principal's tenant")
    .option("--keys <url>", "key store (sqlite:<path> or postgres://…?schema=…)", defaultKeysUrl)
    .action(async (options: { principal: string; role?: string[]; tenant?: string; keys: string }) => {
      const created = await withKeys(io, options.keys, (store) => store.create({ id: options.principal, ...(options.role ? { roles: options.role } : {}), ...(options.tenant ? { tenant: options.tenant } : {}) }));
      writeLine(io.stdout, created.key);
      writeLine(io.stderr, `key ${created.info.id} for ${options.principal}${options.role ? ` (${options.role.join(", ")})` : ""}: store it now, it is not shown again`);
      done(exitCodes.ok);
    });
  keys
    .command("list")
    .description("list keys (ids, principals, roles, revoked or not); never the keys themselves")
    .option("--keys <url>", "key store", defaultKeysUrl)
    .option("--json", "one JSON object per line")
    .action(async (options: { keys: string; json?: boolean }) => {
      const listed = await withKeys(io, options.keys, (store) => store.list());
      for (const info of listed) {
        writeLine(io.stdout, options.json ? JSON.stringify(info) : `${info.id}  ${info.principal.id}  roles=${(info.principal.roles ?? []).join(",") || "-"}  created=${info.createdAt}${info.revokedAt ? `  REVOKED ${info.revokedAt}` : ""}`);
      }
      done(exitCodes.ok);
    });
  keys
    .command("revoke")
    .description("revoke a key by its id (from `keys list`); requests with it get 401 at once")
    .argument("<id>", "the key id")
    .option("--keys <url>", "key store", defaultKeysUrl)
    .action(async (id: string, options: { keys: string }) => {
      const revoked = await withKeys(io, options.keys, (store) => store.revoke(id));
      if (!revoked) {
        writeLine(io.stderr, `toolgate: no live key with id ${id} (see toolgate keys list)`);
        done(exitCodes.usage);
        return;
      }
      writeLine(io.stdout, `revoked ${id}`);
      done(exitCodes.ok);
    });
}
