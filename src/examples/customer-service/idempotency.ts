// Makes a write safe to retry: the first result is stored under the call's idempotency key and replayed.
import { digestOf, type ToolEffect } from "../../record/index.js";
import type { ToolContext } from "../../tool/index.js";
import type { CustomerServiceDatabase } from "./database.js";

export interface WriteOutcome<Result> {
  result: Result;
  /** Declared only after the transaction commits, so a rolled-back write never claims an effect. */
  effects: ToolEffect[];
}

export interface IdempotentWrite {
  database: CustomerServiceDatabase;
  tool: string;
  args: unknown;
  context: ToolContext;
  now: Date;
}

/**
 * Runs `write` in one IMMEDIATE transaction (taking the write lock up front, so the checks it makes
 * still hold when it writes). A key seen before returns the stored result and writes nothing; a key
 * reused with different arguments is refused rather than silently answered with another call's result.
 */
export function runIdempotentWrite<Result>(request: IdempotentWrite, write: () => WriteOutcome<Result>): Result {
  const { database, tool, args, context, now } = request;
  context.signal.throwIfAborted();
  const key = context.idempotencyKey;
  const argumentsDigest = digestOf(args ?? null);

  const transaction = database.transaction((): { replayed: boolean; resultJson: string; effects: ToolEffect[] } => {
    if (key) {
      const stored = database
        .prepare("SELECT arguments_digest, result_json FROM idempotency_keys WHERE tool = ? AND key = ?")
        .get(tool, key) as { arguments_digest: string; result_json: string } | undefined;
      if (stored) {
        if (stored.arguments_digest !== argumentsDigest) {
          throw new Error(`idempotency key ${key} was already used for a different ${tool} call; a new call needs a new key`);
        }
        return { replayed: true, resultJson: stored.result_json, effects: [] };
      }
    }
    const outcome = write();
    const resultJson = JSON.stringify(outcome.result);
    if (key) {
      database
        .prepare("INSERT INTO idempotency_keys (tool, key, arguments_digest, result_json, created_at) VALUES (?, ?, ?, ?, ?)")
        .run(tool, key, argumentsDigest, resultJson, now.toISOString());
    }
    return { replayed: false, resultJson, effects: outcome.effects };
  });

  const outcome = transaction.immediate();
  for (const effect of outcome.effects) context.recordEffect(effect);
  // Both paths return the parsed copy, so a first run and its replay are indistinguishable.
  return JSON.parse(outcome.resultJson) as Result;
}
