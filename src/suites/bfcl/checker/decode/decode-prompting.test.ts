// Prompt-mode decoding, each case checked against BFCL's decoder running on CPython 3.11.
import { describe, expect, it } from "vitest";
import { isDecodeFailure } from "./decode-error.js";
import { pyRepr } from "../../../python/py-repr.js";
import { decodeAstPrompting, decodeExecutePrompting } from "./decode-prompting.js";

function decoded(text: string): string {
  try {
    return pyRepr(decodeAstPrompting(text));
  } catch (error) {
    if (isDecodeFailure(error)) return "ERROR";
    throw error;
  }
}

describe("decodeAstPrompting", () => {
  const cases: Array<[string, string]> = [
    ["[f(a=1, b='x')]", "[{'f': {'a': 1, 'b': 'x'}}]"],
    ['f(a=1.0, b="y", c=True, d=None)', "[{'f': {'a': 1.0, 'b': 'y', 'c': True, 'd': None}}]"],
    ["```[f(a=-1, b=-2.5, c=+3, d=not 4, e=~5)]```", "[{'f': {'a': -1, 'b': -2.5, 'c': -3, 'd': -4, 'e': -5}}]"],
    ["[f(a=[1, 2, (3, 4)], b={'k': [1, {'z': 2}]}, c=())]", "[{'f': {'a': [1, 2, (3, 4)], 'b': {'k': [1, {'z': 2}]}, 'c': ()}}]"],
    ["[f(1, 2, a=x)]", "[{'f': {'a': 'x'}}]"],
    ["[f(a=1), g.h.i(b=2)]", "[{'f': {'a': 1}}, {'g.h.i': {'b': 2}}]"],
    ["[f(a=1, a=2)]", "[{'f': {'a': 2}}]"],
    ["[f(a=g(1, 2), b=h(x=1))]", "[{'f': {'a': 'g(1, 2)', 'b': {'h': {'x': 1}}}}]"],
    ["[f(a=np.array([1,2]), b=len('ab'))]", `[{'f': {'a': 'np.array([1, 2])', 'b': "len('ab')"}}]`],
    ["[f(a=2*3, b=1/3, c=2**-1, d='a'+'b', e=7//2, f=-7%3, g=[1]+[2])]", "[{'f': {'a': 6, 'b': 0.3333333333333333, 'c': 0.5, 'd': 'ab', 'e': 3, 'f': 2, 'g': [1, 2]}}]"],
    ["[f(a=x[0], b=y[1:2], c=z[1, 2], d=w['k'])]", `[{'f': {'a': 'x[0]', 'b': 'y[1:2]', 'c': 'z[(1, 2)]', 'd': "w['k']"}}]`],
    ["[f(a=b'abc', b=1j, c=0x1F, d=1_000, e=1e3, f=.5, g=5.)]", "[{'f': {'a': b'abc', 'b': 1j, 'c': 31, 'd': 1000, 'e': 1000.0, 'f': 0.5, 'g': 5.0}}]"],
    ["f(a='it\\'s', b=\"q\\\"uote\", c='\\x41\\u00e9\\n', d=r'\\d')", `[{'f': {'a': "it's", 'b': 'q"uote', 'c': 'Aé\\n', 'd': '\\\\d'}}]`],
    ["[]", "[]"],
    ["f(a=1), g(b=2)", "[{'f': {'a': 1}}, {'g': {'b': 2}}]"],
    ["[f(**kw)]", "[{'f': {None: 'kw'}}]"],
    ["[f(a=-True)]", "[{'f': {'a': -1}}]"],
    ["[f(a=(1))]", "[{'f': {'a': 1}}]"],
    ["[f(a=(1,))]", "[{'f': {'a': (1,)}}]"],
    ["[f(a=obj.method(1))]", "[{'f': {'a': 'obj.method(1)'}}]"],
    ["[f(a=h(1, k=2))]", "[{'f': {'a': {'h': {'k': 2}}}}]"],
    ["[f(a=g(-1, 'a', [1, 2], {'k': 1}, (1,), x.y, 1.5e20, 1e-7))]", `[{'f': {'a': "g(-1, 'a', [1, 2], {'k': 1}, (1,), x.y, 1.5e+20, 1e-07)"}}]`],
    ["[f(a=g(2 ** -1, (1, 2), a[1, 2], not x, a and b or c, lambda: 0))]", "[{'f': {'a': 'g(2 ** (-1), (1, 2), a[1, 2], not x, a and b or c, lambda: 0)'}}]"],
    ['[f(a="""multi\nline""")]', "[{'f': {'a': 'multi\\nline'}}]"],
    ["[f(a=1e400, b=-1e400)]", "[{'f': {'a': inf, 'b': -inf}}]"],
    ["[f(a=g(1e400))]", "[{'f': {'a': 'g(1e309)'}}]"],
    ["[f(a=(a+b)[0])]", "[{'f': {'a': 'a + b[0]'}}]"],
    ["[f(a={1: 'a', True: 'b', 1.0: 'c'})]", "[{'f': {'a': {1: 'c'}}}]"],
    ["[f(a=1) # comment\n]", "[{'f': {'a': 1}}]"],
    ["'[f(a=1)]'", "ERROR"],
    ["[f(a=1, 2)]", "ERROR"],
    ["[f(a=math.pi)]", "ERROR"],
    ["[f(a=lambda x: x)]", "ERROR"],
    ["[f(a=f'{x}')]", "ERROR"],
    ["[f(a={1, 2})]", "ERROR"],
    ["[f(a=1 < 2)]", "ERROR"],
    ["I cannot help with that.", "ERROR"],
    ["[f(a=1)] [g()]", "ERROR"],
    ["[f(a=1)]\n[g(b=2)]", "ERROR"],
    ["[f(a={**d})]", "ERROR"],
    ["[f(a=--1)]", "ERROR"],
    ["[f(a=-'x')]", "ERROR"],
    ["[1, 2]", "ERROR"],
    ["[[f(a=1)]]", "ERROR"],
    ["[f(a={[1]: 2})]", "ERROR"],
    ["[f(a=1)]]", "ERROR"],
    ["[f(a=3 % 0)]", "ERROR"],
  ];
  it.each(cases)("%j", (text, expected) => {
    expect(decoded(text)).toBe(expected);
  });

  it("fails on a result that is not a string (FC output read as prompt text)", () => {
    expect(decoded([] as unknown as string)).toBe("ERROR");
  });
});

describe("decodeExecutePrompting", () => {
  it("prints calls back as source, nested calls as calls and dicts as literals", () => {
    expect(decodeExecutePrompting("[cd(folder='doc'), mv(src=x, opts={'force': True}, then=g(y=1))]")).toEqual([
      "cd(folder='doc')",
      "mv(src='x', opts={'force': True}, then=g(y=1))",
    ]);
  });
});
