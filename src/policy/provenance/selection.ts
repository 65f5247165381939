// Selection: the id of the one record of a complete listing that the user's own words pick out, by a name the user gave it or by a superlative over a measure the system keeps ("the largest file").
import type { JsonValue } from "../../record/index.js";
import type { PhraseStance } from "./negation.js";
import { phraseStance, saidAsTarget } from "./negation.js";
import { foldText, phraseOccurrences, steeringKey } from "./steering-values.js";

/** Measures a superlative can rank by: sizes and times the system itself keeps (a file's size, a record's date). */
type SelectionMeasure = "size" | "time";

/** One record of a listing, reduced to the attributes nobody but the user and the system writes. */
interface SelectableRecord {
  id: string | number;
  /** Names only the user gave the record (a standing order's subject): the user can pick it by saying one. */
  names?: readonly string[];
  /** Measures the system keeps for it, for "the largest", "the most recent". */
  measures?: Readonly<Partial<Record<SelectionMeasure, number>>>;
}

/** A complete collection one result lists (every file of the drive, every standing order), never a search's subset. */
export interface SelectableListing {
  /** What the records are called in a request ("file", "standing order"): a superlative counts only before one of these. */
  nouns: readonly string[];
  /** Tools that can change the collection. A listing returned after one of them ran in this run proves nothing. */
  changedBy: readonly string[];
  records: readonly SelectableRecord[];
}

/**
 * What a deployment (or a suite) declares about the listings its tools return. A tool it says nothing about selects
 * nothing. Declare only complete listings, and only attributes an outsider cannot write: a search result is a subset
 * the model chose (it could search until one record is left), and a name an outsider wrote is theirs to copy.
 */
export interface SelectionDeclaration {
  listingOf(toolName: string, args: JsonValue, result: JsonValue): SelectableListing | undefined;
}

const superlatives: ReadonlyArray<{ words: readonly string[]; measure: SelectionMeasure; direction: 1 | -1; label: string }> = [
  { words: ["largest", "biggest"], measure: "size", direction: 1, label: "largest size" },
  { words: ["smallest"], measure: "size", direction: -1, label: "smallest size" },
  { words: ["most recent", "latest", "newest"], measure: "time", direction: 1, label: "most recent time" },
  { words: ["oldest", "earliest"], measure: "time", direction: -1, label: "oldest time" },
];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** "the largest file", "the biggest pdf file", "the most recent standing orders": the word, up to two words, the noun. */
function superlativeStance(text: string, word: string, noun: string): PhraseStance {
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(word)}\\s+(?:[\\p{L}\\p{N}-]+\\s+){0,2}?${escapeRegExp(noun)}s?(?![\\p{L}\\p{N}])`, "gu");
  return phraseStance(text, Array.from(text.matchAll(pattern), (match) => [match.index, match.index + match[0].length] as const));
}

/** Names shorter than this, or without a letter, pick nothing: "a" or "1" is in every request. */
const minimumNameLength = 3;

/**
 * The id (as an `id` steering key) the user's words select in one listing, with how. By name: a record of the listing
 * carries a name the user said as a phrase. By superlative: the user said e.g. "largest <noun>", every record has that
 * measure, and one record alone is the extreme. When the words pick more than one record of the listing (two names,
 * "the largest and the smallest file") none is selected: the model could apply one request to the other record.
 * A name or superlative the user says inside a negation ("leave the rent alone", "everything except the largest file")
 * picks nothing (negation.ts). Selection proves only which record the call is about; the values the call writes into
 * it need their own proof.
 */
export function selectedIds(listing: SelectableListing, foldedUserTexts: readonly string[]): Map<string, string> {
  const selected = new Map<string, string>();
  const idKey = (record: SelectableRecord) => steeringKey("id", record.id);
  const said = (phrase: string) => saidAsTarget(foldedUserTexts.map((text) => phraseStance(text, phraseOccurrences(text, phrase))));

  const named = listing.records.flatMap((record) => {
    const name = (record.names ?? []).find((candidate) => {
      const folded = foldText(candidate);
      return folded.length >= minimumNameLength && /\p{L}/u.test(folded) && said(folded);
    });
    return name === undefined ? [] : [{ record, name }];
  });
  if (named.length > 1) return selected;
  if (named.length === 1) {
    const key = idKey(named[0]!.record);
    if (key !== undefined) selected.set(key, `named "${named[0]!.name}"`);
  }

  for (const superlative of superlatives) {
    const asked = superlative.words.some((word) => listing.nouns.some((noun) => saidAsTarget(foldedUserTexts.map((text) => superlativeStance(text, foldText(word), foldText(noun))))));
    if (!asked) continue;
    const measured = listing.records.map((record) => ({ record, value: record.measures?.[superlative.measure] }));
    if (measured.length === 0 || measured.some((entry) => typeof entry.value !== "number" || !Number.isFinite(entry.value))) continue;
    const best = Math.max(...measured.map((entry) => entry.value! * superlative.direction));
    const extremes = measured.filter((entry) => entry.value! * superlative.direction === best);
    if (extremes.length !== 1) continue;
    const key = idKey(extremes[0]!.record);
    if (key !== undefined && !selected.has(key)) selected.set(key, superlative.label);
  }
  return selected.size > 1 ? new Map() : selected;
}
