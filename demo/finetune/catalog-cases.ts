// Eval cases generated from the example catalog (the clinic's 13 tools): templated requests whose ground-truth call
// is known, each offered with the right tool and seeded distractors. They are the demo's training source (through the
// dataset room's eval-case importer) and, once split, its held-back evaluation set.
import { createCustomerServiceCatalog } from "../../src/examples/index.js";
import type { EvalCaseInput } from "../../src/eval/index.js";
import { seededRandom } from "../../src/dataset/index.js";
import { toJsonSchema } from "../../src/tool/index.js";

/** The fixed clock the catalog's descriptions and dates refer to (the eval default). */
const catalogClock = new Date("2026-01-05T09:00:00.000Z");

export interface CompactTool {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** A case's call arguments and the request that asks for them, from one template of one tool. */
interface Request {
  text: string;
  args: Record<string, string | number | boolean>;
}

type Pick = <T>(items: readonly T[]) => T;

const firstNames = ["Maria", "Tom", "Aisha", "Kenji", "Lena", "Omar", "Sofia", "Piotr", "Nadia", "Lucas", "Ines", "Ravi"];
const lastNames = ["Lopez", "Berg", "Okafor", "Tanaka", "Novak", "Haddad", "Rossi", "Kowalski", "Petrova", "Silva", "Moreau", "Iyer"];
const services: [string, string][] = [["SV-CHECKUP", "check-up"], ["SV-VACCINE", "vaccination"], ["SV-DENTAL", "dental cleaning"], ["SV-PHYSIO", "physiotherapy"], ["SV-DERM", "dermatology"], ["SV-NUTRITION", "nutrition"]];
const tiers = ["standard", "plus", "premier", "all"] as const;
const reasons = ["double charge", "cancelled visit", "billing error", "late appointment"];
const closeReasons = ["moving abroad", "switching clinics", "no longer needed"];
const subjects = ["Reminder", "Your invoice", "Opening hours", "Welcome"];
const bodies = ["See you soon", "Thank you for your visit", "We are closed on Friday", "Your results are ready"];
const openers = ["", "", "Hi, ", "Hello. ", "Please, ", "Quick one: "];
const closers = ["", "", " Thanks!", " Thank you.", " Please."];

const customerId = (pick: Pick) => `C-${1000 + pick(digits) * 9 + (pick(digits) % 9)}`;
const digits = Array.from({ length: 100 }, (_, index) => index);
const slotId = (pick: Pick) => `S-${10 + pick(digits)}`;
const appointmentId = (pick: Pick) => `A-${5000 + pick(digits) * 3}`;
const date = (pick: Pick) => `2026-01-${String(6 + (pick(digits) % 22)).padStart(2, "0")}`;

/** Request templates per catalog tool; every argument value appears verbatim in the text, so it can be copied. */
const requests: Record<string, ((pick: Pick) => Request)[]> = {
  find_available_slots: [
    (pick) => {
      const [id, label] = pick(services);
      return { text: `Are there free ${label} slots?`, args: { service_id: id } };
    },
    (pick) => {
      const [id, label] = pick(services);
      const day = date(pick);
      return { text: `Which ${label} (${id}) slots are open from ${day}?`, args: { service_id: id, from_date: day } };
    },
  ],
  book_appointment: [
    (pick) => {
      const [customer, slot] = [customerId(pick), slotId(pick)];
      return { text: `Book slot ${slot} for customer ${customer}.`, args: { customer_id: customer, slot_id: slot } };
    },
    (pick) => {
      const [customer, slot] = [customerId(pick), slotId(pick)];
      return { text: `Customer ${customer} wants the appointment in slot ${slot}, please reserve it.`, args: { customer_id: customer, slot_id: slot } };
    },
  ],
  reschedule_appointment: [
    (pick) => {
      const [appointment, slot] = [appointmentId(pick), slotId(pick)];
      return { text: `Move appointment ${appointment} to slot ${slot}.`, args: { appointment_id: appointment, new_slot_id: slot } };
    },
    (pick) => {
      const [appointment, slot] = [appointmentId(pick), slotId(pick)];
      return { text: `Can you reschedule ${appointment}? The new slot is ${slot}.`, args: { appointment_id: appointment, new_slot_id: slot } };
    },
  ],
  cancel_appointment: [
    (pick) => {
      const appointment = appointmentId(pick);
      return { text: `Cancel appointment ${appointment}.`, args: { appointment_id: appointment } };
    },
    (pick) => {
      const appointment = appointmentId(pick);
      return { text: `I can't make it, please cancel my appointment ${appointment}.`, args: { appointment_id: appointment } };
    },
  ],
  list_customer_appointments: [
    (pick) => {
      const customer = customerId(pick);
      return { text: `What appointments does ${customer} have coming up?`, args: { customer_id: customer } };
    },
    (pick) => {
      const customer = customerId(pick);
      return { text: `List the upcoming appointments of customer ${customer}.`, args: { customer_id: customer } };
    },
  ],
  find_customer: [
    (pick) => {
      const email = `${pick(firstNames).toLowerCase()}.${pick(lastNames).toLowerCase()}@example.com`;
      return { text: `Look up the customer with email ${email}.`, args: { email } };
    },
    (pick) => {
      const name = pick(lastNames);
      return { text: `Find the customer named ${name}.`, args: { name } };
    },
  ],
  get_account_summary: [
    (pick) => {
      const customer = customerId(pick);
      return { text: `What is the balance on account ${customer}?`, args: { customer_id: customer } };
    },
    (pick) => {
      const customer = customerId(pick);
      return { text: `Show me the account summary of ${customer}.`, args: { customer_id: customer } };
    },
  ],
  update_contact_details: [
    (pick) => {
      const customer = customerId(pick);
      const phone = `+1415555${String(1000 + pick(digits) * 7)}`;
      return { text: `Change the phone number of ${customer} to ${phone}.`, args: { customer_id: customer, phone } };
    },
    (pick) => {
      const customer = customerId(pick);
      const email = `${pick(firstNames).toLowerCase()}@example.org`;
      return { text: `Customer ${customer} has a new email address: ${email}.`, args: { customer_id: customer, email } };
    },
  ],
  issue_refund: [
    (pick) => {
      const customer = customerId(pick);
      const amount = 500 * (1 + (pick(digits) % 20));
      const reason = pick(reasons);
      return { text: `Refund ${amount} cents to ${customer} for a ${reason}.`, args: { customer_id: customer, amount_cents: amount, reason } };
    },
  ],
  close_account: [
    (pick) => {
      const customer = customerId(pick);
      const reason = pick(closeReasons);
      return { text: `Close the account of ${customer}, reason: ${reason}.`, args: { customer_id: customer, reason } };
    },
  ],
  send_email: [
    (pick) => {
      const customer = customerId(pick);
      const [subject, body] = [pick(subjects), pick(bodies)];
      return { text: `Email ${customer} with subject "${subject}" and body "${body}".`, args: { customer_id: customer, subject, body } };
    },
  ],
  list_outbox: [
    (pick) => {
      const customer = customerId(pick);
      return { text: `Which emails are queued for ${customer}?`, args: { customer_id: customer } };
    },
  ],
  send_bulk_email: [
    (pick) => {
      const tier = pick(tiers);
      const [subject, body] = [pick(subjects), pick(bodies)];
      return { text: `Send every ${tier} tier customer an email with subject "${subject}" and body "${body}".`, args: { tier, subject, body } };
    },
  ],
};

/**
 * The catalog's tools as a small model can afford to read them: the first sentence of each description, parameter
 * types, enums and required lists; regex patterns, formats, length limits and long parameter notes are dropped (the
 * full schemas are ~10× longer in Llama 2 tokens).
 */
export function compactCatalogTools(): CompactTool[] {
  const catalog = createCustomerServiceCatalog({ clock: () => catalogClock });
  try {
    return catalog.tools.map((tool) => {
      const schema = toJsonSchema(tool.input, tool.name) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
      const properties: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        properties[name] = { type: property.type, ...(property.enum ? { enum: property.enum } : {}) };
      }
      return { name: tool.name, description: firstSentence(tool.description), parameters: { type: "object", properties, ...(schema.required?.length ? { required: schema.required } : {}) } };
    });
  } finally {
    catalog.close();
  }
}

