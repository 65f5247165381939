// Test support: a small synthetic world of tools and requests for constructing evaluation situations with a known
// root cause. Each task knows its correct call; the models in constructed-models.ts answer from it with one defect.
import type { EvalCaseInput, FunctionTool } from "../../eval/index.js";

export interface Task {
  id: string;
  prompt: string;
  tool: string;
  /** The correct arguments. */
  args: Record<string, unknown>;
}

type ToolInput = Omit<FunctionTool, "risk" | "area" | "description" | "parameters"> & Partial<Pick<FunctionTool, "risk" | "area">> & { description: string; parameters: Record<string, unknown> };

const object = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({ type: "object", properties, required });
const string = (description: string, extra: Record<string, unknown> = {}) => ({ type: "string", description, ...extra });
const integer = (description: string) => ({ type: "integer", description });

/** The tools the tasks use. Descriptions are plain, as teams first write them. */
export const coreTools: ToolInput[] = [
  { name: "book_meeting", area: "calendar", description: "Book a meeting on the calendar.", parameters: object({ date: string("The day of the meeting."), attendee: string("Who attends.") }) },
  { name: "issue_refund", area: "billing", description: "Issue a refund for an order.", parameters: object({ order_id: string("The order."), amount_cents: integer("The amount to refund.") }) },
  { name: "update_phone", area: "crm", description: "Change a customer's phone number.", parameters: object({ customer_id: string("The customer."), phone: string("The new number.") }) },
  { name: "create_ticket", area: "support", description: "Open a support ticket.", parameters: object({ priority: string("How urgent.", { enum: ["low", "normal", "high"] }), summary: string("What it is about.") }) },
  { name: "get_order", area: "orders", description: "Get an order.", parameters: object({ order_id: string("The order.") }) },
  { name: "get_orders", area: "orders", description: "Get orders.", parameters: object({ customer_id: string("The customer.") }) },
  { name: "send_invoice", area: "billing", description: "Send an invoice for an order to an address.", parameters: object({ order_id: string("The order."), email: string("Where to send it.") }) },
  { name: "ship_replacement", area: "orders", description: "Ship a replacement item for an order.", parameters: object({ order_id: string("The order."), sku: string("The item.") }) },
];

const fillerAreas = ["inventory", "marketing", "hr", "legal", "facilities", "analytics"];
const fillerVerbs = ["list", "archive", "export", "audit", "sync", "tag", "schedule", "review"];

/** Unrelated tools that make a catalogue large; their words share nothing with the tasks' requests. */
export function fillerTools(count: number): ToolInput[] {
  return Array.from({ length: count }, (_, index) => {
    const area = fillerAreas[index % fillerAreas.length] as string;
    const verb = fillerVerbs[Math.floor(index / fillerAreas.length) % fillerVerbs.length] as string;
    const name = `${verb}_${area}_records_${index}`;
    return { name, area, description: `${verb} ${area} records (batch ${index}).`, parameters: object({ batch: integer("The batch number.") }) };
  });
}

const people = ["dana@example.com", "lee@example.org", "kim@example.net", "ravi@example.com", "ana@example.org", "omar@example.net"];
const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const summaries = ["printer on fire", "login page is down", "invoice shows the wrong total", "cannot reset password", "app crashes on start", "missing parcel"];

/** Requests whose correct calls the world knows; `n` per tool family, values varied deterministically. */
export function tasks(n: number): Task[] {
  const all: Task[] = [];
  for (let i = 0; i < n; i += 1) {
    const day = 1 + ((i * 7) % 27);
    const month = 1 + ((i * 5) % 12);
    const iso = `2025-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    const attendee = people[i % people.length] as string;
    all.push({ id: `meet-${i}`, prompt: `Set up a meeting with ${attendee} on ${months[month - 1]} ${day}, 2025.`, tool: "book_meeting", args: { date: iso, attendee } });
    const order = `ORD-${4100 + i * 13}`;
    const dollars = 5 + ((i * 3) % 40);
    all.push({ id: `refund-${i}`, prompt: `Refund $${dollars}.50 on order ${order}.`, tool: "issue_refund", args: { order_id: order, amount_cents: dollars * 100 + 50 } });
    const customer = `C-${200 + i * 7}`;
    const local = `555${String(1000 + i * 37).slice(-4)}`;
    all.push({ id: `phone-${i}`, prompt: `Customer ${customer} has a new phone: +1 ${local.slice(0, 3)} ${local.slice(3)}.`, tool: "update_phone", args: { customer_id: customer, phone: `+1${local}` } });
    const summary = summaries[i % summaries.length] as string;
    all.push({ id: `ticket-${i}`, prompt: `This is urgent: ${summary}. Open a ticket.`, tool: "create_ticket", args: { priority: "high", summary } });
    all.push({ id: `order-${i}`, prompt: `What is the status of order ${order}?`, tool: "get_order", args: { order_id: order } });
  }
  return all;
}

/** Requests no tool serves. */
export function irrelevantPrompts(n: number): string[] {
  const topics = ["Write a haiku about autumn.", "What is the capital of Peru?", "Explain recursion in one sentence.", "Tell me a joke about cats.", "How many legs does a spider have?", "Translate 'good morning' into French."];
  return Array.from({ length: n }, (_, index) => `${topics[index % topics.length]} (${index})`);
}

export interface CaseOptions {
  /** The tools offered with every case. */
  tools: ToolInput[];
  /** Override a task's prompt (e.g. leave a value out). */
  prompt?: (task: Task) => string;
  category?: string;
}

export function caseFor(task: Task, options: CaseOptions): EvalCaseInput {
  return {
    id: task.id,
    category: options.category ?? task.tool,
    messages: [{ role: "user", content: options.prompt ? options.prompt(task) : task.prompt }],
    tools: options.tools,
    expect: { calls: [{ [task.tool]: Object.fromEntries(Object.entries(task.args).map(([param, value]) => [param, [value]])) }] },
  };
}

export function noCallCase(prompt: string, index: number, tools: ToolInput[]): EvalCaseInput {
  return { id: `irrelevant-${index}`, category: "irrelevance", messages: [{ role: "user", content: prompt }], tools, expect: { no_call: true } };
}

/** The same tools with schema descriptions that say the form (the prompting fix a team would try first). */
export function describedTools(tools: ToolInput[]): ToolInput[] {
  const forms: Record<string, string> = {
    date: "The day, written YYYY-MM-DD (e.g. 2025-03-14).",
    amount_cents: "The amount in cents (e.g. $12.50 is 1250).",
    phone: "E.164 form with country code, no spaces (e.g. +15550100).",
    priority: "low, normal or high; urgent requests are high.",
  };
  return tools.map((tool) => {
    const parameters = structuredClone(tool.parameters) as { properties?: Record<string, { description?: string }> };
    for (const [param, schema] of Object.entries(parameters.properties ?? {})) if (forms[param]) schema.description = forms[param];
    return { ...tool, parameters };
  });
}
