// BFCL's VehicleControlAPI: doors, brake pedal, engine, fuel, climate, cruise control and trip helpers.
import { attributeError } from "../../../../python/runtime/exceptions.js";
import { pyAdd, pyContains, pyFloat, pyGetItem, pyGt, pyIterate, pyLe, pyLt, pyMod, pyMul, pySub, pyTrueDivide } from "../../../../python/runtime/operators.js";
import { PythonRandom } from "../../../../python/runtime/random.js";
import { pyRepr } from "../../../../python/py-repr.js";
import { copyConstantList } from "../../../../python/py-json.js";
import { PyDict, deepCopy, pyEquals, pyTruthy, pyTypeName, type PyValue } from "../../../../python/py-value.js";
import type { ReferenceRuntime } from "../reference-runtime.js";
import { CAR_STATUS_METADATA_EXTENSION, INTERMEDIARY_CITIES, PARKING_BRAKE_INSTRUCTION } from "./long-context-data.js";
import { SimulatedApi, optional, required, type ApiMethod } from "./simulated-api.js";

const MAX_FUEL_LEVEL = 50n;
const MIN_FUEL_LEVEL = 0.0;
const MILE_PER_GALLON = 20.0;

/** Known distances in km between zip codes (either direction). */
const DISTANCES: [string, string, number][] = [
  ["83214", "74532", 750.0],
  ["56108", "62947", 320.0],
  ["71354", "83462", 450.0],
  ["47329", "52013", 290.0],
  ["69238", "51479", 630.0],
  ["94016", "83214", 980.0],
  ["94016", "94704", 600.0],
  ["94704", "08540", 2550.0],
  ["94016", "08540", 1950.0],
  ["62947", "47329", 1053.0],
  ["94016", "62947", 780.0],
  ["74532", "94016", 880.0],
];

const ZIP_CODES: [string, string][] = [
  ["Rivermist", "83214"],
  ["Stonebrook", "74532"],
  ["Maplecrest", "56108"],
  ["Silverpine", "62947"],
  ["Shadowridge", "71354"],
  ["Sunset Valley", "83462"],
  ["Oakendale", "47329"],
  ["Willowbend", "52013"],
  ["Crescent Hollow", "69238"],
  ["Autumnville", "51479"],
  ["San Francisco", "94016"],
];

const item = (container: PyValue, key: PyValue): PyValue => pyGetItem(container, key, pyRepr);

export class VehicleControlAPI extends SimulatedApi {
  readonly pyTypeName = "VehicleControlAPI";
  private random = new PythonRandom(141053n);
  fuelLevel: PyValue = 0.0;
  batteryVoltage: PyValue = 12.6;
  engineState: PyValue = "stopped";
  remainingUnlockedDoors: PyValue = 4n;
  doorStatus: PyValue = new PyDict();
  acTemperature: PyValue = 25.0;
  fanSpeed: PyValue = 50n;
  acMode: PyValue = "auto";
  humidityLevel: PyValue = 50.0;
  headLightStatus: PyValue = "off";
  parkingBrakeStatus: PyValue = "released";
  private parkingBrakeForce: PyValue = 0.0;
  private slopeAngle: PyValue = 0.0;
  brakePedalStatus: PyValue = "released";
  private brakePedalForce: PyValue = 0.0;
  distanceToNextVehicle: PyValue = 50.0;
  cruiseStatus: PyValue = "inactive";
  destination: PyValue = "None";
  frontLeftTirePressure: PyValue = 32.0;
  frontRightTirePressure: PyValue = 32.0;
  rearLeftTirePressure: PyValue = 30.0;
  rearRightTirePressure: PyValue = 30.0;
  longContext = false;

  constructor(private readonly runtime: ReferenceRuntime) {
    super();
  }

