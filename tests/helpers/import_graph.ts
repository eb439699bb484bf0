/**
 * The app's import graph as Deno resolves it (`deno info --json`), reduced
 * to what the boundary tests need: repo-relative module names and, per
 * import, whether it survives compilation (`import type` does not) and
 * whether it is dynamic.
 *
 * All entries are resolved in ONE `deno info` run: a throwaway module that
 * imports every entry is the root, so the whole app costs about 0.1 s.
 *
 * @module
 */
import { relative } from "node:path";
import { fileURLToPath as fromFileUrl } from "node:url";

/** The repository root, as a path. */
export const REPO_ROOT: string = fromFileUrl(new URL("../../", import.meta.url))
  .replace(/\/$/, "");

/** One import of a module. */
export interface ImportEdge {
  /** The module imported, in {@linkcode moduleName} form. */
  to: string;
  /** The specifier as written in the source, e.g. `@/lib/policy.ts`. */
  written: string;
  /** 1-based line of the import. */
  line: number;
  /** `import type` only: erased at compile time, never loaded. */
  typeOnly: boolean;
  /** `import()`: loaded on demand (and still bundled for the browser). */
  dynamic: boolean;
}

/** Module name → its imports. */
export type ImportGraph = Map<string, ImportEdge[]>;

/** An {@linkcode ImportGraph} and what Deno could not resolve in it. */
export interface LoadedGraph {
  graph: ImportGraph;
  /** `module: error`, e.g. a missing file; empty when all resolved. */
  unresolved: string[];
}

/**
 * The name tests and messages use for a module: a repo-relative path for
 * our files (`lib/policy.ts`), `npm:<package>` for npm packages
 * (`npm:zod`), and the specifier itself for anything else (`node:crypto`).
 */
export function moduleName(specifier: string): string {
  if (specifier.startsWith("file:")) {
    return relative(REPO_ROOT, fromFileUrl(specifier));
  }
  if (specifier.startsWith("npm:")) return `npm:${npmPackageName(specifier)}`;
  return specifier;
}

/** `npm:/@preact/signals@2.11.4/x` → `@preact/signals`. */
export function npmPackageName(specifier: string): string {
  const bare = specifier.replace(/^npm:\/?/, "");
  const parts = bare.split("/");
  const name = bare.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
  return name.replace(/(.)@.*$/, "$1");
}

interface InfoSpan {
  start: { line: number };
}
interface InfoResolved {
  specifier?: string;
  error?: string;
  span?: InfoSpan;
}
interface InfoDependency {
  specifier: string;
  code?: InfoResolved;
  type?: InfoResolved;
  isDynamic?: boolean;
}
interface InfoModule {
  specifier: string;
  error?: string;
  dependencies?: InfoDependency[];
}
interface InfoOutput {
  modules: InfoModule[];
  redirects: Record<string, string>;
}

/** Turns `deno info --json` output into a {@linkcode LoadedGraph}. */
export function graphFromInfo(info: InfoOutput, skip: string): LoadedGraph {
  const graph: ImportGraph = new Map();
  const problems: string[] = [];
  for (const mod of info.modules) {
    if (mod.specifier === skip) continue;
    const from = moduleName(mod.specifier);
    if (mod.error) problems.push(`${from}: ${mod.error}`);
    const edges: ImportEdge[] = [];
    for (const dep of mod.dependencies ?? []) {
      // `code` is what runs; a dependency with only `type` is `import type`.
      const resolved = dep.code ?? dep.type;
      if (resolved?.error) problems.push(`${from}: ${resolved.error}`);
      if (resolved?.specifier === undefined) continue;
      const target = info.redirects[resolved.specifier] ?? resolved.specifier;
      edges.push({
        to: moduleName(target),
        written: dep.specifier,
        line: (resolved.span?.start.line ?? 0) + 1,
        typeOnly: dep.code === undefined,
        dynamic: dep.isDynamic === true,
      });
    }
    graph.set(from, edges);
  }
  return { graph, unresolved: problems };
}

/**
 * The import graph reachable from `entries` (repo-relative paths), from one
 * `deno info --json` run with the repo's `deno.json`.
 */
export async function loadImportGraph(
  entries: readonly string[],
): Promise<LoadedGraph> {
  const root = await Deno.makeTempFile({ prefix: "entries_", suffix: ".ts" });
  try {
    await Deno.writeTextFile(
      root,
      entries.map((e) => `import "file://${REPO_ROOT}/${e}";\n`).join(""),
    );
    const { success, stdout, stderr } = await new Deno.Command(
      Deno.execPath(),
      {
        args: ["info", "--json", "--config", `${REPO_ROOT}/deno.json`, root],
        cwd: REPO_ROOT,
        stdout: "piped",
        stderr: "piped",
      },
    ).output();
    const decoder = new TextDecoder();
    if (!success) {
      throw new Error(`deno info failed: ${decoder.decode(stderr)}`);
    }
    const info = JSON.parse(decoder.decode(stdout)) as InfoOutput;
    return graphFromInfo(info, `file://${root}`);
  } finally {
    await Deno.remove(root);
  }
}

/** Repo-relative paths of the files under `dir` whose names match `pattern`. */
export async function filesUnder(
  dir: string,
  pattern: RegExp,
): Promise<string[]> {
  const found: string[] = [];
  const walk = async (rel: string) => {
    for await (const entry of Deno.readDir(`${REPO_ROOT}/${rel}`)) {
      const path = `${rel}/${entry.name}`;
      if (entry.isDirectory) await walk(path);
      else if (pattern.test(entry.name)) found.push(path);
    }
  };
  await walk(dir);
  return found.sort();
}
