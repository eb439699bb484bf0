import { dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { App } from "../app.ts";
import type { ListenOptions } from "../app.ts";
import {
  applySnapshot,
  type Snapshot,
  type SnapshotFile,
} from "../snapshot.ts";
import { contentTypeOf } from "./content_type.ts";
import { bundleIslands } from "./esbuild.ts";
import { crawl, isSourceFile } from "./fs_crawl.ts";
import { findDenoJson } from "./import_map.ts";
import { writeSnapshot } from "./write_snapshot.ts";

/** Options for `new Builder()`; paths are relative to `root`. */
export interface BuilderOptions {
  /** Project root; defaults to the current directory. */
  root?: string;
  /** Output folder for `build()`; defaults to `_fresh`. */
  outDir?: string;
  /** Static files folder; defaults to `static`. */
  staticDir?: string;
  /** Islands folder; defaults to `islands`. */
  islandDir?: string;
  /** Routes folder; defaults to `routes`. */
  routeDir?: string;
  /** The module exporting `app`; defaults to `main.ts`. */
  serverEntry?: string;
}

/** Options for {@linkcode Builder.build}. */
export interface BuildOptions {
  /** `production` (default) minifies; `development` does not. */
  mode?: "production" | "development";
  /** `disk` (default) writes `outDir`; `memory` keeps everything in memory. */
  snapshot?: "disk" | "memory";
}

/** URL path under which bundled island scripts are served. */
export const JS_PREFIX = "/_fresh/js/";
const RUNTIME_ENTRY = "fresh-runtime";

/** What a crawl of the project found, before bundling. */
export interface ProjectFiles {
  routes: string[];
  islands: { file: string; name: string; exportName: string }[];
  statics: string[];
}

/**
 * Builds the app in Fresh's Builder style: crawls routes and islands,
 * bundles islands for the browser and records it all in a snapshot.
 *
 * @example
 * ```ts
 * const builder = new Builder();
 * if (Deno.args.includes("build")) await builder.build();
 * else await builder.listen(() => import("./main.ts"));
 * ```
 */
export class Builder {
  #root: string;
  #options: Required<Omit<BuilderOptions, "root">>;

  /** Creates a builder for the project at `options.root`. */
  constructor(options: BuilderOptions = {}) {
    this.#root = resolve(options.root ?? Deno.cwd());
    this.#options = {
      outDir: options.outDir ?? "_fresh",
      staticDir: options.staticDir ?? "static",
      islandDir: options.islandDir ?? "islands",
      routeDir: options.routeDir ?? "routes",
      serverEntry: options.serverEntry ?? "main.ts",
    };
  }

  /**
   * Builds the project. Returns a function that attaches the build to an
   * app; with `snapshot: "disk"` it also writes `outDir/`.
   */
  async build(
    options: BuildOptions = {},
  ): Promise<<State>(app: App<State>) => void> {
    const { snapshot, files } = await this.#buildSnapshot(
      options.mode ?? "production",
    );
    if ((options.snapshot ?? "disk") === "disk") {
      const outDir = resolve(this.#root, this.#options.outDir);
      await writeSnapshot({
        root: this.#root,
        outDir,
        snapshot,
        files,
        serverEntry: join(this.#root, this.#options.serverEntry),
      });
    }
    return (app) =>
      applySnapshot(app, snapshot, pathToFileURL(this.#root + "/"));
  }

  /**
   * Builds in memory and serves the app that `importApp` loads. Run it
   * under `deno run --watch` so a change rebuilds and restarts the server.
   */
  async listen(
    // deno-lint-ignore no-explicit-any
    importApp: () => Promise<{ app: App<any> }>,
    options: ListenOptions = {},
  ): Promise<void> {
    const apply = await this.build({ mode: "development", snapshot: "memory" });
    const { app } = await importApp();
    apply(app);
    const port = Deno.env.get("PORT");
    await app.listen({ port: port ? Number(port) : undefined, ...options });
  }

  async #buildSnapshot(mode: "production" | "development") {
    const root = this.#root;
    const dir = (name: string) => join(root, name);
    const routes = (await crawl(dir(this.#options.routeDir)))
      .filter(isSourceFile);
    const islandFiles = (await crawl(dir(this.#options.islandDir)))
      .filter(isSourceFile);
    const statics = await crawl(dir(this.#options.staticDir));

    const routeMods = await Promise.all(routes.map(async (file) => ({
      id: file.replace(/\.[^.]+$/, ""),
      mod: await import(
        pathToFileURL(join(dir(this.#options.routeDir), file)).href
      ),
      file,
    })));

    const entries: Record<string, string> = {
      [RUNTIME_ENTRY]: join(
        dirname(import.meta.dirname!),
        "runtime/client/mod.ts",
      ),
    };
    const islands: Snapshot["islands"] = [];
    const islandRefs: ProjectFiles["islands"] = [];
    const entryNames = new Set<string>([RUNTIME_ENTRY]);
    const islandNames = new Set<string>();
    for (const file of islandFiles) {
      const path = join(dir(this.#options.islandDir), file);
      const mod = await import(pathToFileURL(path).href);
      const base = file.replace(/\.[^.]+$/, "").replaceAll("/", "_");
      const entry = uniqueName(base.replace(/[^\w$]/g, "_"), entryNames);
      entries[entry] = path;
      for (const [exportName, value] of Object.entries(mod)) {
        if (typeof value !== "function") continue;
        const name = uniqueName(
          exportName === "default" ? entry : exportName,
          islandNames,
        );
        islands.push({ mod, exportName, name, chunk: entry });
        islandRefs.push({ file, name, exportName });
      }
    }

    const bundle = await bundleIslands({
      root,
      denoJson: await findDenoJson(root),
      entries,
      minify: mode === "production",
    });
    const chunkOf = new Map<string, string>();
    const staticFiles: [string, SnapshotFile][] = [];
    for (const file of bundle) {
      const url = JS_PREFIX + file.name;
      if (file.entry) chunkOf.set(file.entry, url);
      staticFiles.push([url, {
        ...await describe(file.name, file.contents),
        hashed: true,
        contents: file.contents,
      }]);
    }
    for (const island of islands) island.chunk = chunkOf.get(island.chunk)!;
    for (const file of statics) {
      const path = join(dir(this.#options.staticDir), file);
      const contents = await Deno.readFile(path);
      staticFiles.push([`/${file}`, {
        ...await describe(file, contents),
        hashed: false,
        path: relative(root, path).split("\\").join("/"),
      }]);
    }
    staticFiles.sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);

    const snapshot: Snapshot = {
      buildId: await hashText(
        staticFiles.map(([p, f]) => `${p}:${f.etag}`).join("\n"),
      ),
      clientEntry: chunkOf.get(RUNTIME_ENTRY)!,
      fsRoutes: routeMods.map(({ id, mod }) => ({ id, mod })),
      islands,
      staticFiles,
    };
    const files = {
      routes: routeMods.map((r) => ({ id: r.id, file: r.file })),
      islands: islandRefs,
      routeDir: this.#options.routeDir,
      islandDir: this.#options.islandDir,
    };
    return { snapshot, files };
  }
}

function uniqueName(base: string, taken: Set<string>): string {
  let name = base;
  for (let i = 1; taken.has(name); i++) name = `${base}_${i}`;
  taken.add(name);
  return name;
}

async function describe(name: string, contents: Uint8Array) {
  return {
    size: contents.byteLength,
    etag: await hashBytes(contents),
    contentType: contentTypeOf(name),
  };
}

async function hashBytes(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as BufferSource);
  return Array.from(new Uint8Array(digest).slice(0, 12))
    .map((b) => b.toString(16).padStart(2, "0")).join("");
}

function hashText(text: string): Promise<string> {
  return hashBytes(new TextEncoder().encode(text));
}
