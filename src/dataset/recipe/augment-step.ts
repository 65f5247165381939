// The `augment` recipe step: value-swap variants of every row whose argument values the user typed. Place it before
// dedupe and leakage, so both check the variants (a variant too close to a held-back case is removed like any row).
import { z } from "zod";
import type { JsonObject } from "../record.js";
import { augmentRecords } from "../augment/augment.js";
import { registerRecipeStep } from "./recipe-step.js";

registerRecipeStep({
  name: "augment",
  description: "value-swap augmentation: variants of each row with the argument values the user typed replaced by fresh values of the same shape, re-verified",
  options: z.strictObject({
    variants: z.number().int().min(1),
    minLength: z.number().int().min(1).optional(),
    dateSpanDays: z.number().int().min(1).optional(),
    shapes: z.array(z.enum(["date", "number", "digits", "pooled"])).min(1).optional(),
    attempts: z.number().int().min(1).optional(),
  }),
  async run(context, options) {
    const { records, report } = augmentRecords(context.records, { ...options, seed: context.seed });
    context.records = records;
    context.log(`  ${report.rows} rows, ${report.swappable} with values to swap → ${report.variants} variants (${report.rejected.length} given up after failing verify) → ${report.rowsAfter} rows`);
    return JSON.parse(JSON.stringify({ ...report, rejected: report.rejected.slice(0, 200), rejectedCount: report.rejected.length })) as JsonObject;
  },
});
