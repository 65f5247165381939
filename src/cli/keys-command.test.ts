// `toolgate keys create|list|revoke` in-process against a real SQLite key store; the created key authenticates until revoked.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../store/index.js";
import { openApiKeyStore } from "../server/index.js";
import type { CliIo } from "./cli-io.js";
import { main } from "./main.js";

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const code = await main(argv, { stdout, stderr, cwd: dir, env: {} } as unknown as CliIo);
  return { code, out, err };
}

describe("toolgate keys", () => {
  it("creates a key shown once, lists it without the key, revokes it", async () => {
    dir = mkdtempSync(join(tmpdir(), "toolgate-keys-cli-"));
    const created = await cli(["keys", "create", "--principal", "alice", "--role", "user", "--role", "support"]);
    expect(created.code).toBe(0);
    const key = created.out.trim();
    expect(key).toMatch(/^tgk_/);
    const listed = await cli(["keys", "list", "--json"]);
    expect(listed.out).not.toContain(key);
    const info = JSON.parse(listed.out.trim()) as { id: string; principal: { id: string; roles: string[] } };
    expect(info.principal).toEqual({ id: "alice", roles: ["user", "support"] });
    const store = await openStore(`sqlite:${join(dir, ".toolgate/keys.db")}`);
    try {
      const keys = await openApiKeyStore(store);
      expect((await keys.authenticate(key))?.id).toBe(info.id);
      expect(await cli(["keys", "revoke", info.id])).toMatchObject({ code: 0, out: `revoked ${info.id}\n` });
      expect(await keys.authenticate(key)).toBeUndefined();
    } finally {
      await store.close();
    }
    expect((await cli(["keys", "revoke", info.id])).code).toBe(2);
  });
});
