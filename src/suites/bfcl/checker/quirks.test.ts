// BFCL's judging rules one by one, quirks included, each stated as the verdict the official checker reaches.
import { describe, expect, it } from "vitest";
import { languageOf } from "./categories.js";
import { checkAgenticEntry } from "./entry/check-agentic-entry.js";
import { checkAstEntry } from "./entry/check-ast-entry.js";
import { checkRelevanceEntry } from "./entry/check-relevance-entry.js";
import { parsePyJson } from "../../python/py-json.js";
import type { PyValue } from "../../python/py-value.js";

type Params = Record<string, { type: string; items?: { type: string } }>;
const doc = (name: string, properties: Params, required: string[] = []) => ({ name, description: "", parameters: { type: "dict", properties, required } });

/** An FC result: `[{name: "<JSON arguments>"}]`, with the arguments written as JSON text so 1 and 1.0 stay apart. */
const fc = (...calls: Array<[string, string]>): PyValue => parsePyJson(JSON.stringify(calls.map(([name, args]) => ({ [name]: args }))));

function verdict(input: { functions: object[]; answer: string; result: PyValue; category?: string; underscoreToDot?: boolean }): string {
  const category = input.category ?? "simple_python";
  const result = checkAstEntry({
    result: input.result,
    functions: parsePyJson(JSON.stringify(input.functions)),
    groundTruth: parsePyJson(input.answer),
    category,
    language: languageOf(category),
    mode: "auto",
    underscoreToDot: input.underscoreToDot ?? false,
  });
  return result.valid ? "valid" : result.errorType;
}

/** One function `f` with one parameter `p` of the given type, answered by `candidates` (JSON text). */
function one(type: string, candidates: string, args: string, extra: { items?: string; category?: string } = {}): string {
  const property = extra.items ? { type, items: { type: extra.items } } : { type };
  return verdict({
    functions: [doc("f", { p: property })],
    answer: `[{"f": {"p": ${candidates}}}]`,
    result: fc(["f", args]),
    category: extra.category,
  });
}

describe("dispatch by category name", () => {
  const functions = [doc("f", { a: { type: "integer" } }, ["a"]), doc("g", { b: { type: "integer" } }, ["b"])];
  it("simple wants exactly one call", () => {
    expect(verdict({ functions, answer: '[{"f": {"a": [1]}}]', result: fc(["f", '{"a": 1}'], ["f", '{"a": 1}']) })).toBe("simple_function_checker:wrong_count");
  });
  it("a name containing `multiple` wants one call of the expected function", () => {
    expect(verdict({ functions, answer: '[{"g": {"b": [2]}}]', result: fc(["g", '{"b": 2}']), category: "live_multiple" })).toBe("valid");
    expect(verdict({ functions, answer: '[{"g": {"b": [2]}}]', result: fc(["f", '{"a": 1}']), category: "multiple" })).toBe("simple_function_checker:wrong_func_name");
    expect(verdict({ functions, answer: '[{"g": {"b": [2]}}]', result: fc(["g", '{"b": 2}'], ["f", '{"a": 1}']), category: "multiple" })).toBe(
      "multiple_function_checker:wrong_count",
    );
  });
  it("a name containing `parallel` wins over `multiple` and accepts any order", () => {
    const answer = '[{"f": {"a": [1]}}, {"g": {"b": [2]}}]';
    expect(verdict({ functions, answer, result: fc(["g", '{"b": 2}'], ["f", '{"a": 1}']), category: "parallel_multiple" })).toBe("valid");
    expect(verdict({ functions, answer, result: fc(["g", '{"b": 2}']), category: "live_parallel_multiple" })).toBe("parallel_function_checker_no_order:wrong_count");
  });
  it("greedy first-fit matching fails a correct parallel answer when an early expected call takes the wrong model call", () => {
    // Expected: f(a=1 or 2) then f(a=1). The model's f(a=1), f(a=2) can be matched perfectly (second↔first, first↔second),
    // but the first expected call grabs f(a=1) and the second then finds only f(a=2).
    const answer = '[{"f": {"a": [1, 2]}}, {"f": {"a": [1]}}]';
    expect(verdict({ functions, answer, result: fc(["f", '{"a": 1}'], ["f", '{"a": 2}']), category: "parallel" })).toBe(
      "parallel_function_checker_no_order:cannot_find_match",
    );
    expect(verdict({ functions, answer, result: fc(["f", '{"a": 2}'], ["f", '{"a": 1}']), category: "parallel" })).toBe("valid");
  });
});

