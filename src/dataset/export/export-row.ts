// What every exporter returns: the row in the trainer's format and what (if anything) that format could not hold —
// a loss is always declared, so an export never drops information silently.
export interface ExportedRow {
  row: unknown;
  /** Loss kinds, e.g. "reasoning-dropped", "text-beside-calls-dropped"; empty when the row survives exactly. */
  losses: string[];
}

export const exportFormats = ["openai", "trl", "sharegpt", "axolotl", "hermes"] as const;
export type ExportFormat = (typeof exportFormats)[number];
