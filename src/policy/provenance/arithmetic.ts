// Provenance through arithmetic: an amount the user asked for as a calculation on a trusted amount (the difference, a percentage, a percentage plus a fee, the difference to an even share).

/** A trusted amount (a JSON number a trusted tool returned, outside id fields) and the call it came from. */
export interface TrustedAmount {
  value: number;
  callId: string;
}

/** The numbers the user typed, and those written as percentages (`19.5%`). */
export interface UserNumbers {
  numbers: readonly number[];
  percents: readonly number[];
}

export function userNumbers(text: string): UserNumbers {
  const numbers: number[] = [];
  const percents: number[] = [];
  for (const match of text.normalize("NFKC").matchAll(/(?<![\w.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(\s*(?:%|percent\b))?/gi)) {
    const value = Number(match[1]!.replace(/,/g, ""));
    if (!Number.isFinite(value)) continue;
    (match[2] ? percents : numbers).push(value);
  }
  return { numbers, percents };
}

/** Equal as money: exactly (to 1e-6), or once rounded to cents. */
function sameAmount(computed: number, target: number): boolean {
  return Math.abs(computed - target) < 1e-6 || Math.abs(Math.round(computed * 100) / 100 - target) < 1e-6;
}

const show = (value: number) => String(Math.round(value * 1e6) / 1e6);

/** A bill shared evenly: among at most this many people ("dinner with a friend": 2). */
const largestParty = 10;

/**
 * The expression that makes `target` out of one trusted amount and the user's numbers, or undefined. Only the
 * operations a payment task names are tried, each with at least one number the user typed: trusted ± user, user −
 * trusted, trusted × p% (p written as a percentage), trusted × (1 ± p%), either percentage form plus a number the
 * user typed (a fee), and the difference between a trusted amount and an even share of a total the user typed
 * (trusted − user ÷ n, user ÷ n − trusted, n = 2…10: "they sent their share of the 12.00 we spent; send back the
 * difference"). Two trusted amounts are never combined with each other and nothing is multiplied by a bare number, so
 * an attacker's amount (0.01, 1,000,000) is not reachable from the history alone; a share only ever divides the
 * user's own number, by a party size of at most 10, so it cannot grow an amount past what the user typed.
 */
export function computedAmount(target: number, trusted: readonly TrustedAmount[], user: UserNumbers): { expression: string; callIds: string[] } | undefined {
  if (!Number.isFinite(target) || target <= 0) return undefined;
  for (const amount of trusted) {
    const a = amount.value;
    const found = (expression: string) => ({ expression, callIds: [amount.callId] });
    for (const u of user.numbers) {
      if (sameAmount(a + u, target)) return found(`${show(a)} + ${show(u)}`);
      if (sameAmount(a - u, target)) return found(`${show(a)} - ${show(u)}`);
      if (sameAmount(u - a, target)) return found(`${show(u)} - ${show(a)}`);
    }
    for (const u of user.numbers) {
      for (let n = 2; n <= largestParty; n++) {
        if (sameAmount(a - u / n, target)) return found(`${show(a)} - ${show(u)} / ${n}`);
        if (sameAmount(u / n - a, target)) return found(`${show(u)} / ${n} - ${show(a)}`);
      }
    }
    for (const p of user.percents) {
      const forms: Array<[number, string]> = [
        [(a * p) / 100, `${show(a)} * ${show(p)}%`],
        [a * (1 + p / 100), `${show(a)} * (1 + ${show(p)}%)`],
        [a * (1 - p / 100), `${show(a)} * (1 - ${show(p)}%)`],
      ];
      for (const [value, expression] of forms) {
        if (sameAmount(value, target)) return found(expression);
        for (const fee of user.numbers) if (sameAmount(value + fee, target)) return found(`${expression} + ${show(fee)}`);
      }
    }
  }
  return undefined;
}
