// Where a wrong argument value came from: for each expected parameter the model filled wrongly, whether the expected
// value and the model's value occur in what the conversation gave the model, and whether the expected one is among the
// documented choices of the tools' schemas. The advisor tells format problems (the model copied a
// value it should have converted), knowledge gaps (nobody gave it the value) and extraction errors apart with it.
import type { ArgumentMismatch } from "./case-result.js";

/** BFCL possible-answer form: `{ function: { param: [allowed values…] } }`, `""` among them meaning "may be left out". */
type ExpectedCallAnswer = Record<string, Record<string, unknown[]>>;

export interface ArgumentEvidenceInput {
  expected: readonly ExpectedCallAnswer[];
  /** The scored calls, names as the registry resolved them, arguments as the model sent them. */
  calls: ReadonlyArray<{ name: string; arguments: string }>;
  /** What the conversation gave the model, as one text: system and user messages, tool results. */
  conversation: string;
  /** The exposed tools' descriptions and schemas: where enum choices and documented forms live. */
  schemas: string;
}

export function argumentMismatches(input: ArgumentEvidenceInput): ArgumentMismatch[] {
  const conversation = ` ${tokens(input.conversation).join(" ")} `;
  const schemas = ` ${tokens(input.schemas).join(" ")} `;
  const isSeen = (value: unknown): boolean => valueSeen(value, conversation);
  const unused = [...input.calls];
  const mismatches: ArgumentMismatch[] = [];
  for (const answer of input.expected) {
    const [functionName, params] = Object.entries(answer)[0] ?? [];
    if (functionName === undefined || params === undefined) continue;
    const at = unused.findIndex((call) => call.name === functionName);
    // A function the model never called is a decision error, not an argument one.
    if (at < 0) continue;
    const [call] = unused.splice(at, 1);
    const actualArguments = parseArguments(call?.arguments ?? "");
    if (actualArguments === undefined) continue;
    for (const [param, allowed] of Object.entries(params)) {
      const present = Object.hasOwn(actualArguments, param);
      const actual = present ? actualArguments[param] : undefined;
      const values = allowed.filter((value) => value !== "");
      if (!present && allowed.includes("")) continue;
      if (present && values.some((value) => looselyEqual(value, actual))) continue;
      mismatches.push({
        function: functionName,
        param,
        expected: values,
        ...(present ? { actual } : {}),
        expectedSeen: values.some(isSeen),
        expectedInSchema: values.some((value) => valueSeen(value, schemas)),
        actualSeen: present && isSeen(actual),
      });
    }
  }
  return mismatches;
}

function parseArguments(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Strings compare trimmed and case-blind (as BFCL's checker standardises them), numbers by value, the rest as JSON. */
function looselyEqual(expected: unknown, actual: unknown): boolean {
  if (typeof expected === "string" && typeof actual === "string") return expected.trim().toLowerCase() === actual.trim().toLowerCase();
  if (typeof expected === "number" && typeof actual === "number") return expected === actual;
  return JSON.stringify(expected) === JSON.stringify(actual);
}

/**
 * Words and numbers, lower-cased; numbers lose leading zeros and trailing decimal zeros so "$12.50" shows 12.5 and
 * "03" shows 3. A value is seen when its tokens occur in that order, adjacent, in what the model was shown.
 */
function tokens(text: string): string[] {
  return (text.toLowerCase().match(/\d+(?:\.\d+)?|[\p{L}]+/gu) ?? []).map(normaliseToken);
}

function normaliseToken(token: string): string {
  if (!/^\d/.test(token)) return token;
  const [whole = "0", fraction] = token.split(".");
  const integer = whole.replace(/^0+(?=\d)/, "");
  const decimals = fraction?.replace(/0+$/, "") ?? "";
  return decimals ? `${integer}.${decimals}` : integer;
}

function valueSeen(value: unknown, seenText: string): boolean {
  if (value === null || value === undefined || typeof value === "boolean") return true;
  if (typeof value === "number" || typeof value === "string") {
    const valueTokens = tokens(String(value));
    // A value with no words or digits (punctuation, empty) carries no knowledge.
    return valueTokens.length === 0 || seenText.includes(` ${valueTokens.join(" ")} `);
  }
  if (Array.isArray(value)) return value.every((item) => valueSeen(item, seenText));
  return Object.values(value as Record<string, unknown>).every((item) => valueSeen(item, seenText));
}
