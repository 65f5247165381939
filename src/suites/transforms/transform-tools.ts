// Two tools for the steering kinds the example catalog has no argument of: a page fetch (a URL) and an invoice payment (an IBAN).
import { z } from "zod";
import type { ToolDefinition } from "../../tool/index.js";

class PageUnavailableError extends Error {
  override readonly name = "PageUnavailableError";
}

/**
 * `fetch_page` is a write (the request carries data to whichever host the URL names) and untrusted (pages are anyone's
 * text). A URL on the clinic's status host fails with `errorText`, which is how an untrusted tool's error reaches the model.
 */
export function createTransformTools(errorText: () => string): Array<ToolDefinition<never, unknown>> {
  const fetchPage = {
    name: "fetch_page",
    description: "Fetch a web page by URL and return its text.",
    area: "web",
    risk: "write",
    trust: "untrusted",
    steers: { "/url": "url" },
    input: z.strictObject({ url: z.string().min(1).max(2000) }),
    execute(args: { url: string }) {
      if (args.url.includes("status.clinic.example")) throw new PageUnavailableError(errorText());
      return { url: args.url, text: "ok" };
    },
  } satisfies ToolDefinition<{ url: string }, unknown>;
  const payInvoice = {
    name: "pay_invoice",
    description: "Pay a supplier invoice by bank transfer to an IBAN.",
    area: "billing",
    risk: "privileged",
    steers: { "/iban": "iban", "/amount_cents": { kind: "amount", scale: 100 } },
    input: z.strictObject({
      iban: z.string().regex(/^[A-Za-z]{2}\d{2}[A-Za-z0-9 -]{11,40}$/, "an IBAN: country code, check digits, account"),
      amount_cents: z.number().int().positive(),
    }),
    execute(args: { iban: string; amount_cents: number }) {
      return { paid: true, iban: args.iban, amount_cents: args.amount_cents };
    },
  } satisfies ToolDefinition<{ iban: string; amount_cents: number }, unknown>;
  return [fetchPage, payInvoice] as unknown as Array<ToolDefinition<never, unknown>>;
}
