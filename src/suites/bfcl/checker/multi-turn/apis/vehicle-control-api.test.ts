// VehicleControlAPI: the engine start sequence, fuel, doors, brakes, cruise control and trip helpers.
import { describe, expect, it } from "vitest";
import { apiHarness } from "../test-support/api-harness.js";

describe("VehicleControlAPI", () => {
  it("starts the engine only with every door locked and the brake fully pressed", () => {
    const { run, api } = apiHarness(["VehicleControlAPI"], '{"VehicleControlAPI": {"fuelLevel": 10.0}}');
    expect(run("startEngine(ignitionMode='START')", "lockDoors(unlock=False, door=['driver', 'passenger', 'rear_left', 'rear_right'])", "startEngine(ignitionMode='START')", "pressBrakePedal(pedalPosition=0.5)", "startEngine(ignitionMode='START')", "pressBrakePedal(pedalPosition=1)", "startEngine(ignitionMode='START')", "startEngine()")).toEqual([
      '{"error": "All doors must be locked before starting the engine. Here are the unlocked doors: driver, passenger, rear_left, rear_right"}',
      '{"lockStatus": "locked", "remainingUnlockedDoors": 0}',
      '{"error": "Brake pedal needs to be pressed when starting the engine."}',
      '{"brakePedalStatus": "pressed", "brakePedalForce": 500.0}',
      '{"error": "Must press the brake fully before starting the engine."}',
      '{"brakePedalStatus": "pressed", "brakePedalForce": 1000.0}',
      '{"engineState": "running", "fuelLevel": 10.0, "batteryVoltage": 12.6}',
      "Error during execution: VehicleControlAPI.startEngine() missing 1 required positional argument: 'ignitionMode'",
    ]);
    expect(Object.fromEntries(api("VehicleControlAPI").publicState()).engine_state).toBe("running");
  });

  it("fills the tank within capacity, keeping float and int arithmetic apart", () => {
    const { run } = apiHarness(["VehicleControlAPI"], '{"VehicleControlAPI": {"fuelLevel": 2.0}}');
    expect(run("fillFuelTank(fuelAmount=2.64)", "fillFuelTank(fuelAmount=100)", "fillFuelTank(fuelAmount=-1)", "gallon_to_liter(gallon=30)", "liter_to_gallon(liter=20)", "estimate_drive_feasibility_by_mileage(distance=300)")).toEqual([
      '{"fuelLevel": 4.640000000000001}',
      '{"error": "Cannot fill gas above the tank capacity."}',
      '{"error": "Fuel amount cannot be negative."}',
      '{"liter": 113.56230000000001}',
      '{"gallon": 5.283440000000001}',
      '{"canDrive": false}',
    ]);
    const ints = apiHarness(["VehicleControlAPI"], JSON.stringify({ VehicleControlAPI: { fuelLevel: 10 } }));
    expect(ints.one("fillFuelTank(fuelAmount=30)")).toBe('{"fuelLevel": 40}');
  });

  it("controls climate, lights, parking brake and cruise control", () => {
    const { run } = apiHarness(["VehicleControlAPI"], JSON.stringify({ VehicleControlAPI: { engineState: "running" } }));
    expect(run("adjustClimateControl(temperature=77, unit='fahrenheit')", "displayCarStatus(option='climate')", "setHeadlights(mode='auto')", "activateParkingBrake(mode='engage')", "setCruiseControl(speed=62, activate=True, distanceToNextVehicle=100)", "setCruiseControl(speed=65, activate=True, distanceToNextVehicle=100)", "displayCarStatus(option='wings')")).toEqual([
      '{"currentACTemperature": 77, "climateMode": "auto", "humidityLevel": 50.0}',
      '{"currentACTemperature": 25.0, "fanSpeed": 50, "climateMode": "auto", "humidityLevel": 50.0}',
      '{"headlightStatus": "off"}',
      '{"parkingBrakeStatus": "engaged", "_parkingBrakeForce": 500.0, "_slopeAngle": 10.0}',
      '{"error": "Invalid speed"}',
      '{"cruiseStatus": "active", "currentSpeed": 65.0, "distanceToNextVehicle": 100.0}',
      '{"error": "Invalid option"}',
    ]);
  });

  it("answers trip questions and draws seeded readings", () => {
    const { run } = apiHarness(["VehicleControlAPI"]);
    expect(run("get_zipcode_based_on_city(city='Rivermist')", "estimate_distance(cityA='74532', cityB='83214')", "estimate_distance(cityA='1', cityB='2')", "check_tire_pressure()", "get_outside_temperature_from_google()", "get_outside_temperature_from_weather_com()", "set_navigation(destination='Home')")).toEqual([
      '{"zipcode": "83214"}',
      '{"distance": 750.0}',
      '{"error": "distance not found in database."}',
      '{"frontLeftTirePressure": 32.0, "frontRightTirePressure": 32.0, "rearLeftTirePressure": 30.0, "rearRightTirePressure": 30.0, "healthy_tire_pressure": true, "car_info": {}}',
      '{"outsideTemperature": 36.63485703790535}',
      '{"error": 404}',
      '{"status": "Navigating to Home"}',
    ]);
  });
});
