// The reference's rewrite of call text: instance prefixes, and whitespace before "(" dropped everywhere.
import { describe, expect, it } from "vitest";
import { processMethodCalls } from "./process-method-calls.js";

describe("processMethodCalls", () => {
  const instances = new Map([["cd", "fs_instance"]]);

  it("prefixes method names with their instance", () => {
    expect(processMethodCalls("cd(folder='docs')", instances)).toBe("fs_instance.cd(folder='docs')");
    expect(processMethodCalls("ls(a=True)", instances)).toBe("ls(a=True)");
  });

  it("rewrites inside string literals too, as the reference's regex does", () => {
    expect(processMethodCalls("echo(content='then cd (here)')", instances)).toBe("echo(content='then fs_instance.cd(here)')");
    expect(processMethodCalls("echo(content='Twitter account (x)')", instances)).toBe("echo(content='Twitter account(x)')");
  });

  it("reads names and spaces the Unicode way when the text is not ASCII", () => {
    expect(processMethodCalls("echo(content='é cd\u00a0(x) écd (y) cd\u2003 (z)')", instances)).toBe("echo(content='é fs_instance.cd(x) écd (y) fs_instance.cd(z)')");
    expect(processMethodCalls("echo(content='x\x1ccd\x1f(q)')", instances)).toBe("echo(content='x\x1cfs_instance.cd(q)')");
  });
});
