// Negation scope in the user's words: "leave the rent alone", "delete every file except the largest file", "never pay
// DE89…". What the user says only inside such a scope is what they want kept out of the task, so it proves nothing: it
// selects no record and counts as no value they typed.
//
// Why a cue list and not a parser: these are proofs that must fail closed. A missed negation would let a call act on the
// very record or account the user protected, while a false one only makes that call ask. So the scope is generous on
// purpose (commas do not end it, nor do "and"/"or") and ends only at a sentence mark or a word that turns the sentence
// ("but", "however", "instead", "then", "also").

/** Cues that negate the words after them within reach: single words or multi-word phrases, folded. */
const leadingCues: readonly string[] = [
  "not", "never", "no", "nor", "without", "except", "except for", "excluding", "exclude", "other than", "apart from",
  "besides", "instead of", "rather than", "leave", "keep", "skip", "ignore", "avoid", "spare", "dont", "cannot", "stop",
];

/** Cues that negate the words before them within reach: "leave the rent alone", "keep the largest file as is". */
const trailingCues: readonly string[] = ["alone", "as is", "as it is", "untouched", "unchanged", "intact", "out of it", "out of this"];

/** Words that end a negation's reach: after them the sentence says something new. */
const scopeBreakers = new Set(["but", "however", "instead", "then", "also"]);

/** How many words a cue reaches past (leading) or before (trailing) itself. */
const reachInWords = 8;

interface WordToken {
  word: string;
  start: number;
  end: number;
}

/** Words of the text with their offsets, case folded; a sentence mark is a token of its own that ends every scope. */
function tokens(text: string): WordToken[] {
  const found: WordToken[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+(?:['’]\p{L}+)?|[.;!?:]/gu)) {
    found.push({ word: match[0].toLowerCase().replace(/[’]/g, "'"), start: match.index, end: match.index + match[0].length });
  }
  return found;
}

const endsScope = (word: string) => /^[.;!?:]$/.test(word) || scopeBreakers.has(word);

const splitCues = (cues: readonly string[]) => cues.map((cue) => cue.split(" "));
const leading = splitCues(leadingCues);
const trailing = splitCues(trailingCues);

/** How many words the leading cue ending at word `at` has (0: none). "don't", "won't", "shouldn't" are cues by their ending. */
function leadingCueEndingAt(words: readonly string[], at: number): number {
  if (words[at]!.endsWith("n't")) return 1;
  return leading.find((cue) => at - cue.length + 1 >= 0 && cue.every((part, offset) => words[at - cue.length + 1 + offset] === part))?.length ?? 0;
}

/** How many words the trailing cue starting at word `at` has (0: none). */
function trailingCueStartingAt(words: readonly string[], at: number): number {
  return trailing.find((cue) => cue.every((part, offset) => words[at + offset] === part))?.length ?? 0;
}

/** A stretch [start, end) of the text in a negation's scope, and where the cue that negates it stands. */
interface NegatedSpan {
  start: number;
  end: number;
  cueStart: number;
  cueEnd: number;
}

function negatedSpans(text: string): NegatedSpan[] {
  const all = tokens(text);
  const words = all.map((token) => token.word);
  const spans: NegatedSpan[] = [];
  for (let at = 0; at < words.length; at += 1) {
    const leadingWords = leadingCueEndingAt(words, at);
    if (leadingWords > 0) {
      let last = at;
      for (let next = at + 1; next < words.length && next - at <= reachInWords && !endsScope(words[next]!); next += 1) last = next;
      if (last > at) spans.push({ start: all[at + 1]!.start, end: all[last]!.end, cueStart: all[at - leadingWords + 1]!.start, cueEnd: all[at]!.end });
    }
    const trailingWords = trailingCueStartingAt(words, at);
    if (trailingWords > 0) {
      let first = at;
      for (let previous = at - 1; previous >= 0 && at - previous <= reachInWords && !endsScope(words[previous]!); previous -= 1) first = previous;
      if (first < at) spans.push({ start: all[first]!.start, end: all[at - 1]!.end, cueStart: all[at]!.start, cueEnd: all[at + trailingWords - 1]!.end });
    }
  }
  return spans;
}

/** How one text says a phrase: not at all, only outside any negation, or inside one at least once. */
export type PhraseStance = "absent" | "said" | "negated";

/**
 * How the text says the phrase whose places in it are `occurrences` ([start, end)). One negated occurrence makes it
 * "negated": a record the user both names and protects ("update the rent … no, leave the rent alone") is not picked.
 */
export function phraseStance(text: string, occurrences: Iterable<readonly [number, number]>): PhraseStance {
  let spans: NegatedSpan[] | undefined;
  let stance: PhraseStance = "absent";
  for (const [start, end] of occurrences) {
    spans ??= negatedSpans(text);
    // A cue inside the phrase itself ("No Frills Gym") negates nothing about it.
    const negates = (span: NegatedSpan) => start < span.end && span.start < end && (span.cueEnd <= start || span.cueStart >= end);
    if (spans.some(negates)) return "negated";
    stance = "said";
  }
  return stance;
}

/** Said in some text and negated in none: the user's words pick the phrase as a target. */
export function saidAsTarget(stances: readonly PhraseStance[]): boolean {
  return stances.includes("said") && !stances.includes("negated");
}

/** The text with every negated stretch blanked (same length, so offsets hold): what is left is what the user asks for. */
export function withoutNegatedWords(text: string): string {
  let blanked = text;
  for (const { start, end } of negatedSpans(text)) {
    // Widen to whole whitespace-separated chunks, so no fragment of a blanked value (an address, an IBAN) stays behind.
    const from = blanked.lastIndexOf(" ", start) + 1;
    const space = text.indexOf(" ", end);
    const to = space < 0 ? text.length : space;
    blanked = blanked.slice(0, from) + " ".repeat(to - from) + blanked.slice(to);
  }
  return blanked;
}
