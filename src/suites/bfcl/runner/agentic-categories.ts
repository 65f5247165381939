// Why `eval run` does not drive BFCL's agentic categories (web search, memory), in one line each; recorded results still score.

/** BFCL's agentic categories, as `eval score` knows them. */
export const agenticBfclCategories = ["web_search_base", "web_search_no_snippet", "memory_kv", "memory_vector", "memory_rec_sum"] as const;

const scoreInstead = "score results produced by BFCL itself with `toolgate eval score`";

/** The reason an agentic category (or the group `agentic`, or a shared file name `web_search`, `memory`) cannot be run here; undefined for any other name. */
export function agenticRefusal(category: string): string | undefined {
  if (category === "agentic") {
    return `agentic needs a live web search backend (web_search_*) and BFCL's memory backends filled by prerequisite conversations (memory_*), which an offline run cannot reproduce; ${scoreInstead}`;
  }
  if (category.includes("web_search")) {
    // A made-up search backend would score a model against invented pages; only the live web gives BFCL's numbers.
    return `${category} needs BFCL's live web search backend (a search engine and page fetches over the internet), which an offline, reproducible run cannot stand in for; ${scoreInstead}`;
  }
  if (category.includes("memory")) {
    return (
      `${category} needs BFCL's memory backends (key-value, vector search over sentence embeddings, recursive summary), filled by running the ` +
      `memory_prereq_conversation dialogues through the model first; the data holds their function docs, not their behaviour, and the vector store needs an embedding model; ${scoreInstead}`
    );
  }
  return undefined;
}
