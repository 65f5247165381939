// Function-calling steps decode to call strings with Python reprs, or not at all.
import { describe, expect, it } from "vitest";
import { decodeFcStep } from "./decode-fc-step.js";

describe("decodeFcStep", () => {
  it("turns each {name: JSON args} into name(k=repr(v),…) keeping int vs float", () => {
    expect(decodeFcStep([{ cd: '{"folder": "documents"}' }, { fillFuelTank: '{"fuelAmount": 30.0}' }])).toEqual(["cd(folder='documents')", "fillFuelTank(fuelAmount=30.0)"]);
    expect(decodeFcStep([{ lockDoors: '{"unlock": false, "door": ["driver"]}' }, { pwd: "{}" }])).toEqual(["lockDoors(unlock=False,door=['driver'])", "pwd()"]);
    expect(decodeFcStep({ ls: '{"a": true}' })).toEqual(["ls(a=True)"]);
  });

  it("fails the whole step when any call does not decode, as the reference's try/except does", () => {
    expect(decodeFcStep([{ cd: '{"folder": "a"}' }, { ls: "{not json" }])).toBeUndefined();
    expect(decodeFcStep([{ ls: "[1, 2]" }])).toBeUndefined();
    expect(decodeFcStep("I have finished.")).toBeUndefined();
    expect(decodeFcStep([])).toEqual([]);
  });

  it("decodes a call seen before to the same text, and a step with a failing call fails again", () => {
    for (let round = 0; round < 2; round++) {
      expect(decodeFcStep([{ fillFuelTank: '{"fuelAmount": 30.0, "n": 30}' }])).toEqual(["fillFuelTank(fuelAmount=30.0,n=30)"]);
      expect(decodeFcStep([{ cd: '{"folder": "a"}' }, { ls: "[1, 2]" }])).toBeUndefined();
    }
    // The name is part of what is remembered.
    expect(decodeFcStep([{ mv: '{"fuelAmount": 30.0, "n": 30}' }])).toEqual(["mv(fuelAmount=30.0,n=30)"]);
  });
});
