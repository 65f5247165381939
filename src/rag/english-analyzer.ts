// Text to index terms exactly as Anserini's default analyzer (Lucene's EnglishAnalyzer chain) makes them: standard
// tokenizer, English possessive filter, lowercase, Lucene's 33 English stop words, Porter stemmer. Reproducing Lucene's
// published retrieval figures depends on every step. The Porter stemmer is the `stemmer` package (wooorm), a port of
// Martin Porter's reference implementation, the algorithm Lucene's PorterStemFilter implements.
import { stemmer } from "stemmer";
import { breakWords } from "./word-break.js";

/** Lucene's EnglishAnalyzer.ENGLISH_STOP_WORDS_SET. */
export const luceneEnglishStopWords: ReadonlySet<string> = new Set(
  "a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with".split(" "),
);

/** `'s`, `’s` or `＇s` at a word's end (Lucene's EnglishPossessiveFilter). */
function dropPossessive(word: string): string {
  const length = word.length;
  if (length < 2) return word;
  const last = word[length - 1];
  const apostrophe = word[length - 2];
  return (last === "s" || last === "S") && (apostrophe === "'" || apostrophe === "\u2019" || apostrophe === "\uff07") ? word.slice(0, -2) : word;
}

// Stemming dominates analysis time and text repeats its words: remember each word's stem (bounded, so memory stays flat).
const stems = new Map<string, string>();
const maxRememberedStems = 200_000;

function stem(word: string): string {
  let stemmed = stems.get(word);
  if (stemmed === undefined) {
    stemmed = stemmer(word);
    if (stems.size >= maxRememberedStems) stems.clear();
    stems.set(word, stemmed);
  }
  return stemmed;
}

/** The index terms of `text`, in order, duplicates kept (term frequency matters to BM25). */
export function analyzeEnglish(text: string): string[] {
  const terms: string[] = [];
  for (const word of breakWords(text)) {
    const lowered = dropPossessive(word).toLowerCase();
    if (lowered.length === 0 || luceneEnglishStopWords.has(lowered)) continue;
    terms.push(stem(lowered));
  }
  return terms;
}
