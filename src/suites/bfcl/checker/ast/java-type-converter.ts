// BFCL's Java value conversion: a model's string (`"5L"`, `"new ArrayList<>(…)"`) becomes a typed value, or stays a string.
import { BfclCheckerCrash } from "../errors.js";
import { PY_DIGIT_CLASS as D, PY_SPACE_CLASS, PY_WORD_CLASS, pyFloatFromString, pyIntFromString, pyStrip } from "../../../python/py-text.js";
import { pyFloat, pyInt } from "./python-casts.js";
import type { PyValue } from "../../../python/py-value.js";
import { PyDict } from "../../../python/py-value.js";
import { javaTypes, lookupType } from "./type-mappings.js";

// Python regex pieces: `$` also matches before one final newline, `.` excludes only "\n", `\s`/`\w` are Unicode.
const END = "(?=\\n?$)";
const S = `[${PY_SPACE_CLASS}]`;
const W = `[${PY_WORD_CLASS}]`;
const ANY = "[^\\n]";

const integerPattern = new RegExp(`^-?${D}+${END}`, "u");
const floatPattern = new RegExp(`^-?${D}+(?:\\.${D}+)?(?:[eE][+-]?${D}+)?[fF]${END}`, "u");
const doublePattern = new RegExp(`^-?${D}+(?:\\.${D}+)?(?:[eE][+-]?${D}+)?${END}`, "u");
const longPattern = new RegExp(`^-?${D}+[lL]${END}`, "u");
const floatSuffix = new RegExp(`[fF]${END}`, "gu");
const longSuffix = new RegExp(`[lL]${END}`, "gu");

const asListPattern = new RegExp(`new${S}+ArrayList<${W}*>\\(Arrays\\.asList\\((${ANY}+?)\\)\\)`, "u");
const addBlockPattern = new RegExp(`new${S}+ArrayList<${W}*>\\(\\)${S}*\\{\\{${S}*([\\s\\S]+?)${S}*\\}\\}`, "u");
const addCallPattern = new RegExp(`add\\((${ANY}+?)\\)`, "gu");
const emptyArrayListPattern = new RegExp(`new${S}+ArrayList<${W}*>\\(\\)`, "u");
const arrayPattern = new RegExp(`new${S}+${W}+\\[\\]${S}*\\{(${ANY}*?)\\}`, "u");
const hashMapPattern = new RegExp(`new${S}+HashMap<[\\s\\S]*?>${S}*\\(\\)${S}*\\{${S}*\\{?${S}*([\\s\\S]*?)${S}*\\}?${S}*\\}`, "u");
const putPattern = new RegExp(`put\\("(${ANY}*?)",${S}*(${ANY}*?)\\)`, "gu");
const emptyHashMapPattern = new RegExp(`new${S}+HashMap<${ANY}*?>${S}*\\(\\)`, "u");

/** java_type_converter: a value whose text does not fit its type's pattern comes back unchanged, as a string. */
export function javaTypeConverter(value: string, expectedType: string, nestedType?: string): PyValue {
  if (lookupType(javaTypes, expectedType) === undefined) throw new BfclCheckerCrash(`Unsupported type: ${expectedType}`);
  switch (expectedType) {
    case "byte":
    case "short":
    case "integer":
      return integerPattern.test(value) ? pyInt(value) : value;
    case "float":
      return floatPattern.test(value) ? pyFloat(value.replace(floatSuffix, "")) : value;
    case "double":
      return doublePattern.test(value) ? pyFloat(value) : value;
    case "long":
      return longPattern.test(value) ? pyInt(value.replace(longSuffix, "")) : value;
    case "boolean":
      return value === "true" || value === "false" ? value === "true" : value;
    case "char":
      // BFCL's char pattern (`^'.$'`) can never match, so a char always stays the model's string.
      return value;
    case "Array":
      return parseArray(value, nestedType);
    case "ArrayList":
      return parseArrayList(value, nestedType);
    case "HashMap":
      return parseHashMap(value);
    case "String":
    case "any":
      return value;
    default:
      // BFCL's java_type_converter raises NotImplementedError for any other type; the entry is scored as that crash.
      throw new BfclCheckerCrash(`BFCL's Java type converter has no conversion for ${expectedType} (it raises NotImplementedError)`);
  }
}

function parseArrayList(input: string, nestedType: string | undefined): PyValue {
  const asList = asListPattern.exec(input);
  if (asList) return (asList[1] as string).split(",").map((element) => convertElement(pyStrip(element), nestedType));
  const addBlock = addBlockPattern.exec(input);
  if (addBlock) return [...(addBlock[1] as string).matchAll(addCallPattern)].map((add) => convertElement(pyStrip(add[1] as string), nestedType));
  if (emptyArrayListPattern.test(input)) return [];
  return input;
}

function convertElement(element: string, nestedType: string | undefined): PyValue {
  // char and String elements just lose their quotes, whatever they are.
  if (nestedType === "char" || nestedType === "String") return [...element].slice(1, -1).join("");
  return nestedType ? javaTypeConverter(element, nestedType) : parseJavaValue(element);
}

function parseArray(input: string, nestedType: string | undefined): PyValue {
  const match = arrayPattern.exec(input);
  if (!match) return input;
  const elements = (match[1] as string).split(",").filter((element) => pyStrip(element) !== "");
  return elements.map((element) => (nestedType ? javaTypeConverter(pyStrip(element), nestedType) : parseJavaValue(pyStrip(element))));
}

function parseHashMap(input: string): PyValue {
  const match = hashMapPattern.exec(input);
  if (match) {
    const dict = new PyDict();
    const puts = match[1] as string;
    if (pyStrip(puts) !== "") {
      for (const put of puts.matchAll(putPattern)) dict.set(put[1] as string, parseJavaValue(pyStrip(put[2] as string)));
    }
    return dict;
  }
  if (emptyHashMapPattern.test(input)) return new PyDict();
  return input;
}

/** parse_java_value: a literal read without knowing its type. */
export function parseJavaValue(text: string): PyValue {
  if (text === "true") return true;
  if (text === "false") return false;
  if (text.startsWith('"') && text.endsWith('"')) return [...text].slice(1, -1).join("");
  if (longPattern.test(text)) return pyInt([...text].slice(0, -1).join(""));
  if (floatPattern.test(text)) return pyFloat(text.replace(floatSuffix, ""));
  return pyIntFromString(text) ?? pyFloatFromString(text) ?? text;
}