describe("function names", () => {
  const functions = [doc("math.factorial", { n: { type: "integer" } }, ["n"])];
  const answer = '[{"math.factorial": {"n": [5]}}]';
  it("are exact and case-sensitive", () => {
    expect(verdict({ functions, answer, result: fc(["math.factorial", '{"n": 5}']) })).toBe("valid");
    expect(verdict({ functions, answer, result: fc(["Math.factorial", '{"n": 5}']) })).toBe("simple_function_checker:wrong_func_name");
  });
  it("expect `_` for `.` when the model's config sets underscore_to_dot", () => {
    expect(verdict({ functions, answer, result: fc(["math_factorial", '{"n": 5}']), underscoreToDot: true })).toBe("valid");
    expect(verdict({ functions, answer, result: fc(["math.factorial", '{"n": 5}']), underscoreToDot: true })).toBe("simple_function_checker:wrong_func_name");
    expect(verdict({ functions, answer, result: fc(["math_factorial", '{"n": 5}']) })).toBe("simple_function_checker:wrong_func_name");
  });
});

describe("parameters", () => {
  const functions = [doc("f", { a: { type: "integer" }, b: { type: "string" }, c: { type: "integer" } }, ["a"])];
  it("a required parameter must be present", () => {
    expect(verdict({ functions, answer: '[{"f": {"a": [1], "b": [""]}}]', result: fc(["f", '{"b": "x"}']) })).toBe("simple_function_checker:missing_required");
  });
  it("a parameter must be in the doc and in the answer", () => {
    expect(verdict({ functions, answer: '[{"f": {"a": [1]}}]', result: fc(["f", '{"a": 1, "zzz": 1}']) })).toBe("simple_function_checker:unexpected_param");
    expect(verdict({ functions, answer: '[{"f": {"a": [1]}}]', result: fc(["f", '{"a": 1, "c": 3}']) })).toBe("simple_function_checker:unexpected_param");
  });
  it('an omitted parameter is fine only when `""` is among its candidates', () => {
    expect(verdict({ functions, answer: '[{"f": {"a": [1], "c": ["", 3]}}]', result: fc(["f", '{"a": 1}']) })).toBe("valid");
    expect(verdict({ functions, answer: '[{"f": {"a": [1], "c": [3]}}]', result: fc(["f", '{"a": 1}']) })).toBe("simple_function_checker:missing_optional");
  });
  it("a value not listed fails even if it is the documented default", () => {
    expect(verdict({ functions, answer: '[{"f": {"a": [1], "c": ["", 3]}}]', result: fc(["f", '{"a": 1, "c": 10}']) })).toBe("value_error:others");
  });
});

describe("types", () => {
  it("an int is accepted for a float at the top level", () => {
    expect(one("float", "[5.0]", '{"p": 5}')).toBe("valid");
  });
  it("but not inside an array of floats", () => {
    expect(one("array", "[[1.0, 3.0]]", '{"p": [1, 3]}', { items: "float" })).toBe("type_error:nested");
    expect(one("array", "[[1.0, 3.0]]", '{"p": [1.0, 3.0]}', { items: "float" })).toBe("valid");
  });
  it("a nested check passes outright when a candidate is not a list, such as the optional marker", () => {
    // Ints in a float array fail the nested check above; with `""` listed first, the check never looks at the items,
    // and [1] then equals [1.0] by Python's ==.
    expect(one("array", '["", [1.0]]', '{"p": [1]}', { items: "float" })).toBe("valid");
    expect(one("array", '[[1.0], ""]', '{"p": [1]}', { items: "float" })).toBe("valid");
    expect(one("array", "[[1.0]]", '{"p": [1]}', { items: "float" })).toBe("type_error:nested");
  });
  it("a bool is not an int, 3.0 is not an int, and 1 is not a bool", () => {
    expect(one("integer", "[1]", '{"p": true}')).toBe("type_error:simple");
    expect(one("integer", "[3]", '{"p": 3.0}')).toBe("type_error:simple");
    expect(one("boolean", "[true]", '{"p": 1}')).toBe("type_error:simple");
  });
  it("but values compare with Python's ==, so 3 and 3.0 are the same value", () => {
    expect(one("float", "[3]", '{"p": 3.0}')).toBe("valid");
  });
  it("numbers are compared exactly, with no float tolerance", () => {
    expect(one("float", "[0.3]", '{"p": 0.30000000000000004}')).toBe("value_error:others");
  });
  it("a tuple counts as a list for a tuple parameter, not for an array parameter", () => {
    const functions = [doc("f", { t: { type: "tuple", items: { type: "integer" } }, l: { type: "array", items: { type: "integer" } } })];
    const answer = '[{"f": {"t": [[1, 2]], "l": ["", [1, 2]]}}]';
    expect(verdict({ functions, answer, result: "[f(t=(1, 2))]" })).toBe("valid");
    expect(verdict({ functions, answer, result: "[f(t=(1, 2), l=(1, 2))]" })).toBe("type_error:simple");
  });
  it("`any` means a string", () => {
    expect(one("any", '["x"]', '{"p": "x"}')).toBe("valid");
    expect(one("any", '["1"]', '{"p": 1}')).toBe("type_error:simple");
  });
  it("an answer whose candidates have another type than the doc is a variable name: only membership counts", () => {
    expect(one("integer", '["num_items"]', '{"p": "num_items"}')).toBe("valid");
    // No standardisation for variables: case and punctuation matter.
    expect(one("integer", '["num_items"]', '{"p": "NUM_ITEMS"}')).toBe("value_error:others");
    expect(one("integer", '["num_items"]', '{"p": 5}')).toBe("value_error:others");
    expect(one("dict", '["config"]', '{"p": "config"}')).toBe("valid");
  });
});