/** "Hi, " + "Book…" reads "Hi, book…"; after a full stop the capital stays. */
function withOpener(opener: string, text: string): string {
  return opener.endsWith(", ") && !text.startsWith("I ") ? opener + text.charAt(0).toLowerCase() + text.slice(1) : opener + text;
}

function firstSentence(text: string): string {
  const end = text.search(/\.(\s|$)/);
  return end === -1 ? text : text.slice(0, end + 1);
}

export interface CatalogCaseOptions {
  /** Cases per catalog tool. */
  perTool: number;
  /** Tools offered per case: the right one plus this many minus one distractors, in seeded order. */
  toolsPerCase: number;
  seed: number;
  system?: string;
}

export const demoSystemPrompt = "You are the Northwind Clinic assistant. Call the one tool that does what the user asks.";

/** Cases `<tool>-<n>` expecting exactly one call with the request's arguments; every catalog tool has templates. */
export function generateCatalogCases(options: CatalogCaseOptions): EvalCaseInput[] {
  const tools = compactCatalogTools();
  const missing = tools.filter((tool) => !requests[tool.name]).map((tool) => tool.name);
  if (missing.length > 0) throw new Error(`no request templates for catalog tools: ${missing.join(", ")}`);
  if (options.toolsPerCase < 1 || options.toolsPerCase > tools.length) throw new RangeError(`toolsPerCase must be 1..${tools.length}, got ${options.toolsPerCase}`);
  const next = seededRandom(options.seed);
  const pick: Pick = (items) => items[Math.floor(next() * items.length)]!;
  const cases: EvalCaseInput[] = [];
  for (const tool of tools) {
    for (let index = 0; index < options.perTool; index += 1) {
      const request = pick(requests[tool.name]!)(pick);
      const distractors = tools.filter((other) => other.name !== tool.name).map((other) => ({ other, key: next() })).sort((a, b) => a.key - b.key).slice(0, options.toolsPerCase - 1).map((entry) => entry.other);
      const offered = [tool, ...distractors].map((entry) => ({ entry, key: next() })).sort((a, b) => a.key - b.key).map(({ entry }) => entry);
      cases.push({
        id: `${tool.name}-${index}`,
        category: tool.name,
        system: options.system ?? demoSystemPrompt,
        messages: [{ role: "user", content: withOpener(pick(openers), request.text) + pick(closers) }],
        tools: offered,
        expect: { calls: [{ [tool.name]: Object.fromEntries(Object.entries(request.args).map(([name, value]) => [name, [value]])) }] },
      });
    }
  }
  return cases;
}
