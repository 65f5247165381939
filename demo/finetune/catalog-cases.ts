// Eval cases generated from the example catalog (the clinic's 13 tools): templated requests whose ground-truth call
// is known, each offered with the right tool and seeded distractors. They are the demo's training source (through the
// dataset room's eval-case importer) and, once split, its held-back evaluation set.
import { createCustomerServiceCatalog } from "../../src/examples/index.js";
import type { EvalCaseInput } from "../../src/eval/index.js";
import { seededRandom } from "../../src/dataset/index.js";
import { toJsonSchema } from "../../src/tool/index.js";
import type { ClinicValues } from "./clinic.js";

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

/** Where a template's ids, dates and names come from: random ones by default, a prepared clinic's with `values`. */
interface ValueSource {
  customerId(): string;
  slotId(): string;
  appointmentId(): string;
  date(): string;
  lastName(): string;
  /** An appointment and a slot it can move to (in a clinic: a free slot of the same service). */
  moveTarget(): [string, string];
}

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

const digits = Array.from({ length: 100 }, (_, index) => index);

function randomValues(pick: Pick): ValueSource {
  return {
    customerId: () => `C-${1000 + pick(digits) * 9 + (pick(digits) % 9)}`,
    slotId: () => `S-${10 + pick(digits)}`,
    appointmentId: () => `A-${5000 + pick(digits) * 3}`,
    date: () => `2026-01-${String(6 + (pick(digits) % 22)).padStart(2, "0")}`,
    lastName: () => pick(lastNames),
    moveTarget: () => [`A-${5000 + pick(digits) * 3}`, `S-${10 + pick(digits)}`],
  };
}

function clinicValues(pick: Pick, values: ClinicValues): ValueSource {
  return {
    customerId: () => pick(values.customerIds),
    slotId: () => pick(values.freeSlotIds),
    appointmentId: () => pick(values.bookedAppointmentIds),
    date: () => pick(values.dates),
    lastName: () => pick(values.lastNames),
    moveTarget: () => {
      const appointment = pick(values.bookedAppointmentIds);
      const service = values.appointmentServices[appointment];
      const slots = values.freeSlotsByService[service ?? ""] ?? [];
      return [appointment, slots.length > 0 ? pick(slots) : pick(values.freeSlotIds)];
    },
  };
}

