// One checker verdict: valid, or BFCL's error type with the messages that explain it.

export type CheckResult = { valid: true } | { valid: false; errorType: string; errors: string[] };

export const valid: CheckResult = { valid: true };

export const invalid = (errorType: string, ...errors: string[]): CheckResult => ({ valid: false, errorType, errors });
