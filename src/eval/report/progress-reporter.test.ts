// Progress on stderr: a redrawn bar on a terminal, occasional plain lines in logs.
import { describe, expect, it } from "vitest";
import { createProgressReporter } from "./progress-reporter.js";

const progress = (done: number, total = 20) => ({ done, total, cached: 0, passed: done, failed: 0, errors: 0 });

describe("createProgressReporter", () => {
  it("redraws one line on a terminal, at most every 100 ms, and ends it with a newline", () => {
    let out = "";
    let clock = 0;
    const reporter = createProgressReporter({ stream: { isTTY: true, columns: 100, write: (text: string) => (out += text) }, label: "eval", now: () => clock });
    reporter.update(progress(1));
    clock = 50;
    reporter.update(progress(2));
    clock = 200;
    reporter.update(progress(10));
    reporter.update(progress(20));
    reporter.done();
    const frames = out.split("\r").filter(Boolean);
    expect(frames).toHaveLength(3);
    // eslint-disable-next-line no-control-regex -- the terminal escape that clears the rest of the line
    expect(frames[1]).toMatch(/^eval \[#+-+\] 10\/20 · 10 passed · 0 failed\x1b\[K$/);
    expect(out.endsWith("20/20 · 20 passed · 0 failed\x1b[K\n")).toBe(true);
  });

  it("writes a plain line per tenth of the run in logs, never a flood", () => {
    const lines: string[] = [];
    const reporter = createProgressReporter({ stream: { write: (text: string) => lines.push(text) }, label: "eval", now: () => 0 });
    for (let done = 1; done <= 100; done++) reporter.update({ ...progress(done, 100), cached: 5 });
    reporter.done();
    expect(lines.length).toBe(11);
    expect(lines[0]).toBe("eval: 1/100 · 1 passed · 0 failed · 5 cached (0 s)\n");
    expect(lines.at(-1)).toBe("eval: 100/100 · 100 passed · 0 failed · 5 cached (0 s)\n");
  });
});