  loadScenario(scenario: PyDict, longContext: boolean): void {
    const pick = (key: string, fallback: PyValue): PyValue => (scenario.has(key) ? (scenario.get(key) as PyValue) : fallback);
    this.random = new PythonRandom(pick("random_seed", 141053n) as bigint);
    this.fuelLevel = pick("fuelLevel", 0.0);
    this.batteryVoltage = pick("batteryVoltage", 12.6);
    this.engineState = pick("engineState", "stopped");
    this.remainingUnlockedDoors = pick("remainingUnlockedDoors", 4n);
    this.doorStatus = pick(
      "doorStatus",
      deepCopy(PyDict.fromRecord({ driver: "unlocked", passenger: "unlocked", rear_left: "unlocked", rear_right: "unlocked" })),
    );
    const doors = this.doorDict("keys");
    const locked = doors.keys().filter((door) => pyEquals(item(doors, door), "locked")).length;
    this.remainingUnlockedDoors = 4n - BigInt(locked);
    this.acTemperature = pick("acTemperature", 25.0);
    this.fanSpeed = pick("fanSpeed", 50n);
    this.acMode = pick("acMode", "auto");
    this.humidityLevel = pick("humidityLevel", 50.0);
    this.headLightStatus = pick("headLightStatus", "off");
    this.parkingBrakeStatus = pick("parkingBrakeStatus", "released");
    this.parkingBrakeForce = pick("parkingBrakeForce", 0.0);
    this.slopeAngle = pick("slopeAngle", 0.0);
    this.brakePedalStatus = pick("brakePedalStatus", "released");
    this.brakePedalForce = pick("brakePedalForce", 0.0);
    this.distanceToNextVehicle = pick("distanceToNextVehicle", 50.0);
    this.cruiseStatus = pick("cruiseStatus", "inactive");
    this.destination = pick("destination", "None");
    this.frontLeftTirePressure = pick("frontLeftTirePressure", 32.0);
    this.frontRightTirePressure = pick("frontRightTirePressure", 32.0);
    this.rearLeftTirePressure = pick("rearLeftTirePressure", 30.0);
    this.rearRightTirePressure = pick("rearRightTirePressure", 30.0);
    this.longContext = longContext;
  }

  publicState(): [string, PyValue][] {
    return [
      ["fuelLevel", this.fuelLevel],
      ["batteryVoltage", this.batteryVoltage],
      ["engine_state", this.engineState],
      ["remainingUnlockedDoors", this.remainingUnlockedDoors],
      ["doorStatus", this.doorStatus],
      ["acTemperature", this.acTemperature],
      ["fanSpeed", this.fanSpeed],
      ["acMode", this.acMode],
      ["humidityLevel", this.humidityLevel],
      ["headLightStatus", this.headLightStatus],
      ["parkingBrakeStatus", this.parkingBrakeStatus],
      ["brakePedalStatus", this.brakePedalStatus],
      ["distanceToNextVehicle", this.distanceToNextVehicle],
      ["cruiseStatus", this.cruiseStatus],
      ["destination", this.destination],
      ["frontLeftTirePressure", this.frontLeftTirePressure],
      ["frontRightTirePressure", this.frontRightTirePressure],
      ["rearLeftTirePressure", this.rearLeftTirePressure],
      ["rearRightTirePressure", this.rearRightTirePressure],
      ["long_context", this.longContext],
    ];
  }

  private doorDict(method: string): PyDict {
    if (!(this.doorStatus instanceof PyDict)) throw attributeError(pyTypeName(this.doorStatus), method);
    return this.doorStatus;
  }

  startEngine(ignitionMode: PyValue): PyValue {
    if (pyEquals(ignitionMode, "STOP")) this.engineState = "stopped";
    if (pyGt(this.remainingUnlockedDoors, 0n)) {
      const doors = this.doorDict("items");
      const unlocked = doors.items().filter(([, status]) => pyEquals(status, "unlocked")).map(([door]) => door as string);
      return PyDict.fromRecord({ error: `All doors must be locked before starting the engine. Here are the unlocked doors: ${unlocked.join(", ")}` });
    }
    if (!pyEquals(this.brakePedalStatus, "pressed")) return PyDict.fromRecord({ error: "Brake pedal needs to be pressed when starting the engine." });
    if (!pyEquals(this.brakePedalForce, 1000.0)) return PyDict.fromRecord({ error: "Must press the brake fully before starting the engine." });
    if (pyLt(this.fuelLevel, MIN_FUEL_LEVEL)) return PyDict.fromRecord({ error: "Fuel tank is empty." });
    if (!pyEquals(ignitionMode, "START")) return PyDict.fromRecord({ error: "Invalid ignition mode." });
    this.engineState = "running";
    return PyDict.fromRecord({ engineState: this.engineState, fuelLevel: this.fuelLevel, batteryVoltage: this.batteryVoltage });
  }

