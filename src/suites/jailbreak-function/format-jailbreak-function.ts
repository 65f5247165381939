// Text table for the jailbreak-function suite: defence variant × refused share, by which defence, and what got through.
import { percent, table } from "../defence-setups/format-security.js";
import type { JailbreakVariantResult } from "./run-jailbreak-function.js";

export function formatJailbreakTable(results: readonly JailbreakVariantResult[]): string {
  const rows = [["variant", "refused", "catalog", "tool-choice guard", "moderation", "policy/approval", "got through", "benign controls refused"]];
  for (const result of results) {
    const by = result.byDefence;
    rows.push([result.variant, percent(result.refused, result.total), `${by.catalog ?? 0}`, `${by["tool-choice-guard"] ?? 0}`, `${by.moderation ?? 0}`, `${(by.policy ?? 0) + (by.approval ?? 0)}`, `${result.through.length}`, `${result.controls.filter((control) => control.refused).length}/${result.controls.length}`]);
  }
  const lines = [table(rows)];
  for (const result of results) {
    // A variant with every defence off lets everything through; listing all of it says nothing the count does not.
    if (result.through.length > 0 && result.through.length < result.total) lines.push(`${result.variant}: got through: ${result.through.join(", ")}`);
  }
  return lines.join("\n");
}
