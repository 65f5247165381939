// readTraceEvents: a run found by its full id or a unique prefix in a real SQLite trail, and the errors for ambiguous or unknown ids.
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openAuditStore } from "../audit/index.js";
import { readTraceEvents } from "./audit-trace.js";
import { CliError } from "./cli-error.js";
import { cliSigner, daysAgo, seedRuns } from "./test-support/audit-trail.js";
import { tempDirs } from "./test-support/temp-dir.js";

const dirs = tempDirs();
afterEach(() => dirs.removeAll());

describe("readTraceEvents", () => {
  it("finds a run by its id or a unique prefix, and names the candidates when a prefix is ambiguous", async () => {
    const cwd = dirs.make();
    const url = `sqlite:${join(cwd, "audit.db")}`;
    const { runs } = await seedRuns(url, cwd, ["3f0a-one", "3f0b-two", "77c1-three"].map((traceId, index) => ({ traceId, at: daysAgo(3 - index) })), { signer: cliSigner(url, cwd) });
    const store = await openAuditStore(url, { cwd });
    try {
      const exact = await readTraceEvents(store, "3f0b-two");
      expect(exact.traceId).toBe("3f0b-two");
      expect(exact.events.map((event) => event.seq)).toEqual(Array.from({ length: runs[1]!.lastSeq - runs[1]!.firstSeq + 1 }, (_, index) => runs[1]!.firstSeq + index));
      expect((await readTraceEvents(store, "77")).traceId).toBe("77c1-three");

      const ambiguous = readTraceEvents(store, "3f0");
      await expect(ambiguous).rejects.toBeInstanceOf(CliError);
      await expect(ambiguous).rejects.toMatchObject({ kind: "usage", message: expect.stringMatching(/^trace 3f0 is ambiguous: (3f0a-one, 3f0b-two|3f0b-two, 3f0a-one); give more of the id$/) });
      await expect(readTraceEvents(store, "ffff")).rejects.toMatchObject({ kind: "usage", message: expect.stringMatching(/^no run ffff in sqlite:\S+audit\.db; `toolgate audit list` shows the recorded runs/) });
    } finally {
      await store.close();
    }
  });
});
