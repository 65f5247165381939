// The declared normalisation of each steering kind, and the values of a kind a text holds (the user's words, a trusted field).
import type { SteeringKind } from "../../record/argument-provenance.js";
import { numbersInText } from "../taint/taint-text.js";

/**
 * The one comparison key of a value of a kind. Only declared, meaning-preserving normalisation happens here (case of
 * an email or a host, spaces in an IBAN, separators in a phone number); nothing fuzzy, so a look-alike (another
 * address at the domain, a plus-address, a re-ordered name) never gets the key of the value it imitates.
 * `undefined`: the value cannot be of the kind (an object, an empty string).
 */
export function steeringKey(kind: SteeringKind, value: unknown, scale = 1): string | undefined {
  if (kind === "amount") {
    const number = typeof value === "number" ? value : typeof value === "string" && /^\s*-?\d+(?:\.\d+)?\s*$/.test(value) ? Number(value) : Number.NaN;
    return Number.isFinite(number) ? amountKey(number / scale) : undefined;
  }
  if (typeof value === "number" && Number.isFinite(value)) return kind === "id" || kind === "secret" || kind === "text" || kind === "name" ? String(value) : undefined;
  if (typeof value !== "string") return undefined;
  // NFKC changes nothing in plain ASCII, which most values are; it runs on every steering argument of every call.
  const text = (asciiOnly.test(value) ? value : value.normalize("NFKC")).trim();
  if (text === "") return undefined;
  switch (kind) {
    case "email":
      return text.toLowerCase();
    case "url":
      return urlKey(text);
    case "iban":
      return text.replace(/[\s-]+/g, "").toUpperCase();
    case "phone": {
      const digits = text.replace(/\D/g, "");
      return digits.length === 0 ? undefined : `${text.startsWith("+") ? "+" : ""}${digits}`;
    }
    case "name":
    case "text":
      return foldText(text);
    default:
      // id, path, secret: exactly as written.
      return text;
  }
}

const asciiOnly = /^[ -~\t\n\r]*$/;

