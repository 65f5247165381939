// BFCL's two string standardisations: one for AST argument values, one for agentic answers.

const astStripped = /[ ,./\-_*^]/g;
const agenticStripped = /[,./\-_*^()]/g;

/** AST checker: drop spaces and `,./-_*^`, lowercase, `'` → `"`. */
export function standardizeAstString(text: string): string {
  return text.replace(astStripped, "").toLowerCase().replaceAll("'", '"');
}

/** Agentic checker: drop `,./-_*^()` (spaces stay), lowercase, `'` → `"`. */
export function standardizeAgenticString(text: string): string {
  return text.replace(agenticStripped, "").toLowerCase().replaceAll("'", '"');
}
