// A module-resolution hook for startup tests: appends every URL the process resolves to the file named by TOOLGATE_RESOLVE_LOG.
import { appendFileSync } from "node:fs";

export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.TOOLGATE_RESOLVE_LOG, `${result.url}\n`);
  return result;
}
