// eval score reads the function-name spelling result files declare: a contradicting --underscore-to-dot is refused, an underscored file turns it on.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "./main.js";
import { declaredNamings, underscoreToDotFor } from "./result-naming.js";
import { capturedIo } from "./test-support/captured-io.js";
import { tempDirs } from "./test-support/temp-dir.js";

const dirs = tempDirs();
afterAll(() => dirs.removeAll());

/** A result folder in BFCL's layout, one line per file, as `toolgate eval run` writes it (or BFCL, without the key). */
function resultFolder(files: Record<string, { name: string; naming?: string }>): string {
  const root = dirs.make("toolgate-naming-");
  for (const [path, { name, naming }] of Object.entries(files)) {
    const file = join(root, path);
    mkdirSync(join(file, ".."), { recursive: true });
    const line = { id: "simple_python_0", result: [{ [name]: '{"number": 5}' }], input_token_count: 1, output_token_count: 1, latency: 0.1, ...(naming ? { function_names: naming } : {}) };
    writeFileSync(file, `${JSON.stringify(line)}\n`);
  }
  return root;
}

describe("result file naming", () => {
  it("reads the declared naming of each result file, ignoring files that declare none", async () => {
    const root = resultFolder({
      "m/non_live/BFCL_v4_simple_python_result.json": { name: "math.factorial", naming: "original" },
      "m/non_live/BFCL_v4_multiple_result.json": { name: "math.factorial" },
    });
    expect([...(await declaredNamings(root))]).toEqual([[join("m", "non_live", "BFCL_v4_simple_python_result.json"), "original"]]);
  });

  it("reads a first line longer than one read step, and nothing past it", async () => {
    const root = dirs.make("toolgate-naming-");
    const first = { id: "simple_python_0", result: [{ f: "x".repeat(200_000) }], function_names: "underscored" };
    // The second line is not JSON: only the first line may be parsed.
    writeFileSync(join(root, "BFCL_v4_simple_python_result.json"), `${JSON.stringify(first)}\n{not json\n`);
    expect([...(await declaredNamings(root))]).toEqual([["BFCL_v4_simple_python_result.json", "underscored"]]);
  });

  it("lets the files decide, and the flag only where they are silent", () => {
    expect(underscoreToDotFor(new Map(), true)).toBe(true);
    expect(underscoreToDotFor(new Map(), false)).toBe(false);
    expect(underscoreToDotFor(new Map([["a.json", "underscored"]]), false)).toBe(true);
    expect(underscoreToDotFor(new Map([["a.json", "original"]]), false)).toBe(false);
    expect(() => underscoreToDotFor(new Map([["a.json", "original"]]), true)).toThrow(/--underscore-to-dot: a\.json records the function names as the dataset spells them.*Drop the flag/);
    expect(() => underscoreToDotFor(new Map([["a.json", "original"], ["b.json", "underscored"]]), false)).toThrow(/disagree on function names: a\.json .* b\.json/);
  });

  it("refuses an unknown naming with the file and the accepted values", async () => {
    const root = resultFolder({ "BFCL_v4_simple_python_result.json": { name: "f", naming: "dotted" } });
    await expect(declaredNamings(root)).rejects.toThrow(/BFCL_v4_simple_python_result\.json: function_names is "dotted"; expected "original".*or "underscored"/);
  });

  it("toolgate eval score refuses --underscore-to-dot on files eval run wrote with the original names (exit 2, one line)", async () => {
    const root = resultFolder({ "m/non_live/BFCL_v4_simple_python_result.json": { name: "math.factorial", naming: "original" } });
    const io = capturedIo({ cwd: root });
    const code = await main(["eval", "score", "--bfcl", root, "--data", dirs.make(), "--underscore-to-dot"], io);
    expect(code).toBe(2);
    expect(io.err()).toMatch(/^toolgate: --underscore-to-dot: m\/non_live\/BFCL_v4_simple_python_result\.json records the function names as the dataset spells them .*Drop the flag\n$/);
    expect(io.out()).toBe("");
  });
});
