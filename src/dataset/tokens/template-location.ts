// Where a chat template stops parsing. @huggingface/jinja's lexer and parser errors carry no position ("Unexpected token:
// CloseExpression", "Unknown statement type: iff"), so a 200-line model template would leave a person searching by eye.
// The tags are scanned here with their offsets, and the failure is pinned to one tag by re-running the library's own
// lexer on tag-aligned prefixes (lexing errors) or by watching which token its parser read last (parsing errors).
import { parse, tokenize } from "@huggingface/jinja";

export interface TemplateLocation {
  /** 1-based line and column of the tag the template fails at. */
  line: number;
  column: number;
  /** The tag's text, shortened, to quote in the message. */
  near: string;
  /** Set when the template ends with a block still open: which one. */
  unclosed?: string;
}

interface Tag {
  start: number;
  end: number;
  text: string;
}

/** The options `new Template(source)` lexes with, so prefix token counts match the real run. */
const lexOptions = { lstrip_blocks: true, trim_blocks: true };

/** Locates the parse failure of `source`; undefined when it parses or the failure cannot be pinned to a tag. */
export function locateTemplateError(source: string): TemplateLocation | undefined {
  try {
    const tags = scanTags(source);
    let tokens: ReturnType<typeof tokenize>;
    try {
      tokens = tokenize(source, lexOptions);
    } catch {
      return at(source, firstTagFailing(tags, (tag) => lexes(source.slice(0, tag.end))));
    }
    let furthest = -1;
    const watched = new Proxy(tokens, {
      get(target, property, receiver) {
        if (typeof property === "string" && /^\d+$/.test(property)) furthest = Math.max(furthest, Number(property));
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    try {
      parse(watched);
      return undefined;
    } catch {
      // the parser stopped at (or one lookahead past) the token it read last
    }
    if (furthest >= tokens.length) {
      const open = innermostUnclosedBlock(tags);
      const end = at(source, open ?? tags.at(-1));
      return end && open ? { ...end, unclosed: open.text } : end;
    }
    return at(source, firstTagFailing(tags, (tag) => lexedCount(source.slice(0, tag.end)) <= furthest));
  } catch {
    return undefined;
  }
}

/** The first tag for which `passes` is false, by binary search (prefixes that lex keep lexing when shortened). */
function firstTagFailing(tags: readonly Tag[], passes: (tag: Tag) => boolean): Tag | undefined {
  let low = 0;
  let high = tags.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (passes(tags[middle]!)) low = middle + 1;
    else high = middle;
  }
  return tags[low];
}

function lexes(prefix: string): boolean {
  try {
    tokenize(prefix, lexOptions);
    return true;
  } catch {
    return false;
  }
}

function lexedCount(prefix: string): number {
  return tokenize(prefix, lexOptions).length;
}

function at(source: string, tag: Tag | undefined): TemplateLocation | undefined {
  if (!tag) return undefined;
  const before = source.slice(0, tag.start);
  const line = before.split("\n").length;
  const column = tag.start - before.lastIndexOf("\n");
  const flat = tag.text.replace(/\s+/g, " ").trim();
  return { line, column, near: flat.length > 60 ? `${flat.slice(0, 57)}...` : flat };
}

/** `{{ … }}`, `{% … %}` and `{# … #}` with their offsets; quotes inside a tag are skipped; an unterminated tag runs to the end. */
function scanTags(source: string): Tag[] {
  const tags: Tag[] = [];
  let index = source.indexOf("{", 0);
  while (index !== -1 && index < source.length - 1) {
    const kind = source[index + 1];
    if (kind !== "{" && kind !== "%" && kind !== "#") {
      index = source.indexOf("{", index + 1);
      continue;
    }
    const close = kind === "{" ? "}}" : `${kind}}`;
    let cursor = index + 2;
    let quote: string | undefined;
    let end = source.length;
    while (cursor < source.length) {
      const char = source[cursor]!;
      if (quote) {
        if (char === "\\") cursor += 1;
        else if (char === quote) quote = undefined;
      } else if (kind !== "#" && (char === "'" || char === '"')) {
        quote = char;
      } else if (source.startsWith(close, cursor)) {
        end = cursor + 2;
        break;
      }
      cursor += 1;
    }
    tags.push({ start: index, end, text: source.slice(index, end) });
    index = source.indexOf("{", end);
  }
  return tags;
}

const blockOpeners = new Set(["if", "for", "macro", "call", "filter"]);

/** The last block tag still open at the end, by matching `{% if %}`…`{% endif %}` pairs (and block-form `{% set x %}`). */
function innermostUnclosedBlock(tags: readonly Tag[]): Tag | undefined {
  const open: Tag[] = [];
  for (const tag of tags) {
    const statement = /^\{%-?\s*(\w+)(.*?)-?%\}$/s.exec(tag.text);
    if (!statement) continue;
    const [, keyword = "", rest = ""] = statement;
    if (blockOpeners.has(keyword) || (keyword === "set" && !rest.includes("="))) open.push(tag);
    else if (keyword.startsWith("end") && keyword !== "endgeneration") open.pop();
  }
  return open.at(-1);
}
