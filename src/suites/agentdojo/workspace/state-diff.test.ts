// Tests the workspace state diff: the change categories and paths the task checks compare against.
import { describe, expect, it } from "vitest";
import { changeKinds, diffState } from "./state-diff.js";

describe("diffState", () => {
  it("names added and removed records, changed values, type changes and grown lists by path", () => {
    const pre = { inbox: { emails: { "1": { read: false, to: ["a"] }, "2": { read: true, to: [] } } }, drive: { location: null } };
    const post = { inbox: { emails: { "1": { read: true, to: ["a", "b"] }, "3": { read: true, to: [] } } }, drive: { location: "here" } };
    const diff = diffState(pre, post);
    expect(diff.dictionary_item_added).toEqual(["inbox.emails.3"]);
    expect(diff.dictionary_item_removed).toEqual(["inbox.emails.2"]);
    expect(diff.values_changed).toEqual(["inbox.emails.1.read"]);
    expect(diff.type_changes).toEqual(["drive.location"]);
    expect(diff.iterable_item_added).toEqual([{ path: "inbox.emails.1.to[1]", value: "b" }]);
    expect([...changeKinds(diff)].sort()).toEqual(["dictionary_item_added", "dictionary_item_removed", "iterable_item_added", "type_changes", "values_changed"]);
  });

  it("finds nothing between equal states", () => {
    const state = { a: { b: [1, { c: "x" }] } };
    expect(changeKinds(diffState(state, structuredClone(state))).size).toBe(0);
  });
});