  fillFuelTank(fuelAmount: PyValue): PyValue {
    if (pyLt(fuelAmount, 0n)) return PyDict.fromRecord({ error: "Fuel amount cannot be negative." });
    if (pyGt(pyAdd(this.fuelLevel, fuelAmount), MAX_FUEL_LEVEL)) return PyDict.fromRecord({ error: "Cannot fill gas above the tank capacity." });
    if (pyLt(pyAdd(this.fuelLevel, fuelAmount), MIN_FUEL_LEVEL)) return PyDict.fromRecord({ error: "Fuel tank is empty. Min fuel level is 0 gallons." });
    this.fuelLevel = pyAdd(this.fuelLevel, fuelAmount, "+=");
    return PyDict.fromRecord({ fuelLevel: this.fuelLevel });
  }

  lockDoors(unlock: PyValue, door: PyValue): PyValue {
    const doors = this.doorDict("__setitem__");
    const target = pyTruthy(unlock) ? "unlocked" : "locked";
    for (const name of pyIterate(door)) {
      if (pyEquals(item(doors, name), target)) continue;
      doors.set(name, target);
      this.remainingUnlockedDoors = pyTruthy(unlock) ? pyAdd(this.remainingUnlockedDoors, 1n, "+=") : pySub(this.remainingUnlockedDoors, 1n, "-=");
    }
    return PyDict.fromRecord({ lockStatus: target, remainingUnlockedDoors: this.remainingUnlockedDoors });
  }

  adjustClimateControl(temperature: PyValue, unit: PyValue, fanSpeed: PyValue, mode: PyValue): PyValue {
    if (!(pyLe(0n, fanSpeed) && pyLe(fanSpeed, 100n))) return PyDict.fromRecord({ error: "Fan speed must be between 0 and 100." });
    this.acTemperature = temperature;
    if (pyEquals(unit, "fahrenheit")) this.acTemperature = pyTrueDivide(pyMul(pySub(temperature, 32n), 5n), 9n);
    this.fanSpeed = fanSpeed;
    this.acMode = mode;
    return PyDict.fromRecord({ currentACTemperature: temperature, climateMode: mode, humidityLevel: this.humidityLevel });
  }

  getOutsideTemperatureFromGoogle(): PyValue {
    if (this.longContext) {
      const weather = this.runtime.longWeatherExtension();
      weather.set("outsideTemperature", this.random.uniform(-10.0, 40.0));
      return weather;
    }
    return PyDict.fromRecord({ outsideTemperature: this.random.uniform(-10.0, 40.0) });
  }

  setHeadlights(mode: PyValue): PyValue {
    if (!pyContains(["on", "off", "auto"], mode)) return PyDict.fromRecord({ error: "Invalid headlight mode." });
    this.headLightStatus = pyEquals(mode, "on") ? "on" : "off";
    return PyDict.fromRecord({ headlightStatus: this.headLightStatus });
  }

  displayCarStatus(option: PyValue): PyValue {
    const status = new PyDict();
    if (this.longContext) status.set("metadata", CAR_STATUS_METADATA_EXTENSION);
    const set = (entries: Record<string, PyValue>) => {
      for (const [key, value] of Object.entries(entries)) status.set(key, value);
    };
    if (pyEquals(option, "fuel")) set({ fuelLevel: this.fuelLevel });
    else if (pyEquals(option, "battery")) set({ batteryVoltage: this.batteryVoltage });
    else if (pyEquals(option, "doors")) set({ doorStatus: this.doorStatus });
    else if (pyEquals(option, "climate")) {
      set({ currentACTemperature: this.acTemperature, fanSpeed: this.fanSpeed, climateMode: this.acMode, humidityLevel: this.humidityLevel });
    } else if (pyEquals(option, "headlights")) set({ headlightStatus: this.headLightStatus });
    else if (pyEquals(option, "parkingBrake")) {
      set({ parkingBrakeStatus: this.parkingBrakeStatus, parkingBrakeForce: this.parkingBrakeForce, slopeAngle: this.slopeAngle });
    } else if (pyEquals(option, "brakePedal")) set({ brakePedalStatus: this.brakePedalStatus, brakePedalForce: this.brakePedalForce });
    else if (pyEquals(option, "engine")) set({ engineState: this.engineState });
    else set({ error: "Invalid option" });
    return status;
  }

