// State diffs: rows matched by id, every differing field named with both values.
import { describe, expect, it } from "vitest";
import { diffStates, formatStateChange } from "./state-diff.js";

describe("diffStates", () => {
  const before = {
    appointments: [
      { id: "A-5001", slot_id: "S-3", status: "booked" },
      { id: "A-5002", slot_id: "S-9", status: "booked" },
    ],
    outbox: [],
  };

  it("finds nothing between equal states, whatever the row order", () => {
    expect(diffStates(before, { outbox: [], appointments: [...before.appointments].reverse() })).toEqual([]);
  });

  it("names changed fields, missing rows and unexpected rows", () => {
    const actual = {
      appointments: [
        { id: "A-5001", slot_id: "S-4", status: "booked" },
        { id: "A-5003", slot_id: "S-9", status: "booked" },
      ],
      outbox: [{ id: "M-1", subject: "Hi" }],
    };
    const changes = diffStates(before, actual);
    expect(changes).toEqual([
      { path: "appointments[id=A-5001].slot_id", kind: "changed", expected: "S-3", actual: "S-4" },
      { path: "appointments[id=A-5002]", kind: "missing", expected: { id: "A-5002", slot_id: "S-9", status: "booked" } },
      { path: "appointments[id=A-5003]", kind: "unexpected", actual: { id: "A-5003", slot_id: "S-9", status: "booked" } },
      { path: "outbox[id=M-1]", kind: "unexpected", actual: { id: "M-1", subject: "Hi" } },
    ]);
    expect(changes.map(formatStateChange)[0]).toBe('appointments[id=A-5001].slot_id: expected "S-3", got "S-4"');
  });

  it("compares lists without ids position by position, and null against a value", () => {
    expect(diffStates({ tags: ["a", "b"], note: null }, { tags: ["a"], note: "x" })).toEqual([
      { path: "tags[1]", kind: "missing", expected: "b" },
      { path: "note", kind: "changed", expected: null, actual: "x" },
    ]);
  });
});
