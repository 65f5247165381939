// Name globs for tool and area matchers: `*` is any run of characters, `?` exactly one; everything else is literal.

export function globToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`);
}

/** One test for a list of globs; plain names are compared without a regular expression. */
export function nameMatcher(patterns: string | string[]): (name: string) => boolean {
  const list = Array.isArray(patterns) ? patterns : [patterns];
  const exact = new Set(list.filter((pattern) => !/[*?]/.test(pattern)));
  const globs = list.filter((pattern) => /[*?]/.test(pattern)).map(globToRegExp);
  if (globs.length === 0) return (name) => exact.has(name);
  return (name) => exact.has(name) || globs.some((glob) => glob.test(name));
}
