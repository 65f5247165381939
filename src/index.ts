// toolgate: governed function calling for TypeScript. The public API, room by room.
export * from "./tool/index.js";
export * from "./gate/index.js";
export * from "./policy/index.js";
export * from "./agent/index.js";
export * from "./model/index.js";
export type { JsonValue, JsonObject } from "./record/index.js";
export { canonicalJson, digestOf } from "./record/index.js";
