import * as esbuild from "esbuild";
import { relative } from "node:path";
import { importMapPlugin } from "./import_map.ts";

/** One bundled browser file. */
export interface BundleFile {
  /** File name inside the output folder, e.g. `Counter-AB12CD34.js`. */
  name: string;
  contents: Uint8Array;
  /** For entries: the entry name it was built from. */
  entry?: string;
}

/** Options for {@linkcode bundleIslands}. */
export interface BundleOptions {
  root: string;
  denoJson: string;
  /** Entry name → absolute path of the module. */
  entries: Record<string, string>;
  minify: boolean;
}

/**
 * Bundles the browser runtime and island entries with code splitting into
 * content-hashed ES modules, in memory.
 */
export async function bundleIslands(
  options: BundleOptions,
): Promise<BundleFile[]> {
  const outdir = `${options.root}/.fresh-bundle`;
  try {
    const result = await esbuild.build({
      entryPoints: options.entries,
      absWorkingDir: options.root,
      outdir,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "browser",
      target: ["es2022"],
      minify: options.minify,
      treeShaking: true,
      write: false,
      metafile: true,
      entryNames: "[name]-[hash]",
      chunkNames: "chunk-[hash]",
      jsx: "automatic",
      jsxImportSource: "preact",
      logLevel: "silent",
      plugins: [importMapPlugin(options.denoJson)],
    });
    const entryOf = new Map<string, string>();
    for (const [out, meta] of Object.entries(result.metafile.outputs)) {
      if (meta.entryPoint === undefined) continue;
      const entry = Object.entries(options.entries).find(([, path]) =>
        relative(options.root, path) === meta.entryPoint ||
        path === meta.entryPoint
      );
      if (entry) entryOf.set(out.split("/").pop()!, entry[0]);
    }
    return result.outputFiles.map((file) => {
      const name = relative(outdir, file.path);
      return { name, contents: file.contents, entry: entryOf.get(name) };
    });
  } finally {
    await esbuild.stop();
  }
}