describe("values", () => {
  it("strings are standardised: spaces and ,./-_*^ removed, lowercased, ' read as \"", () => {
    expect(one("string", '["April 1, 2024"]', '{"p": "april 1 2024"}')).toBe("valid");
    expect(one("string", '["New York"]', '{"p": "new-york"}')).toBe("valid");
    expect(one("string", '["say \\"hi\\""]', '{"p": "say \'hi\'"}')).toBe("valid");
    expect(one("string", '["cafe"]', '{"p": "café"}')).toBe("value_error:string");
    expect(one("string", '["a(b)"]', '{"p": "ab"}')).toBe("value_error:string");
  });
  it("lists must equal a candidate in order; their strings are standardised", () => {
    expect(one("array", "[[1, 2]]", '{"p": [2, 1]}', { items: "integer" })).toBe("value_error:list/tuple");
    expect(one("array", '[["New York", "LA"]]', '{"p": ["new york", "la"]}', { items: "string" })).toBe("valid");
  });
  it("dicts are checked one level deep: keys must be expected, missing keys must allow \"\"", () => {
    const candidates = '[{"unit": ["celsius"], "days": ["", 3]}]';
    expect(one("dict", candidates, '{"p": {"unit": "Celsius"}}')).toBe("valid");
    expect(one("dict", candidates, '{"p": {"unit": "celsius", "extra": 1}}')).toBe("value_error:dict_key");
    expect(one("dict", candidates, '{"p": {"days": 3}}')).toBe("value_error:dict_key");
    expect(one("dict", candidates, '{"p": {"unit": "kelvin"}}')).toBe("value_error:dict_value");
    // Deeper values are compared as they are, strings inside them not standardised.
    expect(one("dict", '[{"loc": [{"city": "New York"}]}]', '{"p": {"loc": {"city": "new york"}}}')).toBe("value_error:dict_value");
  });
  it('a dict against only `""` candidates is "dict_checker:unclear"', () => {
    expect(one("dict", '[""]', '{"p": {"a": 1}}')).toBe("dict_checker:unclear");
  });
  it("lists of dicts need the same count, then each dict in position", () => {
    const candidates = '[[{"n": ["a"]}, {"n": ["b"]}]]';
    expect(one("array", candidates, '{"p": [{"n": "a"}, {"n": "b"}]}', { items: "dict" })).toBe("valid");
    expect(one("array", candidates, '{"p": [{"n": "b"}, {"n": "a"}]}', { items: "dict" })).toBe("value_error:dict_value");
    expect(one("array", candidates, '{"p": [{"n": "a"}]}', { items: "dict" })).toBe("value_error:list_dict_count");
  });
});

