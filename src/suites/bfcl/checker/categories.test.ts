// Category names: which runner, language and folder they imply, and BFCL's result order.
import { describe, expect, it } from "vitest";
import { categoryOfResultFile, compareSortKeys, groupFolderOf, isNotEvaluated, languageOf, runnerOf, sortKeyOf } from "./categories.js";

describe("categories", () => {
  it("come from result file names", () => {
    expect(categoryOfResultFile("BFCL_v4_simple_python_result.json")).toBe("simple_python");
    expect(categoryOfResultFile("BFCL_v4_memory_kv_result.json")).toBe("memory_kv");
    expect(categoryOfResultFile("BFCL_v4_simple_python_score.json")).toBeUndefined();
    expect(categoryOfResultFile("BFCL_v3_simple_result.json")).toBeUndefined();
  });
  it("pick the runner, language and folder by substrings, as BFCL does", () => {
    expect(["irrelevance", "live_relevance", "multi_turn_base", "web_search_base", "memory_rec_sum", "live_parallel_multiple", "format_sensitivity"].map(runnerOf)).toEqual([
      "relevance", "relevance", "multi_turn", "agentic", "agentic", "ast", "format_sensitivity",
    ]);
    expect(["simple_java", "simple_javascript", "live_simple"].map(languageOf)).toEqual(["java", "javascript", "python"]);
    expect(["simple_python", "live_irrelevance", "multi_turn_base", "memory_kv"].map(groupFolderOf)).toEqual(["non_live", "live", "multi_turn", "agentic"]);
    expect(["memory_kv_prereq", "sql", "exec_simple", "simple_python"].map(isNotEvaluated)).toEqual([true, true, true, false]);
  });
  it("sort results as BFCL's sort_key: by the number before the first dash, not as text", () => {
    const ids = ["live_simple_10-2-0", "live_simple_9-1-3", "live_simple_100-20-1"];
    expect([...ids].sort((a, b) => compareSortKeys(sortKeyOf(a), sortKeyOf(b)))).toEqual(["live_simple_9-1-3", "live_simple_10-2-0", "live_simple_100-20-1"]);
    expect(sortKeyOf("memory_kv_3-customer-3")).toEqual([4, "memory_kv", 3n]);
    expect(sortKeyOf("web_search_base_12")).toEqual([1, "web_search_base", 12n]);
  });
});
