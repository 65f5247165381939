// Python builtins the simulated APIs rely on: sum() (with 3.12's compensated float sum), min(), max(), round(), sorted().
import { PyException, typeError } from "./exceptions.js";
import { roundFloat, roundFloatToInt, roundInt } from "./float-format.js";
import { intToFloat, pyAdd, pyCompare, pyIterate } from "./operators.js";
import { pyTypeName, type PyValue } from "../py-value.js";

/**
 * `sum(iterable)`: ints are added exactly; once the total is a float, further floats are added with
 * Neumaier compensation (CPython 3.12+), and the compensation is folded in at the end.
 */
export function pySum(iterable: PyValue): PyValue {
  const items = pyIterate(iterable);
  let total: PyValue = 0n;
  let index = 0;
  for (; index < items.length; index += 1) {
    const item = items[index] as PyValue;
    if (typeof total === "bigint" && (typeof item === "bigint" || typeof item === "boolean")) {
      total += typeof item === "boolean" ? (item ? 1n : 0n) : item;
      continue;
    }
    total = pyAdd(total, item);
    if (typeof total === "number") {
      index += 1;
      break;
    }
  }
  if (typeof total !== "number") return total;
  let high = total;
  let compensation = 0;
  for (; index < items.length; index += 1) {
    const item = items[index] as PyValue;
    if (typeof item === "number") {
      const sum = high + item;
      if (Math.abs(high) >= Math.abs(item)) compensation += high - sum + item;
      else compensation += item - sum + high;
      high = sum;
      continue;
    }
    if (typeof item === "bigint" || typeof item === "boolean") {
      high += typeof item === "boolean" ? Number(item) : intToFloat(item);
      continue;
    }
    // Anything else leaves the float fast path: settle the compensation and add generically.
    const settled: PyValue = compensation !== 0 && Number.isFinite(compensation) ? high + compensation : high;
    let rest: PyValue = pyAdd(settled, item);
    for (index += 1; index < items.length; index += 1) rest = pyAdd(rest, items[index] as PyValue);
    return rest;
  }
  return compensation !== 0 && Number.isFinite(compensation) ? high + compensation : high;
}

function extreme(iterable: PyValue, name: "min" | "max"): PyValue {
  const items = pyIterate(iterable);
  if (items.length === 0) throw new PyException("ValueError", `${name}() iterable argument is empty`);
  let best = items[0] as PyValue;
  for (const item of items.slice(1)) {
    const better = name === "min" ? pyCompare(item, best, "<") < 0 : pyCompare(item, best, ">") > 0;
    if (better) best = item;
  }
  return best;
}

export const pyMin = (iterable: PyValue): PyValue => extreme(iterable, "min");
export const pyMax = (iterable: PyValue): PyValue => extreme(iterable, "max");

/** `round(number, ndigits)`; `ndigits` undefined or None means round to an int. */
export function pyRound(number: PyValue, ndigits?: PyValue): PyValue {
  if (typeof number !== "bigint" && typeof number !== "number" && typeof number !== "boolean") {
    throw typeError(`type ${pyTypeName(number)} doesn't define __round__ method`);
  }
  if (ndigits === undefined || ndigits === null) {
    if (typeof number === "number") {
      if (Number.isNaN(number)) throw new PyException("ValueError", "cannot convert float NaN to integer");
      if (!Number.isFinite(number)) throw new PyException("OverflowError", "cannot convert float infinity to integer");
      return roundFloatToInt(number);
    }
    return typeof number === "boolean" ? (number ? 1n : 0n) : number;
  }
  if (typeof ndigits !== "bigint" && typeof ndigits !== "boolean") {
    throw typeError(`'${pyTypeName(ndigits)}' object cannot be interpreted as an integer`);
  }
  const places = Number(typeof ndigits === "boolean" ? (ndigits ? 1n : 0n) : ndigits);
  if (typeof number === "number") return roundFloat(number, places);
  return roundInt(typeof number === "boolean" ? (number ? 1n : 0n) : number, places);
}

/** `sorted(iterable)`: a stable sort using only `<`, as Python's list.sort does. */
export function pySorted(iterable: PyValue): PyValue[] {
  const items = pyIterate(iterable);
  // Merge sort keeps stability and calls `<` in the same spirit as timsort; equal runs keep their order.
  const sort = (list: PyValue[]): PyValue[] => {
    if (list.length <= 1) return list;
    const middle = list.length >> 1;
    const left = sort(list.slice(0, middle));
    const right = sort(list.slice(middle));
    const merged: PyValue[] = [];
    let i = 0;
    let j = 0;
    while (i < left.length && j < right.length) {
      if (pyCompare(right[j] as PyValue, left[i] as PyValue, "<") < 0) merged.push(right[j++] as PyValue);
      else merged.push(left[i++] as PyValue);
    }
    return merged.concat(left.slice(i), right.slice(j));
  };
  return sort(items);
}
