// Several processes opening one fresh database file at once (`serve --workers N` on a new data directory) must seed it
// exactly once: the emptiness check and the inserts share one IMMEDIATE transaction.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { openCustomerServiceDatabase } from "./database.js";

const databaseModule = fileURLToPath(new URL("./database.ts", import.meta.url));
const seedModule = fileURLToPath(new URL("./seed.ts", import.meta.url));

/** One process: open the file, wait for the shared start time, seed; prints whether it seeded. */
function seedingProcess(path: string, startAt: number): Promise<{ code: number | null; output: string }> {
  const script = `
    const { openCustomerServiceDatabase } = await import(${JSON.stringify(databaseModule)});
    const { seedCustomerServiceDatabase } = await import(${JSON.stringify(seedModule)});
    const database = openCustomerServiceDatabase(${JSON.stringify(path)});
    while (Date.now() < ${startAt}) await new Promise((resolve) => setTimeout(resolve, 1));
    console.log(seedCustomerServiceDatabase(database, new Date("2026-12-07T09:00:00Z")) ? "seeded" : "left alone");
    database.close();`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("seeding the example database", () => {
  it("seeds a fresh file exactly once when four processes start at the same moment", async () => {
    dir = mkdtempSync(join(tmpdir(), "toolgate-seed-"));
    const path = join(dir, "clinic.db");
    const startAt = Date.now() + 4_000;
    const results = await Promise.all([0, 1, 2, 3].map(() => seedingProcess(path, startAt)));
    for (const result of results) expect(result, result.output).toMatchObject({ code: 0 });
    expect(results.map((result) => result.output.trim()).sort()).toEqual(["left alone", "left alone", "left alone", "seeded"]);
    const database = openCustomerServiceDatabase(path);
    const staff = database.prepare("SELECT count(*) AS count FROM staff").get() as { count: number };
    database.close();
    expect(staff.count).toBeGreaterThan(0);
  }, 60_000);
});
