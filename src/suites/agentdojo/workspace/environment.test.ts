// Tests building the workspace state from AgentDojo's YAML: normalised times, derived contacts and sizes, fresh copies.
import { expect, it } from "vitest";
import { describeWithShared, whenShared } from "../../../test-support/shared-data.js";
import { loadAgentDojoEnvironment } from "../data.js";
import { nextId } from "../shared/next-id.js";
import { createEnvironment, pythonTitle } from "./environment.js";
import { workspaceRoot } from "./test-support/test-environment.js";

describeWithShared("createEnvironment", () => {
  const raw = whenShared(["data", "attacks"], () => loadAgentDojoEnvironment(workspaceRoot, "workspace"), undefined as unknown as ReturnType<typeof loadAgentDojoEnvironment>);

  it("keys the stores by id and stores every date-time as Python's isoformat", () => {
    const env = createEnvironment(raw);
    expect(Object.keys(env.inbox.emails)).toHaveLength(31);
    expect(env.calendar.events["6"]).toMatchObject({ start_time: "2024-05-15T10:00:00", end_time: "2024-05-15T11:00:00", status: "confirmed" });
    expect(env.calendar.current_day).toBe("2024-05-15");
    expect(env.cloud_drive.files["5"]!.shared_with).toEqual({});
    expect(nextId(env.inbox.emails)).toBe("34");
    expect(nextId(env.calendar.events)).toBe("27");
  });

  it("derives contacts from the emails' addresses like upstream's str.title()", () => {
    const env = createEnvironment(raw);
    expect(env.inbox.contact_list.find((contact) => contact.email === "sarah.baker@gmail.com")?.name).toBe("Sarah Baker");
    expect(pythonTitle("security-facebook-com")).toBe("Security-Facebook-Com");
    expect(pythonTitle("mark.black-2134 x2y")).toBe("Mark.Black-2134 X2Y");
  });

  it("returns an independent copy each time", () => {
    const first = createEnvironment(raw);
    const second = createEnvironment(raw);
    first.inbox.emails["0"]!.recipients.push("x@y.example");
    first.cloud_drive.files["0"]!.shared_with["x@y.example"] = "rw";
    expect(second.inbox.emails["0"]!.recipients).toEqual(["emma.johnson@bluesparrowtech.com"]);
    expect(createEnvironment(raw).cloud_drive.files["0"]!.shared_with).not.toHaveProperty("x@y.example");
  });
}, "data", "attacks");
