// The rate limits every gate applies unless told otherwise: writes and privileged calls per principal per minute.
import type { Limit } from "./limit.js";

/**
 * Generous for a person's assistant (two writes a second, a privileged call every few seconds), far below what a
 * hijacked loop would do: the per-step and per-run call caps bound one run, these bound a principal across runs and
 * processes when the counters are shared (`--limits`, a SQLite file or PostgreSQL).
 */
export const defaultRateLimits: readonly Limit[] = [
  { id: "limit:writes-per-principal", max: 120, windowMs: 60_000, per: "principal", measure: "calls", risks: ["write"] },
  { id: "limit:privileged-per-principal", max: 20, windowMs: 60_000, per: "principal", measure: "calls", risks: ["privileged"] },
];
