// Banking's complete listings for the selection rule: the standing orders, which the user can name by the subject they gave each one.
import type { JsonValue } from "../../record/index.js";
import type { SelectionDeclaration } from "../../policy/index.js";

/**
 * `get_scheduled_transactions` lists every standing order of the account. Soundness: a standing order's subject is
 * written by the account holder when they set it up ("Rent", "Spotify Premium"); AgentDojo's injection vectors (the
 * bill, the landlord's notices, the address-change letter, an incoming transfer's subject) never reach it, and a
 * listing taken after this run scheduled or changed an order proves nothing, so an injected call cannot rename an
 * order and then have it picked. When the user's words name exactly one order by its subject ("rent is 2200"), its
 * id is theirs; an injection that redirects another order (AgentDojo's injection task 4 picks the Spotify order) names
 * an id the user did not pick, and asks.
 */
export const bankingSelections: SelectionDeclaration = {
  listingOf(toolName: string, _args: JsonValue, result: JsonValue) {
    if (toolName !== "get_scheduled_transactions" || !Array.isArray(result)) return undefined;
    const records = result.flatMap((item) => {
      if (item === null || typeof item !== "object" || Array.isArray(item)) return [];
      const id = item.id;
      if (typeof id !== "number" && typeof id !== "string") return [];
      return [{ id, names: typeof item.subject === "string" ? [item.subject] : [] }];
    });
    return { nouns: ["standing order", "scheduled transaction", "scheduled payment"], changedBy: ["schedule_transaction", "update_scheduled_transaction"], records };
  },
};
