// Public surface of the dataset card (re-exported by the dataset room's index.ts).
export { renderDatasetCard } from "./dataset-card.js";
export type { CardInput } from "./dataset-card.js";
