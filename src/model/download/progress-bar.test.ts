// Tests for the stderr progress display: redrawn on a terminal, sparse plain lines otherwise.
import { describe, expect, it } from "vitest";
import { createProgressBar } from "./progress-bar.js";

function recorder(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns: 100, write: (text: string) => writes.push(text) } };
}

describe("createProgressBar", () => {
  it("redraws one line on a terminal, throttled, with percent, MB and rate", () => {
    const { writes, stream } = recorder(true);
    let clock = 0;
    const bar = createProgressBar({ label: "model", stream, now: () => clock });
    bar.update({ receivedBytes: 0, totalBytes: 10_000_000 });
    clock = 50;
    bar.update({ receivedBytes: 1_000_000, totalBytes: 10_000_000 }); // throttled
    clock = 1000;
    bar.update({ receivedBytes: 5_000_000, totalBytes: 10_000_000 });
    bar.update({ receivedBytes: 10_000_000, totalBytes: 10_000_000 }); // final frame always drawn
    bar.done();
    expect(writes).toHaveLength(4);
    expect(writes[1]).toMatch(/^\rmodel \[#+-+\] {2}50% 5\.0\/10\.0 MB 5\.0 MB\/s/);
    expect(writes[2]).toContain("100%");
    expect(writes[3]).toBe("\n");
  });

  it("prints a plain line per 10% when stderr is not a terminal", () => {
    const { writes, stream } = recorder(false);
    const bar = createProgressBar({ label: "model", stream, now: () => 1000 });
    for (let received = 0; received <= 1000; received += 10) bar.update({ receivedBytes: received, totalBytes: 1000 });
    bar.done();
    expect(writes).toHaveLength(11);
    expect(writes.every((line) => line.endsWith("\n") && !line.includes("\r"))).toBe(true);
    expect(writes[10]).toContain("100%");
  });
});
