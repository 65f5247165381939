// One side of an entry: instances created once, calls executed and printed as the reference prints them.
import { describe, expect, it } from "vitest";
import { parsePyJson } from "../../../../python/py-json.js";
import { PyDict, PySet } from "../../../../python/py-value.js";
import { ReferenceRuntime } from "../reference-runtime.js";
import { ApiSide, stringifyResult } from "./api-side.js";

const entry = (involvedClasses: string[]) => ({
  id: "multi_turn_base_9",
  initialConfig: parsePyJson('{"TicketAPI": {"current_user": "ann"}}') as PyDict,
  involvedClasses,
  longContext: false,
});

describe("ApiSide", () => {
  it("keeps instances across executions and isolates them from the config", () => {
    const config = entry(["TicketAPI"]);
    const side = new ApiSide(new ReferenceRuntime(), config, "model");
    expect(side.execute(["create_ticket(title='a')"])).toEqual(['{"id": 1, "title": "a", "description": "", "status": "Open", "priority": 1, "created_by": "ann"}']);
    expect(side.execute(["get_ticket(ticket_id=1)"])[0]).toContain('"title": "a"');
    expect((config.initialConfig.get("TicketAPI") as PyDict).has("ticket_queue")).toBe(false);
  });

  it("prints errors the way the reference's except clause does", () => {
    const side = new ApiSide(new ReferenceRuntime(), entry(["TicketAPI"]), "model");
    expect(side.execute(["cancel_flight(booking_id='1')", "run(x=1)", "get_ticket(ticket_id=", "ls()"])).toEqual([
      "Error during execution: name 'cancel_flight' is not defined",
      "Error during execution: Function call run is not allowed.",
      // CPython 3.11's eval("get_ticket(ticket_id=") says this.
      "Error during execution: '(' was never closed (<string>, line 1)",
      "Error during execution: name 'ls' is not defined",
    ]);
  });

  it("stringifies dicts as JSON, falling back to str(), and everything else with str()", () => {
    expect(stringifyResult(PyDict.fromRecord({ a: 1n }))).toBe('{"a": 1}');
    expect(stringifyResult(PyDict.fromRecord({ ids: PySet.of([1n]) }))).toBe("{'ids': {1}}");
    expect(stringifyResult(null)).toBe("None");
    expect(stringifyResult(["x"])).toBe("['x']");
    expect(stringifyResult("text")).toBe("text");
  });
});