describe("Java and JavaScript values arrive as strings and are converted by type", () => {
  const java = (type: string, candidates: string, value: string, items?: string) =>
    one(type, candidates, JSON.stringify({ p: value }), { category: "simple_java", items });
  const js = (type: string, candidates: string, value: string, items?: string) =>
    one(type, candidates, JSON.stringify({ p: value }), { category: "simple_javascript", items });
  it("a non-string value is a type error of the language", () => {
    expect(one("integer", "[5]", '{"p": 5}', { category: "simple_java" })).toBe("type_error:java");
    expect(one("integer", "[5]", '{"p": 5}', { category: "simple_javascript" })).toBe("type_error:js");
  });
  it("Java long needs L, float needs f; a string that does not fit its pattern stays a string", () => {
    expect(java("long", "[5]", "5L")).toBe("valid");
    expect(java("long", "[5]", "5")).toBe("type_error:simple");
    expect(java("float", "[1.5]", "1.5f")).toBe("valid");
    expect(java("float", "[1.5]", "1.5")).toBe("type_error:simple");
    expect(java("double", "[1.5]", "1.5")).toBe("valid");
    expect(java("boolean", "[true]", "true")).toBe("valid");
    expect(java("boolean", "[true]", "True")).toBe("type_error:simple");
  });
  it("Java ArrayList, Array and HashMap literals are parsed", () => {
    expect(java("ArrayList", '[["a", "b"]]', 'new ArrayList<>(Arrays.asList("a", "b"))', "String")).toBe("valid");
    expect(java("ArrayList", "[[1, 2]]", "new ArrayList<Integer>() {{ add(1); add(2); }}", "integer")).toBe("valid");
    expect(java("Array", "[[1, 2]]", "new int[]{1, 2}", "integer")).toBe("valid");
    expect(java("HashMap", '[{"k": ["v"], "n": [5]}]', 'new HashMap<String, Object>() {{ put("k", "v"); put("n", 5); }}')).toBe("valid");
  });
  it("JavaScript Bigint needs n, quoted Strings lose their quotes, arrays and objects are parsed", () => {
    expect(js("Bigint", "[5]", "5n")).toBe("valid");
    expect(js("Bigint", "[5]", "5")).toBe("type_error:simple");
    expect(js("String", '["hello"]', "'hello'")).toBe("valid");
    expect(js("array", '[["a", "b"]]', '["a", "b"]', "String")).toBe("valid");
    expect(js("dict", '[{"a": [1], "b": ["x"]}]', "{a: 1, b: 'x'}")).toBe("valid");
    expect(js("Boolean", "[false]", "false")).toBe("valid");
  });
});

describe("irrelevance and relevance", () => {
  const irrelevant = (result: PyValue) => {
    const check = checkRelevanceEntry(result, "irrelevance", "auto");
    return check.valid ? "valid" : check.errorType;
  };
  it("irrelevance passes when no call is produced: [], [{}], prose, or output that does not decode", () => {
    expect(irrelevant(parsePyJson("[]"))).toBe("valid");
    expect(irrelevant(parsePyJson("[{}]"))).toBe("valid");
    expect(irrelevant(parsePyJson('["I cannot help with that."]'))).toBe("valid");
    expect(irrelevant("I cannot help with that.")).toBe("valid");
    expect(irrelevant(parsePyJson('[{"f": "{not json"}]'))).toBe("valid");
  });
  it("a call with empty arguments is still a call", () => {
    expect(irrelevant(fc(["f", "{}"]))).toBe("irrelevance_error:decoder_success");
    expect(irrelevant("[f()]")).toBe("irrelevance_error:decoder_success");
  });
  it("live_relevance passes on any call, whatever its name and arguments", () => {
    expect(checkRelevanceEntry(fc(["anything", '{"x": 1}']), "live_relevance", "auto").valid).toBe(true);
    const empty = checkRelevanceEntry(parsePyJson("[]"), "live_relevance", "auto");
    expect(empty.valid ? "valid" : empty.errorType).toBe("relevance_error:decoder_failed");
  });
});

