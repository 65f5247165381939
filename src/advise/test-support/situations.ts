// Test support: constructed evaluation situations, each with one known root cause and the lever that fixes it. Every
// situation runs for real — cases through runEvalSuite, the gate and BFCL's argument checker, with a constructed model
// and (where named) a real router — and the advisor sees only the resulting reports.
import type { EvalCaseInput, EvalReport } from "../../eval/index.js";
import { buildEvalReport, evalCaseSchema, runEvalSuite } from "../../eval/index.js";
import type { ModelAdapter } from "../../model/index.js";
import type { RouterSpec } from "../../route/index.js";
import { createRouter } from "../../route/index.js";
import { bfclArgumentChecker } from "../../suites/bfcl/runner/index.js";
import type { Lever } from "../advice.js";
import type { Behaviour } from "./constructed-models.js";
import { constructedModel } from "./constructed-models.js";
import type { Task } from "./synthetic-world.js";
import { caseFor, coreTools, describedTools, fillerTools, irrelevantPrompts, noCallCase, tasks } from "./synthetic-world.js";

interface SituationRun {
  cases: EvalCaseInput[];
  model: ModelAdapter;
  router?: RouterSpec;
}

export interface Situation {
  name: string;
  /** The root cause, in words. */
  cause: string;
  /** The lever that fixes it: what the advisor's first recommendation should name. */
  expected: Lever;
  /** In order: earlier runs are the attempts before the latest. */
  runs: SituationRun[];
}

const world = tasks(6);
const byTool = (tool: string) => world.filter((task) => task.tool === tool);
const core = (names?: string[]) => (names ? coreTools.filter((tool) => names.includes(tool.name)) : coreTools);
const big = [...coreTools, ...fillerTools(24)];
const cases = (list: readonly Task[], tools = core(), prompt?: (task: Task) => string) => list.map((task) => caseFor(task, { tools, ...(prompt ? { prompt } : {}) }));
/** A rewritten request keeps a neutral tag the constructed model finds its task by (no word a router could match). */
const tag = (task: Task) => `[t${world.indexOf(task)}]`;
const tagged = (text: string) => (task: Task) => `${text} ${tag(task)}`;
const model = (behaviour: Behaviour = {}) => constructedModel(world, behaviour);
/** Deterministic "sometimes": the n-th of every k tasks, by the task's position in the world. */
const every = (k: number, task: Task) => world.indexOf(task) % k === 0;

const wrongWhenCrowded = (limit: number, rate = 1): Behaviour => ({
  choose: (task, tools) => (tools.length > limit && (rate >= 1 || !every(Math.round(1 / (1 - rate)), task)) ? (tools.find((tool) => tool.name !== task.tool)?.name ?? task.tool) : task.tool),
});
const usDates: Behaviour["fill"] = (_task, args) => ("date" in args ? { ...args, date: String(args.date).replace(/^(\d{4})-(\d{2})-(\d{2})$/, "$2/$3/$1") } : args);
const respectsDescribedDates: Behaviour["fill"] = (task, args, described) => (described.date?.includes("YYYY-MM-DD") ? args : (usDates(task, args, described) as Record<string, unknown>));

/** Synonyms the tools' words do not share, so a lexical router cannot find the tool. */
const reworded: Record<string, (task: Task) => string> = {
  issue_refund: (task) => `Please reimburse the buyer fully for purchase ${String(task.args.order_id)}. ${tag(task)}`,
  book_meeting: (task) => `Put a slot with ${String(task.args.attendee)} into the agenda. ${tag(task)}`,
  get_order: (task) => `Where is parcel ${String(task.args.order_id)} right now? ${tag(task)}`,
};

