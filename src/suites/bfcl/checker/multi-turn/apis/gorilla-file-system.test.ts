// GorillaFileSystem: navigation, file operations and the reference's exact messages.
import { describe, expect, it } from "vitest";
import { ApiSide } from "../execution/api-side.js";
import { ReferenceRuntime } from "../reference-runtime.js";
import { apiHarness } from "../test-support/api-harness.js";
import { dumpsPyJson, parsePyJson } from "../../../../python/py-json.js";
import type { PyDict } from "../../../../python/py-value.js";
import { POPULATE_FILE_EXTENSION } from "./long-context-data.js";

const CONFIG = JSON.stringify({
  GorillaFileSystem: {
    root: {
      alex: {
        type: "directory",
        contents: {
          "notes.txt": { type: "file", content: "b line\na line\nc line" },
          "old.txt": { type: "file", content: "b line\nx line" },
          docs: { type: "directory", contents: { "report.txt": { type: "file", content: "Q1 error\nQ2 fine\nQ3 error" } } },
          archive: { type: "directory", contents: {} },
        },
      },
    },
  },
});

const fs = () => apiHarness(["GorillaFileSystem"], CONFIG);

describe("GorillaFileSystem", () => {
  it("navigates one level at a time and prints the root's name in pwd", () => {
    const { run } = fs();
    expect(run("pwd()", "cd(folder='docs')", "pwd()", "cd(folder='..')", "cd(folder='..')")).toEqual([
      '{"current_working_directory": "/alex"}',
      '{"current_working_directory": "docs"}',
      '{"current_working_directory": "/alex/docs"}',
      "{}",
      '{"error": "Current directory is already the root. Cannot go back."}',
    ]);
    expect(run("cd(folder='docs/x')", "cd(folder='missing')", "cd(folder='docs/')")).toEqual([
      '{"error": "cd: docs/x: Unsupported path. Only one folder level at a time is supported."}',
      "{\"error\": \"cd: 'missing': No such file or directory\"}",
      '{"current_working_directory": "docs"}',
    ]);
  });

  it("lists, creates and writes files; echo only writes to existing files", () => {
    const { run } = fs();
    expect(run("ls()", "touch(file_name='.hidden')", "ls(a=True)", "mkdir(dir_name='new')", "mkdir(dir_name='new')")).toEqual([
      '{"current_directory_content": ["notes.txt", "old.txt", "docs", "archive"]}',
      "None",
      '{"current_directory_content": ["notes.txt", "old.txt", "docs", "archive", ".hidden"]}',
      "None",
      "{\"error\": \"mkdir: cannot create directory 'new': File exists\"}",
    ]);
    expect(run("echo(content='hi', file_name='nope.txt')", "echo(content='hi', file_name='.hidden')", "cat(file_name='.hidden')", "echo(content='shown')")).toEqual([
      "{\"error\": \"echo: cannot write to 'nope.txt': No such file\"}",
      "None",
      '{"file_content": "hi"}',
      '{"terminal_output": "shown"}',
    ]);
    expect(run("touch(file_name='a/b')", "cat(file_name='docs')", "cat(file_name='none')")).toEqual([
      "{\"error\": \"touch: cannot touch 'a/b': Invalid character\"}",
      "{\"error\": \"cat: 'docs': Is a directory\"}",
      "{\"error\": \"cat: 'none': No such file or directory\"}",
    ]);
  });

  it("greps, sorts, diffs, tails and counts line by line", () => {
    const { run } = fs();
    expect(run("sort(file_name='notes.txt')", "diff(file_name1='notes.txt', file_name2='old.txt')", "wc(file_name='notes.txt', mode='w')", "tail(file_name='notes.txt', lines=1)", "tail(file_name='notes.txt', lines=0)")).toEqual([
      '{"sorted_content": "a line\\nb line\\nc line"}',
      '{"diff_lines": "- a line\\n+ x line"}',
      '{"count": 6, "type": "words"}',
      '{"last_lines": "c line"}',
      '{"last_lines": "b line\\na line\\nc line"}',
    ]);
    expect(run("cd(folder='docs')", "grep(file_name='report.txt', pattern='error')", "wc(file_name='report.txt', mode='x')")).toEqual([
      '{"current_working_directory": "docs"}',
      '{"matching_lines": ["Q1 error", "Q3 error"]}',
      "{\"error\": \"wc: invalid mode 'x'\"}",
    ]);
  });

  it("finds below a path and measures disk usage", () => {
    const { run } = fs();
    expect(run("find(path='.', name='report')", "find(path='docs', name='report')", "find(path='nowhere')", "du()", "du(human_readable=True)")).toEqual([
      '{"matches": ["./docs/report.txt"]}',
      '{"matches": ["docs/report.txt"]}',
      "{\"error\": \"find: 'nowhere': No such file or directory\"}",
      '{"disk_usage": "58 bytes"}',
      '{"disk_usage": "58.00 B"}',
    ]);
  });

  it("moves and copies within the current directory only", () => {
    const { run, api } = fs();
    expect(run("mv(source='old.txt', destination='archive')", "cp(source='notes.txt', destination='copy.txt')", "cp(source='notes.txt', destination='docs/x.txt')", "mv(source='copy.txt', destination='notes.txt')")).toEqual([
      "{\"result\": \"'old.txt' moved to 'archive/old.txt'\"}",
      "{\"result\": \"'notes.txt' copied to 'copy.txt'\"}",
      '{"error": "cp: path not allowed in destination. Provide only a file or directory name."}',
      "{\"error\": \"mv: cannot move 'copy.txt' to 'notes.txt': Not a directory\"}",
    ]);
    // A copied directory is independent of its source.
    expect(run("cp(source='docs', destination='docs2')", "cd(folder='docs2')", "echo(content='changed', file_name='report.txt')", "cd(folder='..')", "cd(folder='docs')", "cat(file_name='report.txt')")).toEqual([
      "{\"result\": \"'docs' copied to 'docs2'\"}",
      '{"current_working_directory": "docs2"}',
      "None",
      "{}",
      '{"current_working_directory": "docs"}',
      '{"file_content": "Q1 error\\nQ2 fine\\nQ3 error"}',
    ]);
    expect(api("GorillaFileSystem").publicState().map(([name]) => name)).toEqual(["long_context", "root"]);
  });

  it("removes files and only empty directories", () => {
    const { run } = fs();
    expect(run("rmdir(dir_name='docs')", "rmdir(dir_name='archive')", "rm(file_name='notes.txt')", "rm(file_name='notes.txt')")).toEqual([
      "{\"error\": \"rmdir: cannot remove 'docs': Directory not empty\"}",
      "{\"result\": \"'archive' removed\"}",
      "{\"result\": \"'notes.txt' removed\"}",
      "{\"error\": \"rm: cannot remove 'notes.txt': No such file or directory\"}",
    ]);
  });

  it("pads files and innermost directories in long-context mode", () => {
    const { run } = apiHarness(["GorillaFileSystem"], CONFIG, { longContext: true });
    const listing = JSON.parse(run("cd(folder='archive')", "ls()")[1] as string) as { current_directory_content: string[] };
    expect(listing.current_directory_content).toEqual(POPULATE_FILE_EXTENSION);
    const content = JSON.parse(run("cd(folder='..')", "cat(file_name='notes.txt')")[1] as string) as { file_content: string };
    expect(content.file_content.startsWith("b line\na line\nc lineThe company's financials")).toBe(true);
  });
});

describe("GorillaFileSystem reading the shared config without a copy", () => {
  it("leaves the decoded config as it was: a second side on the same config object starts from the original tree", () => {
    const initialConfig = parsePyJson(CONFIG) as PyDict;
    const before = dumpsPyJson(initialConfig);
    const side = (role: "model" | "ground_truth") =>
      new ApiSide(new ReferenceRuntime(), { id: "test_entry_0", initialConfig, involvedClasses: ["GorillaFileSystem"], longContext: false }, role);
    const first = side("model");
    first.execute(["echo(content='changed', file_name='notes.txt')", "rm(file_name='old.txt')", "mkdir(dir_name='new')", "cd(folder='docs')", "touch(file_name='x.txt')"]);
    expect(dumpsPyJson(initialConfig)).toBe(before);
    expect(side("ground_truth").execute(["cat(file_name='notes.txt')", "ls()"])).toEqual([
      '{"file_content": "b line\\na line\\nc line"}',
      '{"current_directory_content": ["notes.txt", "old.txt", "docs", "archive"]}',
    ]);
  });
});