  activateParkingBrake(mode: PyValue): PyValue {
    if (!pyContains(["engage", "release"], mode)) return PyDict.fromRecord({ error: "Invalid mode" });
    const engage = pyEquals(mode, "engage");
    this.parkingBrakeStatus = engage ? "engaged" : "released";
    this.parkingBrakeForce = engage ? 500.0 : 0.0;
    this.slopeAngle = 10.0;
    const result = new PyDict();
    if (this.longContext) result.set("parkingBrakeInstruction", PARKING_BRAKE_INSTRUCTION);
    result.set("parkingBrakeStatus", this.parkingBrakeStatus);
    result.set("_parkingBrakeForce", engage ? 500.0 : 0.0);
    result.set("_slopeAngle", 10.0);
    return result;
  }

  pressBrakePedal(pedalPosition: PyValue): PyValue {
    if (!(pyLe(0n, pedalPosition) && pyLe(pedalPosition, 1n))) return PyDict.fromRecord({ error: "Pedal position must be between 0 and 1." });
    if (pyEquals(pedalPosition, 0n)) {
      this.brakePedalStatus = "released";
      this.brakePedalForce = 0.0;
      return PyDict.fromRecord({ brakePedalStatus: "released", brakePedalForce: 0.0 });
    }
    const force = pyMul(pedalPosition, 1000n);
    this.brakePedalStatus = "pressed";
    this.brakePedalForce = force;
    return PyDict.fromRecord({ brakePedalStatus: "pressed", brakePedalForce: pyFloat(force) });
  }

  releaseBrakePedal(): PyValue {
    this.brakePedalStatus = "released";
    this.brakePedalForce = 0.0;
    return PyDict.fromRecord({ brakePedalStatus: "released", brakePedalForce: 0.0 });
  }

  setCruiseControl(speed: PyValue, activate: PyValue, distanceToNextVehicle: PyValue): PyValue {
    if (pyEquals(this.engineState, "stopped")) return PyDict.fromRecord({ error: "Start the engine before activating the cruise control." });
    if (pyTruthy(activate)) {
      this.distanceToNextVehicle = pyFloat(distanceToNextVehicle);
      if (pyLt(speed, 0n) || pyGt(speed, 120n) || !pyEquals(pyMod(speed, 5n), 0n)) return PyDict.fromRecord({ error: "Invalid speed" });
      this.cruiseStatus = "active";
    } else {
      this.cruiseStatus = "inactive";
      this.distanceToNextVehicle = pyFloat(distanceToNextVehicle);
    }
    return PyDict.fromRecord({
      cruiseStatus: this.cruiseStatus,
      currentSpeed: pyFloat(speed),
      distanceToNextVehicle: pyFloat(distanceToNextVehicle),
    });
  }

  estimateDistance(cityA: PyValue, cityB: PyValue): PyValue {
    const match = DISTANCES.find(([a, b]) => (pyEquals(cityA, a) && pyEquals(cityB, b)) || (pyEquals(cityA, b) && pyEquals(cityB, a)));
    const distance = match ? PyDict.fromRecord({ distance: match[2] }) : PyDict.fromRecord({ error: "distance not found in database." });
    if (this.longContext) distance.set("intermediaryCities", copyConstantList(INTERMEDIARY_CITIES));
    return distance;
  }

