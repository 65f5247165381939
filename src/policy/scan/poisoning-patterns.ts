// The text patterns of tool poisoning: instructions aimed at the model, hidden tags, invisible characters, encoded blobs.

export type ScanSeverity = "high" | "medium" | "low";

export type ScanKind = "instruction" | "hidden-tag" | "cross-tool" | "side-channel" | "invisible-unicode" | "encoded-blob" | "unknown-url";

export interface TextPattern {
  kind: ScanKind;
  severity: ScanSeverity;
  pattern: RegExp;
  message: string;
}

/**
 * Phrases a tool description has no business saying to a model. Descriptions tell the model what a tool does;
 * these tell it how to behave, override its instructions, or hide something from the user (the MCP tool-poisoning
 * shapes published by Invariant Labs and others).
 */
export const instructionPatterns: readonly TextPattern[] = [
  { kind: "instruction", severity: "high", pattern: /\b(ignore|disregard|forget)\s+(all\s+|any\s+)?(the\s+)?(previous|prior|above|earlier|other)\s+(instructions?|prompts?|rules|messages)/i, message: "tells the model to ignore its instructions" },
  { kind: "instruction", severity: "high", pattern: /\b(do\s+not|don'?t|never)\s+(tell|inform|mention|reveal|show|notify|alert)\b[^.]{0,40}\b(user|human|customer|operator)/i, message: "tells the model to hide something from the user" },
  { kind: "instruction", severity: "high", pattern: /\bbefore\s+(using|calling|invoking|running)\s+(any|every|all)\s+(other\s+)?tools?\b/i, message: "demands to run before every other tool" },
  { kind: "instruction", severity: "high", pattern: /\b(system\s+prompt|your\s+(instructions|guidelines|rules))\b/i, message: "refers to the model's own instructions" },
  { kind: "instruction", severity: "high", pattern: /\b(new|updated|override)\s+instructions?\s*:/i, message: "introduces new instructions" },
  { kind: "instruction", severity: "medium", pattern: /\byou\s+(must|should\s+always|have\s+to|are\s+required\s+to)\b/i, message: "gives the model an order" },
  { kind: "instruction", severity: "medium", pattern: /\b(this\s+is\s+)?(very\s+)?(important|critical|mandatory)\s*[:!]/i, message: "raises urgency to steer the model" },
];

export const hiddenTagPatterns: readonly TextPattern[] = [
  { kind: "hidden-tag", severity: "high", pattern: /<\s*\/?\s*(important|system|instructions?|secret|hidden|admin|assistant|user|context)\b[^>]*>/i, message: "contains a tag addressed to the model" },
  { kind: "hidden-tag", severity: "high", pattern: /<!--[\s\S]*?(-->|$)/, message: "contains an HTML comment, invisible when rendered" },
  { kind: "hidden-tag", severity: "high", pattern: /\[(INST|SYSTEM)\]|<\|im_start\|>|<\|(system|user|assistant)\|>/i, message: "contains chat-template control tokens" },
];

/** Zero-width characters, the Unicode tags block (ASCII smuggling) and bidirectional overrides (Trojan Source). */
export const invisibleUnicodePatterns: readonly TextPattern[] = [
  { kind: "invisible-unicode", severity: "high", pattern: /[\u{E0000}-\u{E007F}]/u, message: "contains Unicode tag characters (invisible text the model can read)" },
  { kind: "invisible-unicode", severity: "high", pattern: /[\u202A-\u202E\u2066-\u2069]/u, message: "contains bidirectional override characters" },
  { kind: "invisible-unicode", severity: "high", pattern: /[\u200B-\u200D\u2060-\u2064\uFEFF\u180E]/u, message: "contains zero-width characters" },
];

export const encodedBlobPatterns: readonly TextPattern[] = [
  { kind: "encoded-blob", severity: "medium", pattern: /(?<![A-Za-z0-9+/])(?=[A-Za-z0-9+/]*\d)(?=[A-Za-z0-9+/]*[A-Z])(?=[A-Za-z0-9+/]*[a-z])[A-Za-z0-9+/]{32,}={0,2}/, message: "contains a base64-like blob" },
  { kind: "encoded-blob", severity: "medium", pattern: /\b(?:0x)?(?:[0-9a-fA-F]{2}){20,}\b/, message: "contains a long hex blob" },
];

/** Parameter names that invite the model to put something extra in a call: the classic side channel for exfiltration. */
export const sideChannelParameterName = /^(note|notes|context|sidenote|side_note|feedback|extra|extra_info|metadata|comment|comments|remarks|debug|memo|annotation|reasoning)$/i;

/** What a side channel asks for: the conversation, the model's instructions, or secrets. */
export const exfiltrationRequest =
  /\b(conversation|chat\s+history|previous\s+messages|message\s+history|everything\s+the\s+user|system\s+prompt|secrets?|passwords?|api[\s_-]?keys?|tokens?|credentials?|private\s+keys?|ssh|\.env|mcp\.json|config(uration)?\s+files?)\b/i;

/** Verbs that turn a mention of another tool into an order to call it. */
export const callVerb = /\b(call|use|invoke|run|execute|trigger|send\s+to|pass\s+to)\b/i;

/** Words that turn a pointer to another tool into a rule the model must follow. */
export const coercion = /\b(always|must|instead(\s+of)?|whenever|every\s+time|do\s+not\s+use|never\s+use|only\s+after|first)\b/i;
