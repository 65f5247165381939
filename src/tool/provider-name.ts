// Provider-safe tool names: most providers accept only ^[a-zA-Z0-9_-]{1,64}$, so `crm.lookup` travels as `crm_lookup`.
const providerNamePattern = /^[a-zA-Z0-9_-]{1,64}$/;

export function isProviderSafeName(name: string): boolean {
  return providerNamePattern.test(name);
}

/**
 * A name every provider accepts, unique among `taken`. Safe names are kept as they are; others have each
 * unsupported character replaced by `_`, are cut to 64 characters, and get a numeric suffix on collision.
 */
export function toProviderName(name: string, taken: ReadonlySet<string>): string {
  if (isProviderSafeName(name) && !taken.has(name)) return name;
  const base = (name.replace(/[^a-zA-Z0-9_-]/g, "_") || "tool").slice(0, 64);
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix++) {
    const candidate = `${base.slice(0, 64 - String(suffix).length - 1)}_${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