/** `https://www.Example.com/a/` → `example.com/a`: scheme, `www.`, the host's case and a trailing slash do not change where a link goes. */
function urlKey(text: string): string {
  const withoutScheme = text.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "").replace(/^www\./i, "");
  const cut = withoutScheme.search(/[/?#]/);
  const host = (cut < 0 ? withoutScheme : withoutScheme.slice(0, cut)).toLowerCase();
  const rest = cut < 0 ? "" : withoutScheme.slice(cut);
  return `${host}${rest}`.replace(/\/$/, "");
}

/** Case and runs of whitespace folded; punctuation stays, so `Doe, Jane` is not `Jane Doe`. */
export function foldText(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

function amountKey(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}

// Starts only where a token starts (the lookbehind), so a long run with no "@" is scanned once, not from every position.
const emailPattern = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/** A link with a scheme, a `www.` one, or a bare host on a common top-level domain (`evil.example.com/x`). */
const urlPattern =
  /\b(?:[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+|www\.[^\s"'<>]+|(?:[a-z0-9-]+\.)+(?:com|net|org|io|info|biz|app|dev|xyz|ai|co|me|ly|site|online|link|click|top|ru|cn|de|uk|us|eu|fr|ch)\b(?:\/[^\s"'<>]*)?)/giu;
const ibanPattern = /\b[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{2,4}){2,8}\b/g;
const phonePattern = /\+?\d[\d ().-]{5,}\d/g;

/** Trailing punctuation a sentence adds after a link or an address, not part of it. */
function trimSentence(token: string): string {
  return token.replace(/[.,;:!?)\]}'"»”’]+$/u, "");
}

/** Whitespace-separated tokens with quotes and sentence punctuation around them removed: `'13'.` → `13`. */
function bareTokens(text: string): string[] {
  return text
    .split(/\s+/)
    .map((token) => trimSentence(token.replace(/^[("'`[{<«“‘]+/u, "")))
    .filter(Boolean);
}

/**
 * Keys of every value of the kind a text holds, for indexing a trusted text or the user's message: the addresses,
 * links, accounts, phone numbers and numbers in it, and (for ids, paths and secrets) its bare tokens. The whole text
 * counts as one value too. Names and free text are matched as phrases instead (see `containsPhrase`).
 */
export function keysInText(kind: SteeringKind, text: string, scale = 1): string[] {
  const keys: Array<string | undefined> = [steeringKey(kind, text, scale)];
  const normalised = text.normalize("NFKC");
  switch (kind) {
    case "email":
      for (const match of normalised.matchAll(emailPattern)) keys.push(steeringKey(kind, trimSentence(match[0])));
      break;
    case "url":
      for (const match of normalised.matchAll(urlPattern)) keys.push(steeringKey(kind, trimSentence(match[0])));
      break;
    case "iban":
      for (const match of normalised.matchAll(ibanPattern)) keys.push(steeringKey(kind, match[0]));
      break;
    case "phone":
      for (const match of normalised.matchAll(phonePattern)) keys.push(steeringKey(kind, match[0]));
      break;
    case "amount":
      for (const number of numbersInText(normalised)) keys.push(amountKey(number / scale));
      break;
    case "id":
    case "path":
    case "secret":
      for (const token of bareTokens(normalised)) keys.push(steeringKey(kind, token));
      break;
    default:
      break;
  }
  return [...new Set(keys.filter((key): key is string => key !== undefined))];
}

/**
 * Keys of the values of a kind in the user's own message. Ids, secrets and paths count only where the user wrote
 * them as such — quoted (`'13'`), introduced (`ID 13`, `#13`, `no. 13`), or shaped like one (`INV-2041`, a path
 * with `/` or a file name with a dot) — so the 13 in "June 13" does not name file 13. Other kinds as in `keysInText`.
 */
export function keysInUserText(kind: SteeringKind, text: string): string[] {
  // A payee the user names by word ("send Spotify the difference") is an account they typed, exactly as written.
  if (kind === "iban") return [...new Set([...keysInText(kind, text), ...bareTokens(text.normalize("NFKC")).map((token) => steeringKey(kind, token)).filter((key): key is string => key !== undefined)])];
  if (kind !== "id" && kind !== "secret" && kind !== "path") return keysInText(kind, text);
  const normalised = text.normalize("NFKC");
  const found: Array<string | undefined> = [];
  for (const match of normalised.matchAll(/(["'`‘“])([^\s"'`‘’“”]{1,128})["'`’”]/gu)) found.push(steeringKey(kind, match[2]));
  for (const match of normalised.matchAll(/(?:\bid\b|\bno\.|\bnumber\b|#)\s*[:=]?\s*([\p{L}\p{N}_./-]+)/giu)) found.push(steeringKey(kind, trimSentence(match[1]!)));
  for (const token of bareTokens(normalised)) {
    const idShaped = /\p{L}/u.test(token) && /\p{N}/u.test(token);
    const pathShaped = kind === "path" && /[/\\]|\.\w{1,5}$/u.test(token);
    if (idShaped || pathShaped) found.push(steeringKey(kind, token));
  }
  return [...new Set(found.filter((key): key is string => key !== undefined))];
}

/** Whether folded `text` holds folded `phrase` between word boundaries: `pay jane doe` holds `jane doe`, not `jane do`. */
export function containsPhrase(text: string, phrase: string): boolean {
  return !phraseOccurrences(text, phrase).next().done;
}

/** Each place [start, end) where the phrase stands in the text as whole words. */
export function* phraseOccurrences(text: string, phrase: string): Generator<readonly [number, number]> {
  if (phrase === "") return;
  let from = 0;
  for (;;) {
    const at = text.indexOf(phrase, from);
    if (at < 0) return;
    const before = at === 0 ? "" : text[at - 1]!;
    const after = text[at + phrase.length] ?? "";
    if (!isWordCharacter(before) && !isWordCharacter(after)) yield [at, at + phrase.length];
    from = at + 1;
  }
}

function isWordCharacter(character: string): boolean {
  return character !== "" && /[\p{L}\p{N}]/u.test(character);
}

/**
 * Values inside free text sent to someone (a message body) that steer on their own: links, email addresses, IBANs
 * and phone numbers, each with its kind. Found by shape, so this is the one place toolgate still detects rather than
 * proves; everything else about the text is left alone.
 */
export function embeddedValues(text: string): Array<{ kind: SteeringKind; value: string }> {
  const found: Array<{ kind: SteeringKind; value: string }> = [];
  const normalised = text.normalize("NFKC");
  const emails = [...normalised.matchAll(emailPattern)].map((match) => trimSentence(match[0]));
  for (const value of emails) found.push({ kind: "email", value });
  for (const match of normalised.matchAll(urlPattern)) {
    const value = trimSentence(match[0]);
    // The host part of an email address is not a link of its own.
    if (!emails.some((email) => email.toLowerCase().endsWith(value.toLowerCase()))) found.push({ kind: "url", value });
  }
  for (const match of normalised.matchAll(ibanPattern)) found.push({ kind: "iban", value: match[0] });
  for (const match of normalised.matchAll(phonePattern)) {
    const value = match[0].trim();
    // Dates and times have the shape of a number with separators too; they are not numbers anyone can be called on.
    if (value.replace(/\D/g, "").length >= 7 && !/^\d{4}-\d{1,2}-\d{1,2}\b/.test(value)) found.push({ kind: "phone", value });
  }
  return found;
}
