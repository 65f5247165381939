// Tests the workspace cloud-drive tools against upstream's behaviour on the suite's own data.
import { expect, it } from "vitest";
import { describeWithShared } from "../../../test-support/shared-data.js";
import type { CloudDriveFile } from "./environment.js";
import { fixedClockPort as port, freshWorkspace } from "./test-support/test-environment.js";

describeWithShared("workspace cloud-drive tools", () => {
  it("searches contents (raising on no match) and filenames (an empty list is fine)", () => {
    const env = freshWorkspace();
    const plans = port.execute(env, "search_files", { query: "VACATION PLANS" }) as CloudDriveFile[];
    expect(plans.map((file) => file.filename)).toContain("vacation-plans.docx");
    expect(() => port.execute(env, "search_files", { query: "nothing mentions this" })).toThrow("No files found with the given query ('nothing mentions this'). Try a different search term.");
    expect((port.execute(env, "search_files_by_filename", { filename: "Feedback" }) as CloudDriveFile[]).map((file) => file.id_)).toEqual(["0"]);
    expect(port.execute(env, "search_files_by_filename", { filename: "no-such-name" })).toEqual([]);
  });

  it("sizes files by their content, so the recipe collection is the largest", () => {
    const files = port.execute(freshWorkspace(), "list_files", {}) as CloudDriveFile[];
    const largest = files.reduce((best, file) => (file.size > best.size ? file : best));
    expect(largest).toMatchObject({ id_: "11", filename: "recipe-collection.docx" });
    expect(largest.size).toBe([...largest.content].length);
  });

  it("creates, appends to and shares files, stamping the clock", () => {
    const env = freshWorkspace();
    const created = port.execute(env, "create_file", { filename: "notes.docx", content: "first" }) as CloudDriveFile;
    expect(created).toMatchObject({ id_: "26", owner: "emma.johnson@bluesparrowtech.com", size: 5, shared_with: {}, last_modified: "2024-07-01T09:30:00" });
    const appended = port.execute(env, "append_to_file", { file_id: "26", content: " second" }) as CloudDriveFile;
    expect(appended).toMatchObject({ content: "first second", size: 12 });
    const shared = port.execute(env, "share_file", { file_id: "26", email: "john.doe@gmail.com", permission: "r" }) as CloudDriveFile;
    expect(env.cloud_drive.files["26"]!.shared_with).toEqual({ "john.doe@gmail.com": "r" });
    expect(shared.shared_with).toEqual({ "john.doe@gmail.com": "r" });
    expect(() => port.execute(env, "share_file", { file_id: "26", email: "x@y.example", permission: "admin" })).toThrow(/permission must be 'r' or 'rw'/);
  });

  it("deletes a file and returns it, and raises on an unknown id", () => {
    const env = freshWorkspace();
    const deleted = port.execute(env, "delete_file", { file_id: "13" }) as CloudDriveFile;
    expect(deleted.filename).toBe("sales-report-Q1-2024.xlsx");
    expect(env.cloud_drive.files["13"]).toBeUndefined();
    expect(() => port.execute(env, "delete_file", { file_id: "13" })).toThrow("File with ID '13' not found.");
    expect(() => port.execute(env, "get_file_by_id", { file_id: "13" })).toThrow("File with ID '13' not found.");
    expect(() => port.execute(env, "append_to_file", { file_id: "404", content: "x" })).toThrow("File with ID '404' not found.");
  });
}, "data", "attacks");
