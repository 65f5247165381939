// The eight simulated APIs by the class names BFCL questions list in `involved_classes`.
import type { ReferenceRuntime } from "../reference-runtime.js";
import { GorillaFileSystem } from "./gorilla-file-system.js";
import { MathAPI } from "./math-api.js";
import { MessageAPI } from "./message-api.js";
import type { SimulatedApi } from "./simulated-api.js";
import { TicketAPI } from "./ticket-api.js";
import { TradingBot } from "./trading-bot.js";
import { TravelAPI } from "./travel-api.js";
import { TwitterAPI } from "./twitter-api.js";
import { VehicleControlAPI } from "./vehicle-control-api.js";

const FACTORIES: Record<string, (runtime: ReferenceRuntime) => SimulatedApi> = {
  GorillaFileSystem: () => new GorillaFileSystem(),
  MathAPI: () => new MathAPI(),
  MessageAPI: () => new MessageAPI(),
  TwitterAPI: (runtime) => new TwitterAPI(runtime),
  TicketAPI: () => new TicketAPI(),
  TradingBot: () => new TradingBot(),
  TravelAPI: (runtime) => new TravelAPI(runtime),
  VehicleControlAPI: (runtime) => new VehicleControlAPI(runtime),
};

/** Classes the reference never loads a scenario into. */
export const STATELESS_CLASSES: ReadonlySet<string> = new Set(["MathAPI"]);

export const SIMULATED_API_CLASSES: readonly string[] = Object.keys(FACTORIES);

/** Thrown for a class name BFCL's multi-turn backends do not have. */
export class UnknownApiClassError extends Error {
  constructor(readonly className: string) {
    super(`unknown simulated API class "${className}": involved_classes may only name ${SIMULATED_API_CLASSES.join(", ")}`);
    this.name = "UnknownApiClassError";
  }
}

export function createApi(className: string, runtime: ReferenceRuntime): SimulatedApi {
  const factory = Object.hasOwn(FACTORIES, className) ? FACTORIES[className] : undefined;
  if (!factory) throw new UnknownApiClassError(className);
  return factory(runtime);
}
