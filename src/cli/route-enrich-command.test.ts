// `toolgate route enrich` through main(): examples from a case file, a deterministic split, and routing a held-out request with them.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "./main.js";
import { capturedIo } from "./test-support/captured-io.js";
import { tempDirs } from "./test-support/temp-dir.js";

const dirs = tempDirs();
afterEach(() => dirs.removeAll());

async function cli(args: string[], cwd: string) {
  const io = capturedIo({ cwd });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** Customers say "invoice" and "visit"; the catalogue's descriptions say neither, so only examples can connect them. */
const requests: Array<[string, string]> = [
  ["Can you show me my latest invoice?", "get_account_summary"],
  ["What does my invoice say I still owe?", "get_account_summary"],
  ["I need a copy of my invoice", "get_account_summary"],
  ["Is my invoice paid yet?", "get_account_summary"],
  ["Please check the invoice on my file", "get_account_summary"],
  ["Did you get the payment for my last invoice", "get_account_summary"],
  ["I can't make it to my visit on Friday, drop it", "cancel_appointment"],
  ["Please drop my dentist visit", "cancel_appointment"],
  ["Scrap tomorrow's visit please", "cancel_appointment"],
];

function caseFile(order: Array<[string, string]> = requests): string {
  const cases = order.map(([request, tool], index) => ({
    id: `case-${index}`,
    messages: [{ role: "user", content: request }],
    tools: [tool],
    expect: { calls: [{ [tool]: {} }] },
  }));
  cases.push({ id: "thanks", messages: [{ role: "user", content: "thanks, that's all" }], tools: [], expect: { no_call: true } } as never);
  return cases.map((entry) => JSON.stringify(entry)).join("\n");
}

interface EnrichJson {
  out: string;
  cases: number;
  skipped: Array<{ id: string; reason: string }>;
  train: { requests: number; examples: number; perTool: Record<string, number> };
  heldOut: { requests: number; items: Array<{ query: string; tools: string[] }> };
}

interface RouteJson {
  routing: { scores?: Record<string, number> };
  exposed: Array<{ name: string; score?: number; matched: Array<{ term: string }> }>;
}

/** 1-based rank of `tool` by the router's score, or Infinity when it was not exposed at all. */
function rankOf(decision: RouteJson, tool: string): number {
  const ranked = decision.exposed.filter((row) => row.score !== undefined).sort((a, b) => b.score! - a.score!);
  const position = ranked.findIndex((row) => row.name === tool);
  return position < 0 ? Number.POSITIVE_INFINITY : position + 1;
}

describe("toolgate route enrich", () => {
  it("writes the train split's examples per tool, prints the counts and the held-out size, and is deterministic", async () => {
    const cwd = dirs.make();
    writeFileSync(join(cwd, "cases.jsonl"), caseFile());
    const { code, out, err } = await cli(["route", "enrich", "--from", "cases.jsonl", "--out", "out.json"], cwd);
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toMatch(/^read 10 cases from cases\.jsonl: 9 requests with an expected tool, 1 case skipped \(1 expects no particular tool \(no_call or any_call\)\)$/m);
    expect(out).toMatch(/^split train=0\.8 by request text: 7 requests give examples, 2 held out \(never used as examples; measure routing on them\)$/m);
    expect(out).toMatch(/^tool\s+examples\ncancel_appointment\s+3\nget_account_summary\s+4$/m);
    expect(out).toMatch(/^wrote 7 examples for 2 tools to out\.json; use them with --examples out\.json on route, run, chat or eval run$/m);

    const written = readFileSync(join(cwd, "out.json"), "utf8");
    const examples = JSON.parse(written) as Record<string, string[]>;
    expect(Object.keys(examples)).toEqual(["cancel_appointment", "get_account_summary"]);
    expect(examples.cancel_appointment).toEqual(["I can't make it to my visit on Friday, drop it", "Please drop my dentist visit", "Scrap tomorrow's visit please"]);
    // Run again: the same file, byte for byte.
    expect((await cli(["route", "enrich", "--from", "cases.jsonl", "--out", "again.json"], cwd)).code).toBe(0);
    expect(readFileSync(join(cwd, "again.json"), "utf8")).toBe(written);
    // The split depends on the request text alone: the cases in reverse order give the same examples (in their order).
    writeFileSync(join(cwd, "reversed.jsonl"), caseFile([...requests].reverse()));
    expect((await cli(["route", "enrich", "--from", "reversed.jsonl", "--out", "reversed.json"], cwd)).code).toBe(0);
    const reversed = JSON.parse(readFileSync(join(cwd, "reversed.json"), "utf8")) as Record<string, string[]>;
    expect(Object.keys(reversed)).toEqual(Object.keys(examples));
    for (const tool of Object.keys(examples)) expect([...reversed[tool]!].reverse()).toEqual(examples[tool]);
  });

  it("--json lists the held-out requests, none of which became an example", async () => {
    const cwd = dirs.make();
    writeFileSync(join(cwd, "cases.jsonl"), caseFile());
    const { code, out } = await cli(["route", "enrich", "--from", "cases.jsonl", "--split", "train=0.5", "--json"], cwd);
    expect(code).toBe(0);
    const summary = JSON.parse(out) as EnrichJson;
    expect(summary.out).toBe(join(cwd, "examples.json"));
    expect(summary.cases).toBe(10);
    expect(summary.skipped).toEqual([{ id: "thanks", reason: "expects no particular tool (no_call or any_call)" }]);
    expect(summary.train.requests + summary.heldOut.requests).toBe(9);
    expect(summary.heldOut.items).toHaveLength(summary.heldOut.requests);
    const examples = JSON.parse(readFileSync(join(cwd, "examples.json"), "utf8")) as Record<string, string[]>;
    const learnt = new Set(Object.values(examples).flat());
    expect(learnt.size).toBe(summary.train.examples);
    for (const item of summary.heldOut.items) expect(learnt.has(item.query)).toBe(false);
    // A smaller train share holds out more than the default does.
    expect(summary.heldOut.requests).toBeGreaterThan(2);
  });

  it("a held-out request ranks its tool higher with the learnt examples than without", async () => {
    const cwd = dirs.make();
    writeFileSync(join(cwd, "cases.jsonl"), caseFile());
    const summary = JSON.parse((await cli(["route", "enrich", "--from", "cases.jsonl", "--out", "out.json", "--json"], cwd)).out) as EnrichJson;
    const heldOut = summary.heldOut.items.find((item) => item.tools[0] === "get_account_summary");
    expect(heldOut?.query).toBe("I need a copy of my invoice");

    const route = async (extra: string[]) => {
      const { code, out } = await cli(["route", heldOut!.query, "--router", "bm25", "--k", "13", "--json", ...extra], cwd);
      expect(code).toBe(0);
      return JSON.parse(out) as RouteJson;
    };
    const without = await route([]);
    const withExamples = await route(["--examples", "out.json"]);
    // Nothing in the description says "invoice": without examples the tool is not retrieved at all.
    expect(rankOf(without, "get_account_summary")).toBe(Number.POSITIVE_INFINITY);
    expect(rankOf(withExamples, "get_account_summary")).toBe(1);
    expect(withExamples.routing.scores!.get_account_summary).toBeGreaterThan(0);
    expect(withExamples.exposed.find((row) => row.name === "get_account_summary")!.matched.map((part) => part.term)).toContain("invoice");
  });

  it("reports an audit store, a bad split and a bad case file as one usage line with the fix", async () => {
    const cwd = dirs.make();
    const audit = await cli(["route", "enrich", "--from", "sqlite:.toolgate/audit.db"], cwd);
    expect(audit.code).toBe(2);
    expect(audit.err).toBe(
      "toolgate: --from names an audit store, but the audit trail records requests by digest only, so it holds no request text to learn from; " +
        "enrich from an evaluation case file (--from cases.yaml), or in code pass the Traces runAgent returns through casesFromTraces and enrichFromCases\n",
    );
    const split = await cli(["route", "enrich", "--from", "cases.yaml", "--split", "0.8"], cwd);
    expect(split.code).toBe(2);
    expect(split.err).toMatch(/--split takes train=<share>, a share above 0 and at most 1 of the requests to learn from, e\.g\. --split train=0\.8/);
    writeFileSync(join(cwd, "bad.yaml"), "- id: one\n  messages: [{ role: user, content: hi }]\n");
    const bad = await cli(["route", "enrich", "--from", "bad.yaml"], cwd);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^toolgate: invalid case file:\n.*bad\.yaml:1: case one\.expect: /);
    const missing = await cli(["route", "enrich"], cwd);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/required option '--from <cases>' not specified/);
  });
});