  checkTirePressure(): PyValue {
    const pressures = [this.frontLeftTirePressure, this.frontRightTirePressure, this.rearLeftTirePressure, this.rearRightTirePressure];
    const average = pyTrueDivide(pyAdd(pyAdd(pyAdd(pressures[0] as PyValue, pressures[1] as PyValue), pressures[2] as PyValue), pressures[3] as PyValue), 4n);
    const healthy = pyLe(30n, average) && pyLe(average, 35n);
    return PyDict.fromRecord({
      frontLeftTirePressure: this.frontLeftTirePressure,
      frontRightTirePressure: this.frontRightTirePressure,
      rearLeftTirePressure: this.rearLeftTirePressure,
      rearRightTirePressure: this.rearRightTirePressure,
      healthy_tire_pressure: healthy,
      car_info: this.longContext ? CAR_STATUS_METADATA_EXTENSION : new PyDict(),
    });
  }

  protected defineMethods(): Record<string, ApiMethod<VehicleControlAPI>> {
    const method = (parameters: ApiMethod<VehicleControlAPI>["parameters"], invoke: ApiMethod<VehicleControlAPI>["invoke"]): ApiMethod<VehicleControlAPI> => ({ parameters, invoke });
    const arg = (args: PyValue[], index: number): PyValue => args[index] as PyValue;
    return {
      startEngine: method([required("ignitionMode")], (self, a) => self.startEngine(arg(a, 0))),
      fillFuelTank: method([required("fuelAmount")], (self, a) => self.fillFuelTank(arg(a, 0))),
      lockDoors: method([required("unlock"), required("door")], (self, a) => self.lockDoors(arg(a, 0), arg(a, 1))),
      adjustClimateControl: method(
        [required("temperature"), optional("unit", "celsius"), optional("fanSpeed", 50n), optional("mode", "auto")],
        (self, a) => self.adjustClimateControl(arg(a, 0), arg(a, 1), arg(a, 2), arg(a, 3)),
      ),
      get_outside_temperature_from_google: method([], (self) => self.getOutsideTemperatureFromGoogle()),
      get_outside_temperature_from_weather_com: method([], () => PyDict.fromRecord({ error: 404n })),
      setHeadlights: method([required("mode")], (self, a) => self.setHeadlights(arg(a, 0))),
      displayCarStatus: method([required("option")], (self, a) => self.displayCarStatus(arg(a, 0))),
      activateParkingBrake: method([required("mode")], (self, a) => self.activateParkingBrake(arg(a, 0))),
      pressBrakePedal: method([required("pedalPosition")], (self, a) => self.pressBrakePedal(arg(a, 0))),
      releaseBrakePedal: method([], (self) => self.releaseBrakePedal()),
      setCruiseControl: method([required("speed"), required("activate"), required("distanceToNextVehicle")], (self, a) =>
        self.setCruiseControl(arg(a, 0), arg(a, 1), arg(a, 2)),
      ),
      get_current_speed: method([], (self) => PyDict.fromRecord({ currentSpeed: self.random.uniform(0.0, 120.0) })),
      display_log: method([required("messages")], (self, a) => PyDict.fromRecord({ log: arg(a, 0) })),
      estimate_drive_feasibility_by_mileage: method([required("distance")], (self, a) =>
        PyDict.fromRecord({ canDrive: !pyLt(pyMul(self.fuelLevel, MILE_PER_GALLON), arg(a, 0)) }),
      ),
      liter_to_gallon: method([required("liter")], (self, a) => PyDict.fromRecord({ gallon: pyMul(arg(a, 0), 0.264172) })),
      gallon_to_liter: method([required("gallon")], (self, a) => PyDict.fromRecord({ liter: pyMul(arg(a, 0), 3.78541) })),
      estimate_distance: method([required("cityA"), required("cityB")], (self, a) => self.estimateDistance(arg(a, 0), arg(a, 1))),
      get_zipcode_based_on_city: method([required("city")], (self, a) => {
        const zip = ZIP_CODES.find(([city]) => pyEquals(arg(a, 0), city));
        return PyDict.fromRecord({ zipcode: zip ? zip[1] : "00000" });
      }),
      set_navigation: method([required("destination")], (self, a) => {
        self.destination = arg(a, 0);
        return PyDict.fromRecord({ status: pyAdd("Navigating to ", arg(a, 0)) });
      }),
      check_tire_pressure: method([], (self) => self.checkTirePressure()),
      find_nearest_tire_shop: method([], () => PyDict.fromRecord({ shopLocation: "456 Oakwood Avenue, Rivermist, 83214" })),
    };
  }
}

