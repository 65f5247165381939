// The public surface: the checker the BFCL scorer calls, reachable from the room's index.
import { describe, expect, it } from "vitest";
import * as multiTurn from "./index.js";

describe("multi-turn public surface", () => {
  it("checks an entry given the question's raw line, the ground truth and FC steps", () => {
    const question = '{"id": "multi_turn_base_0", "initial_config": {"TicketAPI": {"current_user": "ann"}}, "involved_classes": ["TicketAPI"]}';
    const verdict = multiTurn.checkMultiTurnEntry({
      id: "multi_turn_base_0",
      category: "multi_turn_base",
      question,
      possibleAnswer: [["ticket_get_login_status()"]],
      modelResult: [[[{ ticket_get_login_status: "{}" }]]],
    });
    expect(verdict.valid).toBe(true);
    expect(multiTurn.SIMULATED_API_CLASSES).toHaveLength(8);
    expect(typeof multiTurn.ReferenceRuntime).toBe("function");
  });
});
