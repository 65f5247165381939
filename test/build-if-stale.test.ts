// npm start builds only when a source changed: the stale check against the build stamp, on a throwaway tree.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildStampName, staleReason } from "../scripts/build-if-stale.js";

const root = mkdtempSync(join(tmpdir(), "toolgate-build-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const at = (file: string, seconds: number) => utimesSync(file, seconds, seconds);
const write = (path: string, seconds: number) => {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, "");
  at(path, seconds);
};

describe("staleReason", () => {
  it("asks for a build until one has been stamped, then only when a compiled input is newer than the stamp", () => {
    write(join(root, "package.json"), 1000);
    write(join(root, "src", "cli", "main.ts"), 1000);
    write(join(root, "src", "cli", "main.test.ts"), 1000);
    write(join(root, "src", "cli", "test-support", "helper.ts"), 1000);
    expect(staleReason(root)).toBe("no build yet");

    write(join(root, "dist", buildStampName), 2000);
    expect(staleReason(root)).toBeUndefined();

    // Tests and test-support are not part of the build: changing them never rebuilds.
    at(join(root, "src", "cli", "main.test.ts"), 3000);
    at(join(root, "src", "cli", "test-support", "helper.ts"), 3000);
    expect(staleReason(root)).toBeUndefined();

    at(join(root, "src", "cli", "main.ts"), 3000);
    expect(staleReason(root)).toBe("src/cli/main.ts changed since the last build");
    at(join(root, "src", "cli", "main.ts"), 1000);
    at(join(root, "package.json"), 3000);
    expect(staleReason(root)).toBe("package.json changed since the last build");
  });
});
