// Turns tool text and queries into the terms lexical routing compares: identifiers split, stop words dropped, light stemming.

/**
 * Words that carry no routing signal in tool descriptions or user requests. Kept short on purpose: a word such as
 * "send" or "find" is a strong signal for choosing a tool and must stay.
 */
const stopWords = new Set(
  (
    "a an and are as at be been but by can could did do does for from get given had has have how i if in into is it its " +
    "me my of on or our please should so than that the their them then there these this those to us was we what when " +
    "where which who will with would you your about any all also just some such via e.g eg etc"
  ).split(" "),
);

/** Splits `getWeather`, `get_weather`, `math.hypot` and `HTTPServer` into their words, lowercased. */
export function splitIdentifier(identifier: string): string[] {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

/**
 * A light, conservative suffix stemmer: plurals and the commonest verb endings, so "appointments" meets
 * "appointment" and "booking" meets "book". Deliberately weaker than Porter: over-stemming merges tool names
 * ("news", "new") and routing mistakes are costlier than missed matches that descriptions usually repair.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word) || invariantWords.has(word)) return word;
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith("sses")) return word.slice(0, -2);
  if (word.endsWith("ing") && word.length > 5) return undouble(word.slice(0, -3));
  if (word.endsWith("ed") && word.length > 4) return undouble(word.slice(0, -2));
  if (word.endsWith("es") && /(ch|sh|x|z)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith("s") && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Words whose final "s" is not a plural; stemming them would merge unrelated tools ("news" with "new"). */
const invariantWords = new Set(["news", "series", "species", "means", "physics", "mathematics", "analytics", "economics", "politics", "statistics", "lyrics", "aws"]);

function undouble(word: string): string {
  return /([b-df-hj-np-tv-z])\1$/.test(word) && !/(ll|ss|zz)$/.test(word) ? word.slice(0, -1) : word;
}

/**
 * The terms of a text, in order, duplicates kept (term frequency matters to BM25). Bare numbers are dropped: in a
 * request they are argument values ("10:00", "5 units"), and matching them against numbers in descriptions only
 * adds noise; mixed tokens such as "mp3" or "401k" stay.
 */
export function tokenize(text: string): string[] {
  const terms: string[] = [];
  for (const word of splitIdentifier(text)) {
    if (stopWords.has(word) || /^\d+$/.test(word)) continue;
    terms.push(stem(word));
  }
  return terms;
}
