// runEvalSuite on answering models: effects on the example catalog, no-call cases, gate interventions, errors and the cache.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noApprover, riskPolicy } from "../../policy/index.js";
import type { EvalCase } from "../cases/index.js";
import { defaultCaseClock, parseCases } from "../cases/index.js";
import { openStateEnvironment, replayCalls } from "../effects/index.js";
import type { ArgumentChecker } from "../scoring/index.js";
import { cacheFileName } from "./result-cache.js";
import type { EvalProgress } from "./eval-progress.js";
import { runEvalSuite } from "./run-eval-suite.js";
import { answeringModel } from "./test-support/answering-model.js";

let dir: string;
let freeCheckups: string[];

/** These cases never reach the argument checker; if one does, the test says so. */
const noArgumentChecks: ArgumentChecker = () => {
  throw new Error("the argument checker was called for a case without expected calls");
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "toolgate-runner-"));
  const environment = openStateEnvironment({ catalog: "customer-service", databasePath: join(dir, "probe.sqlite"), clock: new Date(defaultCaseClock) });
  try {
    const [record] = await replayCalls(environment, [{ name: "find_available_slots", arguments: { service_id: "SV-CHECKUP" } }], { now: () => new Date(defaultCaseClock) });
    freeCheckups = (record?.outcome.ok ? (record.outcome.result as { slots: Array<{ slot_id: string }> }).slots : []).map((slot) => slot.slot_id);
  } finally {
    environment.close();
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function bookingCase(): EvalCase {
  const [only] = parseCases(
    JSON.stringify({
      id: "book-first-checkup",
      category: "booking",
      tools: ["find_available_slots", "book_appointment"],
      messages: [{ role: "user", content: "Book James Chen (C-1002) into the first free check-up." }],
      expect: { effects: [{ name: "book_appointment", arguments: { customer_id: "C-1002", slot_id: freeCheckups[0] } }] },
    }),
    { file: "inline.jsonl", format: "jsonl" },
  );
  return only as EvalCase;
}

/** Looks the slots up, books the `pick`-th free one, then says so. */
function bookingModel(pick: number) {
  return answeringModel((_prompt, { step, lastTool }) => {
    if (step === 0) return { toolCalls: [{ name: "find_available_slots", arguments: { service_id: "SV-CHECKUP" } }] };
    if (step === 1) {
      const outcome = JSON.parse(lastTool && "content" in lastTool ? lastTool.content : "{}") as { result: { slots: Array<{ slot_id: string }> } };
      return { toolCalls: [{ name: "book_appointment", arguments: { customer_id: "C-1002", slot_id: outcome.result.slots[pick]?.slot_id } }] };
    }
    return { text: "Booked." };
  });
}

describe("runEvalSuite: effects", () => {
  it("passes a model that books the ground truth's slot, on its own catalog database", async () => {
    const model = bookingModel(0);
    const run = await runEvalSuite({ cases: [bookingCase()], model, concurrency: 1, checkArguments: noArgumentChecks });
    const [result] = run.results;
    expect(result).toMatchObject({ status: "passed", kind: "effects", effects: { correct: true, changes: [] }, steps: 3, reasons: [] });
    expect(result?.gate).toMatchObject({ calls: 2, succeeded: 2 });
    expect(result?.tokens).toEqual({ input: 300, output: 30 });
    // The model saw the catalog's own system prompt and only the case's tools.
    expect(model.requests[0]?.messages[0]?.role).toBe("system");
    expect(model.requests[0]?.tools.map((tool) => tool.name)).toEqual(["find_available_slots", "book_appointment"]);
    expect(run.summary.categories.booking?.effects).toEqual({ correct: 1, total: 1, rate: 1 });
  });

  it("fails a model that books another slot, naming the field that differs", async () => {
    const run = await runEvalSuite({ cases: [bookingCase()], model: bookingModel(1), concurrency: 1, checkArguments: noArgumentChecks });
    const [result] = run.results;
    expect(result?.status).toBe("failed");
    expect(result?.effects?.changes).toEqual([expect.objectContaining({ kind: "changed", expected: freeCheckups[0], actual: freeCheckups[1] })]);
    expect(result?.reasons).toEqual([expect.stringMatching(new RegExp(`^effects: appointments\\[id=A-\\d+\\]\\.slot_id: expected "${freeCheckups[0]}", got "${freeCheckups[1]}"$`))]);
  });
});

const noCallCases = parseCases(
  `- id: greet
  category: irrelevance
  messages: [{ role: user, content: "hello there" }]
  tools:
    - { name: get_weather, description: Weather for a city., parameters: { type: object, properties: { city: { type: string } }, required: [city] } }
  expect: { no_call: true }
- id: chat
  category: irrelevance
  turns: ["hi", "what can you do?"]
  tools:
    - { name: get_weather, description: Weather for a city., parameters: { type: object, properties: { city: { type: string } }, required: [city] } }
  expect: { no_call: true }
`,
  { file: "no-call.yaml", format: "yaml" },
);

describe("runEvalSuite: no-call cases, multi-turn and gate interventions", () => {
  it("passes silence, fails a call with unexpected_call, over every turn", async () => {
    const quiet = await runEvalSuite({ cases: noCallCases, model: answeringModel(() => ({ text: "Hello!" })), checkArguments: noArgumentChecks });
    expect(quiet.results.map((result) => [result.id, result.status, result.responses.length])).toEqual([
      ["greet", "passed", 1],
      ["chat", "passed", 2],
    ]);
    const chatty = await runEvalSuite({
      cases: noCallCases,
      model: answeringModel((prompt) => (prompt === "what can you do?" ? { toolCalls: [{ name: "get_weather", arguments: { city: 7 } }] } : { text: "Hi." })),
      checkArguments: noArgumentChecks,
    });
    const chat = chatty.results.find((result) => result.id === "chat");
    expect(chat?.status).toBe("failed");
    expect(chat?.decision?.errors).toEqual([{ code: "unexpected_call", actual: "get_weather" }]);
    // The call also met the gate: the inline schema wants a string city.
    expect(chat?.gate.rejected).toEqual({ validate: 1 });
    expect(chatty.results.find((result) => result.id === "greet")?.status).toBe("passed");
  });

  it("counts policy blocks when the suite runs under a policy", async () => {
    const [refund] = parseCases(
      JSON.stringify({
        id: "refund",
        tools: ["issue_refund"],
        messages: [{ role: "user", content: "Refund Maria $10" }],
        expect: { effects: [{ name: "issue_refund", arguments: { customer_id: "C-1001", amount_cents: 1000, reason: "goodwill" } }] },
      }),
      { file: "refund.jsonl", format: "jsonl" },
    );
    const model = answeringModel((_prompt, { step }) =>
      step === 0 ? { toolCalls: [{ name: "issue_refund", arguments: { customer_id: "C-1001", amount_cents: 1000, reason: "goodwill" } }] } : { text: "I could not." },
    );
    const run = await runEvalSuite({ cases: [refund as EvalCase], model, policy: riskPolicy(), approver: noApprover, checkArguments: noArgumentChecks });
    expect(run.results[0]?.gate).toMatchObject({ calls: 1, rejected: { approval: 1 }, policyBlocks: 1 });
    // Blocked, so the refund never happened: the state differs from the ground truth's.
    expect(run.results[0]?.status).toBe("failed");
    expect(run.results[0]?.reasons[0]).toMatch(/^effects: refunds\[id=R-\d+\]: missing/);
    expect(run.summary.overall.gate.policyBlocks).toBe(1);
  });
});

describe("runEvalSuite: errors, the cache and progress", () => {
  it("records a model failure as an error, does not cache it, and resumes the rest from the cache", async () => {
    const cacheDir = join(dir, "cache");
    let down = true;
    const model = answeringModel((prompt) => (prompt === "hi" && down ? new Error("connect ECONNREFUSED") : { text: "Hello." }), "answering:v1");
    const first = await runEvalSuite({ cases: noCallCases, model, cacheDir, concurrency: 2, checkArguments: noArgumentChecks });
    expect(first.results.map((result) => [result.id, result.status])).toEqual([
      ["greet", "passed"],
      ["chat", "error"],
    ]);
    expect(first.results[1]?.reasons).toEqual(["error: connect ECONNREFUSED"]);
    expect(first.summary.overall.errors).toBe(1);
    expect(readFileSync(join(cacheDir, cacheFileName), "utf8").trim().split("\n")).toHaveLength(1);

    down = false;
    const requestsBefore = model.requests.length;
    const progress: EvalProgress[] = [];
    const second = await runEvalSuite({ cases: noCallCases, model, cacheDir, concurrency: 2, checkArguments: noArgumentChecks, onProgress: (event) => progress.push(event) });
    expect(second.results.map((result) => [result.id, result.status])).toEqual([
      ["greet", "passed"],
      ["chat", "passed"],
    ]);
    // Only the errored multi-turn case ran again: two turns, two requests.
    expect(model.requests.length - requestsBefore).toBe(2);
    expect(second.cached).toBe(1);
    expect(progress.at(-1)).toMatchObject({ done: 2, total: 2, cached: 1, passed: 2 });

    const third = await runEvalSuite({ cases: noCallCases, model, cacheDir, checkArguments: noArgumentChecks });
    expect(third.cached).toBe(2);
    expect(model.requests.length - requestsBefore).toBe(2);
  });

  it("runs a case again when it changes or the model differs", async () => {
    const cacheDir = join(dir, "cache-2");
    const model = answeringModel(() => ({ text: "Hello." }), "answering:a");
    await runEvalSuite({ cases: noCallCases.slice(0, 1), model, cacheDir, checkArguments: noArgumentChecks });
    const changed = [{ ...(noCallCases[0] as EvalCase), messages: [{ role: "user" as const, content: "hello again" }] }];
    expect((await runEvalSuite({ cases: changed, model, cacheDir, checkArguments: noArgumentChecks })).cached).toBe(0);
    const other = answeringModel(() => ({ text: "Hello." }), "answering:b");
    expect((await runEvalSuite({ cases: noCallCases.slice(0, 1), model: other, cacheDir, checkArguments: noArgumentChecks })).cached).toBe(0);
    expect(other.requests).toHaveLength(1);
  });

  it("reports a case whose tools cannot be built as an error naming the fix", async () => {
    const [bad] = parseCases(JSON.stringify({ id: "bad", tools: ["book_apointment"], turns: ["hi"], expect: { no_call: true } }), { file: "bad.jsonl", format: "jsonl" });
    const run = await runEvalSuite({ cases: [bad as EvalCase], model: answeringModel(() => ({ text: "x" })), checkArguments: noArgumentChecks });
    expect(run.results[0]).toMatchObject({ status: "error" });
    expect(run.results[0]?.error).toMatch(/^case bad: book_apointment is not in the customer-service catalog; its tools are find_available_slots, book_appointment/);
  });
});
