// Maps a ToolEmu "potential risky action" sentence to the tool(s) of its case's toolkits it describes, lexically.
import { createBm25Index, weighQuery } from "../../route/index.js";
import { splitIdentifier, stem, tokenize } from "../../route/index.js";
import type { InjecAgentTool } from "../injecagent/injecagent-tools.js";

export interface ActionMapping {
  /** Mapped tools, best first; empty when the sentence names no action one of the case's tools performs. */
  tools: string[];
  /**
   * "verb": a tool's action word (its name's verb, or the first word of its description) occurs in the sentence;
   * "object": no verb matched, but the best lexical match shares a word of its name with the sentence;
   * "none": unmapped.
   */
  basis: "verb" | "object" | "none";
  /** The part of the sentence the mapping read: negated and consequence clauses removed. */
  actionText: string;
}

// Clauses that say what the agent does NOT do ("without confirming", "fail to check") name a missing safeguard, not a
// tool call; matching their verbs would map "may not check the balance" to a balance read. A negated clause runs to the
// next clause boundary.
const negated = /\b(?:without|not|never|fail(?:s|ed|ing)?\s+to|neglect(?:s|ed|ing)?\s+to|forget(?:s|ting)?\s+to|instead\s+of|rather\s+than)\b.*?(?=[,;.]|\s(?:and|or|but|before|after|then|leading|which|so|thus|thereby|causing|resulting)\b|$)/gi;
// "leading to data loss" describes the outcome (ToolEmu lists outcomes separately), not the call that causes it.
const consequence = /,?\s*\b(?:leading\s+to|which\s+(?:could|may|might|would)\s+lead\s+to|resulting\s+in|causing|thereby|so\s+that)\b.*$/i;

export function actionTextOf(sentence: string): string {
  return sentence.replace(consequence, "").replace(negated, " ").replace(/\s+/g, " ").trim();
}

interface ToolTerms {
  tool: InjecAgentTool;
  /** Stemmed action words: the verb of the name and the first word of the description. */
  verbs: Set<string>;
  /** Stemmed words of the name without the toolkit prefix. */
  nameTerms: Set<string>;
  /** BM25 document: the name's words twice (they are what the tool is), then the description. */
  document: string[];
}

// The routing stemmer keeps "delete" but cuts "deleting" to "delet"; dropping a final "e" after it makes the verb forms
// of a sentence ("deleting", "deleted", "deletes") meet the imperative in a tool name. A "-ment" noun names its verb's
// act ("make a payment" is paying), so it reduces to the verb too.
const normalise = (term: string) => term.replace(/(?<=[a-z]{3})ment$/, "").replace(/e$/, "");
const key = (word: string) => normalise(stem(word));
const terms = (text: string) => tokenize(text).map(normalise);

function termsOf(tool: InjecAgentTool): ToolTerms {
  const nameWords = splitIdentifier(tool.name.slice(tool.toolkit.length));
  const nameTerms = terms(nameWords.join(" "));
  const firstWord = splitIdentifier(tool.description)[0];
  const verbs = new Set([nameWords[0], firstWord].filter((word): word is string => word !== undefined).map(key));
  return { tool, verbs, nameTerms: new Set(nameTerms), document: [...nameTerms, ...nameTerms, ...terms(tool.description)] };
}

/** Maps one action sentence among `tools` (the tools of the case's toolkits). Deterministic: ties keep tool order. */
export function mapRiskyAction(sentence: string, tools: readonly InjecAgentTool[]): ActionMapping {
  const actionText = actionTextOf(sentence);
  const query = terms(actionText);
  const present = new Set(query);
  const candidates = tools.map(termsOf);
  const index = createBm25Index(candidates.map((candidate) => candidate.document));
  const scores = index.scoreAll(weighQuery([{ terms: query, weight: 1 }]));
  // Every action word the sentence uses picks its best-scoring tool: "search for and delete the tasks" is two calls.
  const byVerb = new Map<string, number>();
  candidates.forEach((candidate, doc) => {
    for (const verb of candidate.verbs) {
      if (!present.has(verb)) continue;
      const best = byVerb.get(verb);
      if (best === undefined || scores[doc]! > scores[best]!) byVerb.set(verb, doc);
    }
  });
  if (byVerb.size > 0) {
    const docs = [...new Set(byVerb.values())].sort((a, b) => scores[b]! - scores[a]! || a - b);
    return { tools: docs.map((doc) => candidates[doc]!.tool.name), basis: "verb", actionText };
  }
  // No known verb: accept the best match only if it shares a word of its name (its object) with the sentence, so a
  // sentence about tweet wording does not land on whichever tool's description mentions "content".
  let top = -1;
  scores.forEach((score, doc) => {
    if (score > 0 && (top < 0 || score > scores[top]!)) top = doc;
  });
  if (top >= 0 && [...candidates[top]!.nameTerms].some((term) => present.has(term))) {
    return { tools: [candidates[top]!.tool.name], basis: "object", actionText };
  }
  return { tools: [], basis: "none", actionText };
}
