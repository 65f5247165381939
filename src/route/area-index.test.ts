// Area ranking over area documents: its own words plus its tools' words.
import { describe, expect, it } from "vitest";
import { weighQuery } from "../rag/index.js";
import { createAreaIndex } from "./area-index.js";
import { tokenize } from "./tokenize.js";

const query = (text: string) => weighQuery([{ terms: tokenize(text), weight: 1 }]);

describe("createAreaIndex", () => {
  const areas = [
    { name: "billing", description: "Invoices and refunds" },
    { name: "calendar", description: "Meetings" },
    { name: "empty", description: "No tools live here" },
  ];
  const tools = [
    { name: "issue_refund", description: "Refund a payment.", area: "billing" },
    { name: "create_event", description: "Put a meeting in the calendar.", area: "calendar" },
    { name: "list_events", description: "Upcoming events.", area: "calendar" },
  ];
  const index = createAreaIndex(areas, tools);

  it("ranks areas by their own words and their tools' words, and leaves out areas without tools", () => {
    expect(index.areas.map((area) => area.name)).toEqual(["billing", "calendar"]);
    expect(index.rank(query("refund my invoice"), 2).map((hit) => hit.area)).toEqual(["billing"]);
    expect(index.rank(query("show upcoming events"), 2).map((hit) => hit.area)).toEqual(["calendar"]);
    expect(index.rank(query("tools live here"), 2)).toEqual([]);
  });
});
