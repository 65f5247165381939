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

  it("evaluates a call text seen before (its parse is shared) exactly as the text the reference splices", () => {
    const runtime = new ReferenceRuntime();
    const first = new ApiSide(runtime, entry(["TicketAPI"]), "model");
    const other = new ApiSide(runtime, { ...entry(["TicketAPI"]), id: "multi_turn_miss_func_9" }, "ground_truth");
    for (const side of [first, other, first]) side.execute(["create_ticket(title='a')"]);
    // Each side's own instance: the first side made two tickets, the other one.
    expect(first.execute(["get_ticket(ticket_id=2)"])[0]).toContain('"id": 2');
    expect(other.execute(["get_ticket(ticket_id=2)"])[0]).toBe('{"error": "Ticket with ID 2 not found."}');
    // The reference splices the instance name into a string that looks like a call, too: the real name, never the stand-in.
    for (const side of [first, other]) {
      const [created] = side.execute(["create_ticket(title='see get_ticket(1)')"]);
      const instance = side === first ? "model_eval_multi_turn_base_9_TicketAPI_instance" : "model_ground_truth_eval_multi_turn_miss_func_9_TicketAPI_instance";
      expect(created).toContain(`"title": "see ${instance}.get_ticket(1)"`);
    }
    // After a dot the spliced name is an attribute; a stand-in written by the model is just an unknown name.
    for (let round = 0; round < 2; round++) {
      expect(first.execute(["x.get_ticket(ticket_id=1)", "__toolgate_instance_TicketAPI.get_ticket(ticket_id=1)", "get_ticket(ticket_id=__toolgate_instance_TicketAPI)"])).toEqual([
        "Error during execution: name 'x' is not defined",
        "Error during execution: name '__toolgate_instance_TicketAPI' is not defined",
        "Error during execution: name '__toolgate_instance_TicketAPI' is not defined",
      ]);
    }
  });

  it("stringifies dicts as JSON, falling back to str(), and everything else with str()", () => {
    expect(stringifyResult(PyDict.fromRecord({ a: 1n }))).toBe('{"a": 1}');
    expect(stringifyResult(PyDict.fromRecord({ ids: PySet.of([1n]) }))).toBe("{'ids': {1}}");
    expect(stringifyResult(null)).toBe("None");
    expect(stringifyResult(["x"])).toBe("['x']");
    expect(stringifyResult("text")).toBe("text");
  });
});
