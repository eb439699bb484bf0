import type { Plugin } from "esbuild";
import { dirname, join } from "node:path";

/** Finds the nearest `deno.json` at or above `dir`. */
export async function findDenoJson(dir: string): Promise<string> {
  for (let current = dir;;) {
    const candidate = join(current, "deno.json");
    try {
      await Deno.stat(candidate);
      return candidate;
    } catch {
      const parent = dirname(current);
      if (parent === current) {
        throw new Error(`No deno.json found at or above ${dir}`);
      }
      current = parent;
    }
  }
}

/** `npm:/preact@10.1.0/hooks` → `preact/hooks`, as Node resolution wants. */
export function npmToBare(specifier: string): string {
  const rest = specifier.slice("npm:".length).replace(/^\//, "");
  const scoped = rest.startsWith("@");
  const parts = rest.split("/");
  const nameParts = parts.slice(0, scoped ? 2 : 1);
  nameParts[nameParts.length - 1] = nameParts[nameParts.length - 1]
    .replace(/@[^@]*$/, "");
  return [...nameParts, ...parts.slice(scoped ? 2 : 1)]
    .filter((p, i) => i < nameParts.length || p !== "")
    .join("/");
}

/** Maps a specifier through the import map: exact keys, then prefixes. */
export function mapSpecifier(
  imports: Record<string, string>,
  specifier: string,
): string | null {
  if (Object.hasOwn(imports, specifier)) return imports[specifier];
  let best: string | null = null;
  for (const key of Object.keys(imports)) {
    if (
      key.endsWith("/") && specifier.startsWith(key) &&
      (best === null || key.length > best.length)
    ) best = key;
  }
  return best === null ? null : imports[best] + specifier.slice(best.length);
}

/**
 * An esbuild plugin that resolves the way Deno does for our islands:
 * through `deno.json` imports, with `npm:` specifiers read from the local
 * `node_modules` (created by `"nodeModulesDir": "auto"`).
 */
export function importMapPlugin(denoJsonPath: string): Plugin {
  return {
    name: "deno-import-map",
    async setup(build) {
      const config = JSON.parse(await Deno.readTextFile(denoJsonPath));
      const imports: Record<string, string> = config.imports ?? {};
      const configDir = dirname(denoJsonPath);
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.mapped) return undefined;
        let target = args.path;
        if (!/^(\.|\/|npm:)/.test(target)) {
          const mapped = mapSpecifier(imports, target);
          if (mapped === null) return undefined;
          if (mapped.startsWith("./") || mapped.startsWith("../")) {
            return { path: join(configDir, mapped) };
          }
          target = mapped;
        }
        if (/^(jsr:|https?:)/.test(target)) {
          return {
            errors: [{ text: `Cannot bundle ${target} for the browser` }],
          };
        }
        if (!target.startsWith("npm:")) return undefined;
        const result = await build.resolve(npmToBare(target), {
          kind: args.kind,
          resolveDir: configDir,
          pluginData: { mapped: true },
        });
        return result.errors.length > 0 ? { errors: result.errors } : {
          path: result.path,
        };
      });
    },
  };
}
