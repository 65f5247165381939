// Function docs as BFCL shows them to function-calling models: a language hint, and Java/JavaScript parameters typed as strings.
export const functionLanguages = ["python", "java", "javascript"] as const;
export type FunctionLanguage = (typeof functionLanguages)[number];

/** BFCL's rule: a category naming javascript is JavaScript, else one naming java is Java, else Python. */
export function languageOfCategory(category: string): FunctionLanguage {
  if (category.includes("javascript")) return "javascript";
  if (category.includes("java")) return "java";
  return "python";
}

const hints: Record<FunctionLanguage, string> = {
  python: " Note that the provided function is in Python 3 syntax.",
  java: " Note that the provided function is in Java 8 SDK syntax.",
  javascript: " Note that the provided function is in JavaScript syntax.",
};

export interface FunctionDoc {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/**
 * Reproduces BFCL's preprocessing so a model is asked exactly what BFCL asks it: Java and JavaScript values travel as
 * strings (the checker converts them back by their declared type), with the real type named in the description.
 */
export function preprocessForLanguage(doc: FunctionDoc, language: FunctionLanguage): FunctionDoc {
  const copy = structuredClone(doc);
  copy.description = `${copy.description}${hints[language]}`;
  if (language === "python") return copy;
  const name = language === "java" ? "Java" : "JavaScript";
  const properties = isRecord(copy.parameters.properties) ? copy.parameters.properties : {};
  for (const value of Object.values(properties)) {
    if (!isRecord(value)) continue;
    const type = String(value.type);
    const description = typeof value.description === "string" ? value.description : "";
    let text = type === "any" ? `${description} This parameter can be of any type of ${name} object in string representation.` : `${description} This is ${name} ${type} type parameter in string representation.`;
    const listType = language === "java" ? type === "ArrayList" || type === "Array" : type === "array";
    if (listType && isRecord(value.items)) {
      text += ` The list elements are of type ${String(value.items.type)}; they are not in string representation.`;
      delete value.items;
    }
    if (language === "javascript" && type === "dict" && isRecord(value.properties)) {
      text += ` The dictionary entries have the following schema; they are not in string representation. ${pythonJsonDumps(value.properties)}`;
      delete value.properties;
    }
    value.description = text;
    value.type = "string";
  }
  return copy;
}

/** Python's json.dumps spacing (", " and ": "), so the description matches BFCL's byte for byte. */
function pythonJsonDumps(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(", ")}]`;
  return `{${Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${pythonJsonDumps(item)}`).join(", ")}}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
