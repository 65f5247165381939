// The datetime.strptime formats the simulated APIs parse, with Python's matching rules and ValueError texts.
import { PyException } from "./exceptions.js";
import { pyStrRepr } from "../py-repr.js";
import { pyTypeName, type PyValue } from "../py-value.js";

export interface CivilDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const FIELD_PATTERNS: Record<string, string> = {
  "%Y": "(?<Y>\\d\\d\\d\\d)",
  "%m": "(?<m>1[0-2]|0[1-9]|[1-9])",
  "%d": "(?<d>3[01]|[12]\\d|0[1-9]|[1-9]| [1-9])",
  "%H": "(?<H>2[0-3]|[0-1]\\d|\\d)",
  "%I": "(?<I>1[0-2]|0[1-9]|[1-9])",
  "%M": "(?<M>[0-5]\\d|\\d)",
  "%S": "(?<S>6[0-1]|[0-5]\\d|\\d)",
  "%p": "(?<p>am|pm)",
};

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** `datetime.strptime(text, format)` for formats built from %Y %m %d %H %I %M %S %p and literals. */
export function strptime(text: PyValue, format: string): CivilDateTime {
  if (typeof text !== "string") throw new PyException("TypeError", `strptime() argument 1 must be str, not ${pyTypeName(text)}`);
  let pattern = "";
  for (let index = 0; index < format.length; index += 1) {
    const directive = format.slice(index, index + 2);
    if (directive in FIELD_PATTERNS) {
      pattern += FIELD_PATTERNS[directive];
      index += 1;
    } else if (/\s/.test(format[index] as string)) {
      pattern += "\\s+";
    } else {
      pattern += (format[index] as string).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }
  }
  const match = new RegExp(`^${pattern}`, "iu").exec(text);
  if (!match) throw new PyException("ValueError", `time data ${pyStrRepr(text)} does not match format ${pyStrRepr(format)}`);
  if (match[0].length !== text.length) throw new PyException("ValueError", `unconverted data remains: ${text.slice(match[0].length)}`);
  const groups = match.groups ?? {};
  const number = (key: string, fallback: number) => (groups[key] === undefined ? fallback : Number((groups[key] as string).trim()));
  let hour = number("H", 0);
  if (groups.I !== undefined) {
    hour = number("I", 0) % 12;
    if ((groups.p ?? "").toLowerCase() === "pm") hour += 12;
  }
  const result: CivilDateTime = {
    year: number("Y", 1900),
    month: number("m", 1),
    day: number("d", 1),
    hour,
    minute: number("M", 0),
    second: number("S", 0),
  };
  if (result.year < 1) throw new PyException("ValueError", `year ${result.year} is out of range`);
  if (result.day > daysInMonth(result.year, result.month)) throw new PyException("ValueError", "day is out of range for month");
  if (result.second > 59) throw new PyException("ValueError", "second must be in 0..59");
  return result;
}

/** Orders two civil date-times (negative, zero, positive). */
export function compareCivil(a: CivilDateTime, b: CivilDateTime): number {
  const fields: (keyof CivilDateTime)[] = ["year", "month", "day", "hour", "minute", "second"];
  for (const field of fields) if (a[field] !== b[field]) return a[field] - b[field];
  return 0;
}

/** `dt + timedelta(seconds=n)` printed as "%Y-%m-%d %H:%M:%S". */
export function formatCivilPlusSeconds(base: CivilDateTime, seconds: number): string {
  const moment = new Date(Date.UTC(base.year, base.month - 1, base.day, base.hour, base.minute, base.second) + seconds * 1000);
  const pad = (value: number, width = 2) => String(value).padStart(width, "0");
  return (
    `${pad(moment.getUTCFullYear(), 4)}-${pad(moment.getUTCMonth() + 1)}-${pad(moment.getUTCDate())} ` +
    `${pad(moment.getUTCHours())}:${pad(moment.getUTCMinutes())}:${pad(moment.getUTCSeconds())}`
  );
}
