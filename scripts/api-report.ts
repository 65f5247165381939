// The public API report: every package.json export's names and kinds, read from the sources; `npm run api:report` writes api/*.api.md.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

export interface EntryPoint {
  /** The package.json export key: ".", "./audit", … */
  subpath: string;
  /** The import specifier a user writes: toolgate, toolgate/audit, … */
  specifier: string;
  /** The source file the export's built file comes from. */
  source: string;
  /** The checked-in report. */
  report: string;
}

/** The entry points package.json exports, each mapped from dist/X.js back to src/X.ts. */
export function entryPoints(root: string): EntryPoint[] {
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { name: string; exports: Record<string, string | { import?: string }> };
  return Object.entries(manifest.exports)
    .filter(([subpath]) => subpath !== "./package.json")
    .map(([subpath, target]) => {
      const built = typeof target === "string" ? target : target.import;
      if (!built?.startsWith("./dist/") || !built.endsWith(".js")) throw new Error(`package.json exports["${subpath}"]: expected ./dist/<file>.js, got ${String(built)}`);
      const name = subpath === "." ? manifest.name : `${manifest.name}/${subpath.slice(2)}`;
      return { subpath, specifier: name, source: join(root, "src", `${built.slice("./dist/".length, -".js".length)}.ts`), report: join(root, "api", `${name.replace("/", ".")}.api.md`) };
    });
}

/** What each export is, as a reader of the report needs to know it: a value they can call or construct, or a type. */
function kindOf(checker: ts.TypeChecker, exported: ts.Symbol): string {
  const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
  const typeOnly = exported.declarations?.some((declaration) => ts.isTypeOnlyExportDeclaration(declaration) || (ts.isExportSpecifier(declaration) && declaration.parent.parent.isTypeOnly)) ?? false;
  const flags = target.flags;
  const kind =
    flags & ts.SymbolFlags.Class
      ? "class"
      : flags & ts.SymbolFlags.Function
        ? "function"
        : flags & ts.SymbolFlags.Enum
          ? "enum"
          : flags & ts.SymbolFlags.Variable
            ? "const"
            : flags & ts.SymbolFlags.Interface
              ? "interface"
              : flags & ts.SymbolFlags.TypeAlias
                ? "type"
                : flags & ts.SymbolFlags.Module
                  ? "namespace"
                  : "unknown";
  return typeOnly && kind !== "interface" && kind !== "type" ? `type-only ${kind}` : kind;
}

/** The report text of every entry point, from one type-checked program over the sources. */
export function buildApiReports(root: string): Map<EntryPoint, string> {
  const entries = entryPoints(root);
  const program = ts.createProgram(
    entries.map((entry) => entry.source),
    { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true, skipLibCheck: true, types: ["node"], resolveJsonModule: true },
  );
  const checker = program.getTypeChecker();
  const reports = new Map<EntryPoint, string>();
  for (const entry of entries) {
    const file = program.getSourceFile(entry.source);
    const module = file && checker.getSymbolAtLocation(file);
    if (!module) throw new Error(`${entry.source}: not found or not a module (package.json exports["${entry.subpath}"])`);
    const rows = checker
      .getExportsOfModule(module)
      .map((exported) => ({ name: exported.getName(), kind: kindOf(checker, exported) }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const width = Math.max(...rows.map((row) => row.kind.length));
    reports.set(
      entry,
      [
        `# \`${entry.specifier}\`: ${rows.length} exports`,
        "",
        `<!-- Generated from ${relative(root, entry.source)} by \`npm run api:report\`; test/api-report.test.ts fails when the code's exports differ from this file. -->`,
        "",
        "```",
        ...rows.map((row) => `${row.kind.padEnd(width)}  ${row.name}`),
        "```",
        "",
      ].join("\n"),
    );
  }
  return reports;
}

// `tsx scripts/api-report.ts`: rewrite the checked-in reports.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/.*\/scripts\//, "/scripts/"))) {
  const root = join(import.meta.dirname, "..");
  mkdirSync(join(root, "api"), { recursive: true });
  for (const [entry, text] of buildApiReports(root)) {
    writeFileSync(entry.report, text);
    console.log(`${relative(root, entry.report)}: ${text.split("\n")[0]}`);
  }
}
