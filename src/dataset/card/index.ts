// Public surface of the dataset card (re-exported by the dataset room's index.ts).
export { renderDatasetCard } from "./dataset-card.js";
export type { CardInput, DatasetCard } from "./dataset-card.js";
export { horizontalBars, tokenHistogramChart } from "./svg-charts.js";
export type { Bar } from "./svg-charts.js";
