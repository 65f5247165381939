// BFCL's JavaScript value conversion: a model's string (`"5n"`, `"[1, 2]"`, `"{a: 1}"`) becomes a typed value, or stays a string.
import { BfclCheckerCrash } from "../errors.js";
import { PY_DIGIT_CLASS as D, PY_SPACE_CLASS, pyFloatFromString, pyIntFromString, pyStrip } from "../../../python/py-text.js";
import { pyFloat, pyInt } from "./python-casts.js";
import type { PyValue } from "../../../python/py-value.js";
import { PyDict } from "../../../python/py-value.js";
import { javascriptTypes, lookupType } from "./type-mappings.js";

// Python regex pieces: `$` also matches before one final newline, `.` excludes only "\n", `\s` is Unicode.
const END = "(?=\\n?$)";
const S = `[${PY_SPACE_CLASS}]`;
const ANY = "[^\\n]";

const integerPattern = new RegExp(`^-?${D}+${END}`, "u");
const floatPattern = new RegExp(`^-?${D}+(?:\\.${D}+)?${END}`, "u");
const bigintPattern = new RegExp(`^-?${D}+n${END}`, "u");
const array2dPattern = new RegExp(
  `^(?:\\[${S}*\\[${ANY}*?\\]${S}*(?:,${S}*\\[${ANY}*?\\]${S}*)*\\]|new${S}+Array\\(${S}*\\[${ANY}*?\\]${S}*(?:,${S}*\\[${ANY}*?\\]${S}*)*\\))`,
  "u",
);
const innerArrayPattern = new RegExp(`\\[(${ANY}*?)\\]`, "gu");
const arrayPattern = new RegExp(`^(?:\\[(${ANY}*?)\\]|new${S}+Array\\((${ANY}*?)\\))`, "u");
const dictPattern = new RegExp(`^\\{(${ANY}*?)\\}`, "u");
const pairPattern = new RegExp(`([^:]+):${S}*(${ANY}*?)(?:,${S}*(?=[^,]+:)|$)`, "gu");

/** js_type_converter: a value whose text does not fit its type's pattern comes back unchanged, as a string. */
export function jsTypeConverter(value: string, expectedType: string, nestedType?: string): PyValue {
  if (lookupType(javascriptTypes, expectedType) === undefined) throw new BfclCheckerCrash(`Unsupported type: ${expectedType}`);
  switch (expectedType) {
    case "String":
      return isQuoted(value) ? [...value].slice(1, -1).join("") : value;
    case "integer":
      return integerPattern.test(value) ? pyInt(value) : value;
    case "float":
      return floatPattern.test(value) ? pyFloat(value) : value;
    case "Bigint":
      return bigintPattern.test(value) ? pyInt([...value].slice(0, -1).join("")) : value;
    case "Boolean":
      return value === "true" || value === "false" ? value === "true" : value;
    case "dict":
      return parseDict(pyStrip(value));
    case "array":
      return parseArray(pyStrip(value), nestedType);
    default:
      return value;
  }
}

const isQuoted = (text: string): boolean => (text.startsWith('"') && text.endsWith('"')) || (text.startsWith("'") && text.endsWith("'"));

function parseArray(code: string, nestedType: string | undefined): PyValue {
  // BFCL wraps the whole array parse in `try/except: return code`.
  try {
    const array2d = array2dPattern.exec(code);
    if (array2d) {
      return [...array2d[0].matchAll(innerArrayPattern)].map((inner, index) => {
        let text = pyStrip(inner[1] as string);
        if (index === 0 && text.startsWith("[")) text = text.slice(1);
        return text.split(",").map((element) => parseJsValue(pyStrip(element)));
      });
    }
    const match = arrayPattern.exec(code);
    if (!match) return code;
    const body = pyStrip((match[1] ?? match[2]) as string);
    const elements = body === "" ? [] : body.split(",");
    return elements.map((element) => {
      const text = pyStrip(element);
      if (!nestedType) return parseJsValue(text);
      return text.startsWith("'") || text.startsWith('"') ? jsTypeConverter(text, nestedType, "String") : jsTypeConverter(text, nestedType);
    });
  } catch (error) {
    if (error instanceof BfclCheckerCrash) return code;
    throw error;
  }
}

function parseDict(code: string): PyValue {
  if (code === "{}") return new PyDict();
  const match = dictPattern.exec(code);
  if (!match) return code;
  try {
    const dict = new PyDict();
    for (const pair of (match[1] as string).matchAll(pairPattern)) {
      const key = pyStrip(pyStrip(pair[1] as string), "'\"");
      const value = pyStrip(pair[2] as string);
      if (value.startsWith("[") && value.endsWith("]")) dict.set(key, parseArray(pyStrip(value), undefined));
      else if (value.startsWith("{") && value.endsWith("}")) dict.set(key, parseDict(pyStrip(value)));
      else dict.set(key, parseJsValue(pyStrip(value, "'\"")));
    }
    return dict;
  } catch (error) {
    if (error instanceof BfclCheckerCrash) return code;
    throw error;
  }
}

/** parse_js_value: a literal read without knowing its type. */
export function parseJsValue(input: string): PyValue {
  const text = pyStrip(input);
  if (text === "true") return true;
  if (text === "false") return false;
  if (isQuoted(text)) return [...text].slice(1, -1).join("");
  return pyIntFromString(text) ?? pyFloatFromString(text) ?? text;
}
