// The audit errors carry a code and a hint, and their message names both the problem and the fix.
import { describe, expect, it } from "vitest";
import { AuditConfigError, AuditError, AuditInputError, AuditStoreClosedError } from "./errors.js";

describe("audit errors", () => {
  it("puts the problem and the fix in one message", () => {
    const error = new AuditConfigError("unknown store URL scheme mysql:", "use sqlite:<path> or postgres://…");
    expect(error).toBeInstanceOf(AuditError);
    expect(error.code).toBe("config");
    expect(error.name).toBe("AuditConfigError");
    expect(error.message).toBe("unknown store URL scheme mysql: — use sqlite:<path> or postgres://…");
    expect(error.hint).toBe("use sqlite:<path> or postgres://…");
  });

  it("prefixes an input error with the path of the field", () => {
    const error = new AuditInputError("must be an ISO-8601 time", "use new Date().toISOString()", "events[2].at");
    expect(error.code).toBe("input");
    expect(error.path).toBe("events[2].at");
    expect(error.message.startsWith("events[2].at: must be an ISO-8601 time — ")).toBe(true);
  });

  it("names the store that was closed", () => {
    const error = new AuditStoreClosedError("sqlite:/tmp/a.db");
    expect(error.code).toBe("closed");
    expect(error.message).toContain("sqlite:/tmp/a.db");
  });
});
