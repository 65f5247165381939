// The tokens step: counts every row with the target template and tokenizer, fits rows to the context, and reports it all.
import type { DatasetRecord, RowProblem } from "../record.js";
import type { RowTokenCount, TokenCounter } from "./count-tokens.js";
import type { DroppedRow, FitAction, FitStrategy } from "./fit-context.js";
import { fitRowToContext, isDropped } from "./fit-context.js";

export interface TokenStepOptions {
  counter: TokenCounter;
  /** The training context in tokens; rows over it go through `strategies`. Unset: count only. */
  maxTokens?: number;
  strategies?: readonly FitStrategy[];
}

export interface TokenHistogramBin {
  /** Lower bound (inclusive) of the bin, in tokens. */
  from: number;
  to: number;
  rows: number;
}

export interface TokenReport {
  template: string;
  tokenizer: string;
  maxTokens?: number;
  strategies: FitStrategy[];
  rows: number;
  kept: number;
  totalTokens: number;
  trainedTokens: number;
  maxRowTokens: number;
  p50: number;
  p95: number;
  /** Before fitting: what the raw rows need, against the context line. */
  histogram: TokenHistogramBin[];
  actions: FitAction[];
  dropped: DroppedRow[];
  /** Rows the template refused (raise_exception, missing fields): located, never silently lost. */
  refused: RowProblem[];
}

export interface TokenStepRow {
  record: DatasetRecord;
  count: RowTokenCount;
}

/** Runs the step over a stream of records: yields each kept row with its final count; `report()` is complete after the last. */
export function runTokenStep(records: AsyncIterable<DatasetRecord> | Iterable<DatasetRecord>, options: TokenStepOptions) {
  const { counter, maxTokens } = options;
  const strategies = [...(options.strategies ?? (maxTokens === undefined ? [] : ["drop"]))] as FitStrategy[];
  const rawCounts: number[] = [];
  const actions: FitAction[] = [];
  const dropped: DroppedRow[] = [];
  const refused: RowProblem[] = [];
  let kept = 0;
  let totalTokens = 0;
  let trainedTokens = 0;

  async function* rows(): AsyncGenerator<TokenStepRow> {
    for await (const record of records) {
      let total: number;
      try {
        total = counter.countTotal(record);
      } catch (error) {
        refused.push({ rowId: record.meta.id, kind: "template-refused", message: (error as Error).message });
        continue;
      }
      rawCounts.push(total);
      let result: TokenStepRow;
      try {
        if (maxTokens !== undefined && total > maxTokens) {
          const fitted = fitRowToContext(record, counter, maxTokens, strategies);
          if (isDropped(fitted)) {
            dropped.push(fitted);
            continue;
          }
          actions.push(...fitted.actions);
          result = { record: fitted.record, count: fitted.count };
        } else {
          result = { record, count: counter.count(record) };
        }
      } catch (error) {
        // A prefix of the conversation can be refused even when the whole is not (a template checking the last turn).
        refused.push({ rowId: record.meta.id, kind: "template-refused", message: (error as Error).message });
        continue;
      }
      kept += 1;
      totalTokens += result.count.tokens;
      trainedTokens += result.count.trainedTokens;
      yield result;
    }
  }

  function report(): TokenReport {
    const sorted = [...rawCounts].sort((a, b) => a - b);
    return {
      template: counter.template.name,
      tokenizer: counter.tokenizer.name,
      ...(maxTokens === undefined ? {} : { maxTokens }),
      strategies,
      rows: rawCounts.length + refused.length,
      kept,
      totalTokens,
      trainedTokens,
      maxRowTokens: sorted.at(-1) ?? 0,
      p50: percentile(sorted, 0.5),
      p95: percentile(sorted, 0.95),
      histogram: tokenHistogram(sorted, maxTokens),
      actions,
      dropped,
      refused,
    };
  }

  return { rows: rows(), report };
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
}

/** Twenty equal bins from 0 to the larger of the longest row and the context, so the context line always shows. */
function tokenHistogram(counts: readonly number[], maxTokens?: number, bins = 20): TokenHistogramBin[] {
  if (counts.length === 0) return [];
  const top = Math.max(counts.reduce((a, b) => (a > b ? a : b), 0), maxTokens ?? 0, 1);
  const width = Math.max(1, Math.ceil(top / bins));
  const histogram = Array.from({ length: bins }, (_, index) => ({ from: index * width, to: (index + 1) * width, rows: 0 }));
  for (const count of counts) (histogram[Math.min(bins - 1, Math.floor(count / width))] as TokenHistogramBin).rows += 1;
  return histogram;
}