/** Request templates per catalog tool; every argument value appears verbatim in the text, so it can be copied. */
const requests: Record<string, ((pick: Pick, v: ValueSource) => Request)[]> = {
  find_available_slots: [
    (pick) => {
      const [id, label] = pick(services);
      return { text: `Are there free ${label} slots?`, args: { service_id: id } };
    },
    (pick, v) => {
      const [id, label] = pick(services);
      const day = v.date();
      return { text: `Which ${label} (${id}) slots are open from ${day}?`, args: { service_id: id, from_date: day } };
    },
  ],
  book_appointment: [
    (pick, v) => {
      const [customer, slot] = [v.customerId(), v.slotId()];
      return { text: `Book slot ${slot} for customer ${customer}.`, args: { customer_id: customer, slot_id: slot } };
    },
    (pick, v) => {
      const [customer, slot] = [v.customerId(), v.slotId()];
      return { text: `Customer ${customer} wants the appointment in slot ${slot}, please reserve it.`, args: { customer_id: customer, slot_id: slot } };
    },
  ],
  reschedule_appointment: [
    (pick, v) => {
      const [appointment, slot] = v.moveTarget();
      return { text: `Move appointment ${appointment} to slot ${slot}.`, args: { appointment_id: appointment, new_slot_id: slot } };
    },
    (pick, v) => {
      const [appointment, slot] = v.moveTarget();
      return { text: `Can you reschedule ${appointment}? The new slot is ${slot}.`, args: { appointment_id: appointment, new_slot_id: slot } };
    },
  ],
  cancel_appointment: [
    (pick, v) => {
      const appointment = v.appointmentId();
      return { text: `Cancel appointment ${appointment}.`, args: { appointment_id: appointment } };
    },
    (pick, v) => {
      const appointment = v.appointmentId();
      return { text: `I can't make it, please cancel my appointment ${appointment}.`, args: { appointment_id: appointment } };
    },
  ],
  list_customer_appointments: [
    (pick, v) => {
      const customer = v.customerId();
      return { text: `What appointments does ${customer} have coming up?`, args: { customer_id: customer } };
    },
    (pick, v) => {
      const customer = v.customerId();
      return { text: `List the upcoming appointments of customer ${customer}.`, args: { customer_id: customer } };
    },
  ],
  find_customer: [
    (pick) => {
      const email = `${pick(firstNames).toLowerCase()}.${pick(lastNames).toLowerCase()}@example.com`;
      return { text: `Look up the customer with email ${email}.`, args: { email } };
    },
    (pick, v) => {
      const name = v.lastName();
      return { text: `Find the customer named ${name}.`, args: { name } };
    },
  ],
  get_account_summary: [
    (pick, v) => {
      const customer = v.customerId();
      return { text: `What is the balance on account ${customer}?`, args: { customer_id: customer } };
    },
    (pick, v) => {
      const customer = v.customerId();
      return { text: `Show me the account summary of ${customer}.`, args: { customer_id: customer } };
    },
  ],
  update_contact_details: [
    (pick, v) => {
      const customer = v.customerId();
      const phone = `+1415555${String(1000 + pick(digits) * 7)}`;
      return { text: `Change the phone number of ${customer} to ${phone}.`, args: { customer_id: customer, phone } };
    },
    (pick, v) => {
      const customer = v.customerId();
      const email = `${pick(firstNames).toLowerCase()}@example.org`;
      return { text: `Customer ${customer} has a new email address: ${email}.`, args: { customer_id: customer, email } };
    },
  ],
  issue_refund: [
    (pick, v) => {
      const customer = v.customerId();
      const amount = 500 * (1 + (pick(digits) % 20));
      const reason = pick(reasons);
      return { text: `Refund ${amount} cents to ${customer} for a ${reason}.`, args: { customer_id: customer, amount_cents: amount, reason } };
    },
  ],
  close_account: [
    (pick, v) => {
      const customer = v.customerId();
      const reason = pick(closeReasons);
      return { text: `Close the account of ${customer}, reason: ${reason}.`, args: { customer_id: customer, reason } };
    },
  ],
  send_email: [
    (pick, v) => {
      const customer = v.customerId();
      const [subject, body] = [pick(subjects), pick(bodies)];
      return { text: `Email ${customer} with subject "${subject}" and body "${body}".`, args: { customer_id: customer, subject, body } };
    },
  ],
  list_outbox: [
    (pick, v) => {
      const customer = v.customerId();
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

/** The catalog tools whose calls always wait for a person's approval under the built-in policy. */
export function privilegedCatalogTools(): string[] {
  const catalog = createCustomerServiceCatalog({ clock: () => catalogClock });
  try {
    return catalog.tools.filter((tool) => tool.risk === "privileged").map((tool) => tool.name);
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
  /** Draw ids, dates and names from a prepared clinic (requests that succeed against its database) instead of at random. */
  values?: ClinicValues;
  /** The tool definitions to offer (default: the compact catalog); e.g. the full ones a captured run showed. */
  tools?: CompactTool[];
  /**
   * Leave out requests carrying values the catalog declares sensitive (e-mail addresses, phone numbers): capture masks
   * them by design, so a captured row cannot teach copying them. Tools left without a request get no cases.
   */
  withoutMaskedValues?: boolean;
}

/** The templates whose values capture masks: find_customer by e-mail, both update_contact_details requests. */
const maskedTemplates: Record<string, number[]> = { find_customer: [0], update_contact_details: [0, 1] };

export const demoSystemPrompt = "You are the Northwind Clinic assistant. Call the one tool that does what the user asks.";

/** Cases `<tool>-<n>` expecting exactly one call with the request's arguments; every catalog tool has templates. */
export function generateCatalogCases(options: CatalogCaseOptions): EvalCaseInput[] {
  const tools = options.tools ?? compactCatalogTools();
  const missing = tools.filter((tool) => !requests[tool.name]).map((tool) => tool.name);
  if (missing.length > 0) throw new Error(`no request templates for catalog tools: ${missing.join(", ")}`);
  if (options.toolsPerCase < 1 || options.toolsPerCase > tools.length) throw new RangeError(`toolsPerCase must be 1..${tools.length}, got ${options.toolsPerCase}`);
  const next = seededRandom(options.seed);
  const pick: Pick = (items) => items[Math.floor(next() * items.length)]!;
  const values = options.values ? clinicValues(pick, options.values) : randomValues(pick);
  const cases: EvalCaseInput[] = [];
  for (const tool of tools) {
    const templates = requests[tool.name]!.filter((_, index) => !options.withoutMaskedValues || !maskedTemplates[tool.name]?.includes(index));
    if (templates.length === 0) continue;
    for (let index = 0; index < options.perTool; index += 1) {
      const request = pick(templates)(pick, values);
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
