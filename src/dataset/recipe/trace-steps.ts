// The recipe step that reads toolgate's own captured runs (`import-traces`), with the audit head it read them at, so a
// bundle's manifest can say exactly which trail the training rows came from.
import { isAbsolute, resolve } from "node:path";
import { z } from "zod";
import { openAuditStore } from "../../audit/index.js";
import { openCaptureStore } from "../../capture/index.js";
import type { JsonObject } from "../record.js";
import { createImportSummary } from "../import/import-file.js";
import { importTraces } from "../import/import-trace.js";
import type { RecipeContext } from "./recipe-step.js";
import { registerRecipeStep } from "./recipe-step.js";

/** A relative `sqlite:` path resolves against the recipe's folder, as files do. */
const storeUrl = (context: RecipeContext, url: string) =>
  url.startsWith("sqlite:") && !url.startsWith("sqlite::memory:") && !isAbsolute(url.slice("sqlite:".length)) ? `sqlite:${resolve(context.baseDir, url.slice("sqlite:".length))}` : url;

const isoTime = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), "must be a date or time, e.g. 2026-12-01 or 2026-12-01T09:00:00Z")
  .transform((value) => new Date(Date.parse(value)).toISOString());

registerRecipeStep({
  name: "import-traces",
  description: "rows from runs captured with --capture, joined with their audit trail and kept only if the gate (and eval) approved them",
  options: z.strictObject({
    capture: z.string().min(1),
    audit: z.string().min(1),
    principal: z.string().min(1).optional(),
    since: isoTime.optional(),
    until: isoTime.optional(),
    evalPassed: z.boolean().optional(),
    allowTainted: z.boolean().optional(),
    licence: z.string().optional(),
  }),
  async run(context, options) {
    const capture = await openCaptureStore(storeUrl(context, options.capture), { cwd: context.baseDir, readOnly: true });
    try {
      const audit = await openAuditStore(storeUrl(context, options.audit), { cwd: context.baseDir, readOnly: true });
      try {
        const head = await audit.head();
        const summary = createImportSummary(capture.url);
        const { capture: _capture, audit: _audit, ...filters } = options;
        for await (const outcome of importTraces({ capture, audit, ...Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)) })) {
          summary.add(outcome);
          if (outcome.record) context.records.push(outcome.record);
          else context.log(`  left out ${outcome.problem.rowId}: ${outcome.problem.kind}: ${outcome.problem.message}`);
        }
        const leftOut: Record<string, number> = {};
        for (const problem of summary.problems) leftOut[problem.kind] = (leftOut[problem.kind] ?? 0) + 1;
        return JSON.parse(
          JSON.stringify({
            capture: capture.url,
            audit: audit.url,
            auditHead: head ? { seq: head.headSeq, hash: head.headHash, signedAt: head.signedAt } : null,
            filters,
            imported: summary.imported,
            leftOut,
            repairs: summary.repairs,
            rows: context.records.length,
          }),
        ) as JsonObject;
      } finally {
        await audit.close();
      }
    } finally {
      await capture.close();
    }
  },
});