export const situations: Situation[] = [
  {
    name: "crowded-15",
    cause: "the model chooses wrongly whenever more than 15 tools are in view",
    expected: "routing",
    runs: [{ cases: [...cases(world.slice(0, 15), core()), ...cases(world.slice(15), big)], model: model(wrongWhenCrowded(15)) }],
  },
  {
    name: "crowded-10-three-sizes",
    cause: "wrong choices beyond 10 tools, catalogues of 5, 8 and 32 tools",
    expected: "routing",
    runs: [{ cases: [...cases(world.slice(0, 10), core(["book_meeting", "issue_refund", "update_phone", "create_ticket", "get_order"])), ...cases(world.slice(10, 20), core()), ...cases(world.slice(20), big)], model: model(wrongWhenCrowded(10)) }],
  },
  {
    name: "crowded-mostly",
    cause: "two in three choices go wrong beyond 20 tools, the rest are right",
    expected: "routing",
    runs: [{ cases: [...cases(world.slice(0, 12), core()), ...cases(world.slice(12), big)], model: model(wrongWhenCrowded(20, 2 / 3)) }],
  },
  {
    name: "router-hides-tool",
    cause: "a lexical router with k = 3 cannot find tools asked for in other words",
    expected: "routing",
    runs: [{ cases: [...byTool("issue_refund"), ...byTool("book_meeting"), ...byTool("get_order")].map((task) => caseFor(task, { tools: big, prompt: reworded[task.tool] as (task: Task) => string })), model: model(), router: createRouter({ router: "bm25", k: 3 }) }],
  },
  {
    name: "router-hides-some",
    cause: "the router misses the reworded half of the requests",
    expected: "routing",
    runs: [{ cases: world.slice(0, 20).map((task) => caseFor(task, { tools: big, ...(reworded[task.tool] && every(2, task) ? { prompt: reworded[task.tool] } : {}) })), model: model(), router: createRouter({ router: "bm25", k: 3 }) }],
  },
  {
    name: "us-dates",
    cause: "dates written MM/DD/YYYY where the tool takes YYYY-MM-DD",
    expected: "prompting",
    runs: [{ cases: cases(world), model: model({ fill: usDates }) }],
  },
  {
    name: "dollars-not-cents",
    cause: "refund amounts in dollars where the tool takes cents",
    expected: "prompting",
    runs: [{ cases: cases(world), model: model({ fill: (_task, args) => ("amount_cents" in args ? { ...args, amount_cents: Number(args.amount_cents) / 100 } : args) }) }],
  },
  {
    name: "local-phone-numbers",
    cause: "phone numbers without the country code",
    expected: "prompting",
    runs: [{ cases: cases(world), model: model({ fill: (_task, args) => ("phone" in args ? { ...args, phone: String(args.phone).replace(/^\+1/, "") } : args) }) }],
  },
  {
    name: "enum-copied",
    cause: "the user's word (urgent) copied into an enum that takes high",
    expected: "prompting",
    runs: [{ cases: cases(world), model: model({ fill: (_task, args) => ("priority" in args ? { ...args, priority: "urgent" } : args) }) }],
  },
  {
    name: "calls-on-irrelevant",
    cause: "calls a tool on requests no tool serves",
    expected: "prompting",
    runs: [{ cases: [...cases(world.slice(0, 12)), ...irrelevantPrompts(14).map((prompt, index) => noCallCase(prompt, index, core()))], model: model({ irrelevant: (tools) => tools[0]?.name }) }],
  },
  {
    name: "answers-instead-of-calling",
    cause: "answers in text where a call was wanted",
    expected: "prompting",
    runs: [{ cases: cases(world), model: model({ refuses: (task) => every(2, task) }) }],
  },
  {
    name: "malformed-calls",
    cause: "call arguments written as key=value text",
    expected: "prompting",
    runs: [{ cases: cases(world), model: model({ garble: (task) => (every(2, task) ? Object.entries(task.args).map(([key, value]) => `${key}=${String(value)}`).join(" ") : undefined) }) }],
  },
  {
    name: "order-ids-not-given",
    cause: "refunds and look-ups of 'my last order': nobody gives the model the order id",
    expected: "retrieval",
    runs: [{ cases: [...cases([...byTool("issue_refund"), ...byTool("get_order")], core(), tagged("Sort out my most recent order, please.")), ...cases(world.slice(0, 6))], model: model() }],
  },
  {
    name: "attendees-not-given",
    cause: "meetings 'with my manager': the model has no directory to look the address up in",
    expected: "retrieval",
    runs: [{ cases: [...cases(byTool("book_meeting"), core(), (task) => `Set up a meeting with my manager on ${String(task.prompt.split(" on ")[1])} ${tag(task)}`), ...cases(world.slice(0, 5))], model: model() }],
  },
  {
    name: "customer-ids-not-given",
    cause: "phone changes for 'this customer' with no customer id anywhere",
    expected: "retrieval",
    runs: [{ cases: [...cases(byTool("update_phone"), core(), (task) => `This customer has a new phone: ${String(task.prompt.split(": ")[1])} ${tag(task)}`), ...cases(byTool("get_order"))], model: model() }],
  },
  {
    name: "picks-the-other-order",
    cause: "two order ids in the request; the model takes the wrong one",
    expected: "fine-tuning",
    runs: [{ cases: cases([...byTool("get_order"), ...byTool("issue_refund")], core(), (task) => `${task.prompt} (Not ORD-9${String(task.args.order_id).slice(4)}, that one is fine.) ${tag(task)}`), model: model({ fill: (_task, args) => ("order_id" in args ? { ...args, order_id: `ORD-9${String(args.order_id).slice(4)}` } : args) }) }],
  },
  {
    name: "dates-persist-after-descriptions",
    cause: "MM/DD/YYYY dates even after the schema says YYYY-MM-DD: prompting was tried and was not enough",
    expected: "fine-tuning",
    runs: [
      { cases: cases(world), model: model({ fill: usDates }) },
      { cases: cases(world, describedTools(coreTools)), model: model({ fill: usDates }) },
    ],
  },
  {
    name: "irrelevant-calls-persist",
    cause: "still calls on irrelevant requests after the system prompt says not to",
    expected: "fine-tuning",
    runs: [
      { cases: [...cases(world.slice(0, 10)), ...irrelevantPrompts(14).map((prompt, index) => noCallCase(prompt, index, core()))], model: model({ irrelevant: (tools) => tools[0]?.name }) },
      { cases: [...cases(world.slice(0, 10)), ...irrelevantPrompts(14).map((prompt, index) => ({ ...noCallCase(prompt, index, core()), system: "Answer without a tool when no tool fits the request." }))], model: model({ irrelevant: (tools) => tools[0]?.name }) },
    ],
  },
  {
    name: "descriptions-fixed-dates",
    cause: "MM/DD/YYYY dates, fixed by describing the form: nothing left to pull",
    expected: "none",
    runs: [
      { cases: cases(world), model: model({ fill: respectsDescribedDates }) },
      { cases: cases(world, describedTools(coreTools)), model: model({ fill: respectsDescribedDates }) },
    ],
  },
  {
    name: "healthy",
    cause: "a model that gets everything right",
    expected: "none",
    runs: [{ cases: cases(world), model: model() }],
  },
  {
    name: "mostly-routing-some-dates",
    cause: "a router that hides reworded tools, and a few US dates besides",
    expected: "routing",
    runs: [{ cases: [...byTool("issue_refund"), ...byTool("get_order"), ...byTool("book_meeting")].map((task) => caseFor(task, { tools: big, ...(task.tool !== "book_meeting" ? { prompt: reworded[task.tool] as (task: Task) => string } : {}) })), model: model({ fill: usDates }), router: createRouter({ router: "bm25", k: 3 }) }],
  },
  {
    name: "mostly-knowledge-some-irrelevant",
    cause: "order ids nobody gave, and a few calls on irrelevant requests",
    expected: "retrieval",
    runs: [{ cases: [...cases([...byTool("issue_refund"), ...byTool("get_order")], core(), tagged("Fix my latest order.")), ...irrelevantPrompts(4).map((prompt, index) => noCallCase(prompt, index, core()))], model: model({ irrelevant: (tools) => tools[0]?.name }) }],
  },
  {
    name: "ids-not-given-in-a-big-catalogue",
    cause: "order ids nobody gave, in a 32-tool catalogue the model handles well: crowding must not be blamed",
    expected: "retrieval",
    runs: [{ cases: [...cases([...byTool("issue_refund"), ...byTool("get_order")], big, tagged("Handle my previous order.")), ...cases(world.slice(0, 10), core())], model: model() }],
  },
  {
    name: "confusion-at-every-size",
    cause: "get_orders taken for get_order as often with 8 tools as with 32: descriptions, not routing",
    expected: "prompting",
    runs: [{ cases: [...cases(byTool("get_order"), core()), ...cases(byTool("get_order"), big), ...cases(world.slice(0, 10), core()), ...cases(world.slice(10, 20), big)], model: model({ choose: (task) => (task.tool === "get_order" ? "get_orders" : task.tool) }) }],
  },
  {
    name: "order-vs-orders",
    cause: "get_orders taken for get_order in a catalogue of eight",
    expected: "prompting",
    runs: [{ cases: cases([...byTool("get_order"), ...world.slice(0, 12)]), model: model({ choose: (task) => (task.tool === "get_order" ? "get_orders" : task.tool) }) }],
  },
];

/** Runs a situation's runs for real and returns their reports, labelled run-1, run-2, … */
export async function reportsFor(situation: Situation): Promise<Array<{ label: string; report: EvalReport }>> {
  const reports = [];
  for (const [index, run] of situation.runs.entries()) {
    const evalRun = await runEvalSuite({
      cases: run.cases.map((input) => evalCaseSchema.parse(input)),
      model: run.model,
      ...(run.router ? { router: typeof run.router === "function" ? run.router : createRouter(run.router) } : {}),
      checkArguments: bfclArgumentChecker(),
      concurrency: 4,
    });
    reports.push({ label: `run-${index + 1}.json`, report: buildEvalReport(evalRun, { suite: `${situation.name}.yaml` }) });
  }
  return reports;
}