describe("agentic answers", () => {
  const agentic = (result: string, answers: string[]) => {
    const check = checkAgenticEntry(parsePyJson(result), parsePyJson(JSON.stringify(answers)), "auto");
    return check.valid ? "valid" : check.errorType;
  };
  it("read the last step that is not a call", () => {
    expect(agentic('[["The capital is Paris.", [{"search": "{\\"q\\": \\"x\\"}"}], "Final: Lyon"]]', ["Paris"])).toBe("agentic:answer_not_found");
    expect(agentic('[["Final: Lyon", [{"search": "{\\"q\\": \\"x\\"}"}], "The capital is Paris."]]', ["Paris"])).toBe("valid");
    expect(agentic('[[[{"search": "{}"}]]]', ["Paris"])).toBe("agentic:no_last_message");
    expect(agentic('[["Paris"], ["Paris"]]', ["Paris"])).toBe("agentic:inference_error");
  });
  it("match a standardised answer on word boundaries; spaces are kept, `,./-_*^()` dropped", () => {
    expect(agentic('[["He was born in Paris."]]', ["paris"])).toBe("valid");
    expect(agentic('[["A Parisian café."]]', ["Paris"])).toBe("agentic:answer_not_found");
    expect(agentic('[["It costs $1,000."]]', ["1000"])).toBe("valid");
    expect(agentic('[["It is in newyork."]]', ["New York"])).toBe("agentic:answer_not_found");
    expect(agentic('[["Dong-Sup Yoon (20th president)"]]', ["DongSup Yoon"])).toBe("valid");
    expect(agentic('[["Zoë Saldaña starred."]]', ["Zoë"])).toBe("valid");
  });
});

describe("decoders", () => {
  const functions = [doc("f", { a: { type: "float" }, b: { type: "integer" } })];
  it("FC arguments keep int apart from float", () => {
    expect(verdict({ functions: [doc("f", { b: { type: "integer" } })], answer: '[{"f": {"b": [2]}}]', result: fc(["f", '{"b": 2.0}']) })).toBe("type_error:simple");
  });
  it("FC arguments that are not a JSON object are the wrong output format; broken JSON fails to decode", () => {
    expect(verdict({ functions, answer: '[{"f": {"a": [1.0]}}]', result: fc(["f", "[1]"]) })).toBe("ast_decoder:decoder_wrong_output_format");
    expect(verdict({ functions, answer: '[{"f": {"a": [1.0]}}]', result: fc(["f", '{"a": 1.0'] ) })).toBe("ast_decoder:decoder_failed");
    expect(verdict({ functions, answer: '[{"f": {"a": [1.0]}}]', result: parsePyJson('["just text"]') })).toBe("ast_decoder:decoder_failed");
  });
  it("prompt mode reads keyword arguments only, in backticks or not", () => {
    const answer = '[{"f": {"a": [2.5], "b": [3]}}]';
    expect(verdict({ functions, answer, result: "```[f(a=2.5, b=3)]```" })).toBe("valid");
    expect(verdict({ functions, answer, result: "f(1, 2, a=2.5, b=3)" })).toBe("valid");
    expect(verdict({ functions, answer, result: "[f(a=2.5, 3)]" })).toBe("ast_decoder:decoder_failed");
    expect(verdict({ functions, answer, result: "[1, 2]" })).toBe("ast_decoder:decoder_failed");
  });
  it("prompt mode negates a unary constant whatever the operator", () => {
    const functions2 = [doc("f", { b: { type: "integer" } })];
    expect(verdict({ functions: functions2, answer: '[{"f": {"b": [-3]}}]', result: "[f(b=-3)]" })).toBe("valid");
    expect(verdict({ functions: functions2, answer: '[{"f": {"b": [-3]}}]', result: "[f(b=+3)]" })).toBe("valid");
    expect(verdict({ functions: functions2, answer: '[{"f": {"b": [3]}}]', result: "[f(b=+3)]" })).toBe("value_error:others");
  });
  it("prompt mode turns bare names into strings and keyword-less calls into their source", () => {
    const functions2 = [doc("f", { s: { type: "string" }, t: { type: "string" } })];
    expect(verdict({ functions: functions2, answer: '[{"f": {"s": ["celsius"], "t": ["math.sqrt(2)"]}}]', result: "[f(s=celsius, t=math.sqrt( 2 ))]" })).toBe("valid");
  });
  it("prompt mode reads either quote, escapes, True/False/None and nested containers", () => {
    const functions2 = [doc("f", { s: { type: "string" }, l: { type: "array", items: { type: "dict" } }, k: { type: "boolean" } })];
    const answer = '[{"f": {"s": ["it\'s \\"x\\""], "l": [[{"x": [[1, 2]]}]], "k": [false]}}]';
    expect(verdict({ functions: functions2, answer, result: "[f(s='it\\'s \"x\"', l=[{'x': [1, 2]}], k=False)]" })).toBe("valid");
  });
});
