import type { ComponentType } from "preact";

/** A route module as the file-system router sees it. */
// deno-lint-ignore no-explicit-any
export type RouteModule = Record<string, any>;

/** One file under `routes/`: its id is the path without extension. */
export interface FsRouteFile {
  /** e.g. `"tasks/[id]"`, `"(app)/_layout"`, `"index"`. */
  id: string;
  /** The imported module. */
  mod: RouteModule;
}

/** An island component known to the build. */
export interface IslandInfo {
  /** Unique name used in markers and the boot script. */
  name: string;
  /** The export of the island module. */
  exportName: string;
  /** URL path of the browser chunk that exports it. */
  chunk: string;
}

/** A file `staticFiles()` can serve. */
export interface StaticFile {
  /** Byte length. */
  size: number;
  /** Strong validator (a content hash). */
  etag: string;
  /** `Content-Type` header value. */
  contentType: string;
  /** True when the URL carries a content hash (cache forever). */
  hashed: boolean;
  /**
   * Opens the bytes, with their current length (which wins over `size` if
   * the file changed since the build).
   */
  open(): Promise<
    { body: ReadableStream<Uint8Array> | Uint8Array; size: number }
  >;
}

/**
 * What a build produced, as the running app needs it: routes, islands and
 * static files. Production reads it from the snapshot module, tests and the
 * dev server from an in-memory build.
 */
export interface BuildCache {
  /** Changes whenever any built or static file changes. */
  readonly buildId: string;
  /** URL path of the browser runtime entry; empty when there is none. */
  readonly clientEntry: string;
  /** Island registry keyed by component identity. */
  readonly islands: Map<ComponentType, IslandInfo>;
  /** Files under `routes/`. */
  readonly fsRoutes: FsRouteFile[];
  /** Looks a static file up by URL path (decoded). */
  getStaticFile(pathname: string): StaticFile | null;
}

/** The cache used when an app runs without a build: no islands or files. */
export class EmptyBuildCache implements BuildCache {
  readonly buildId = "dev";
  readonly clientEntry = "";
  readonly islands = new Map<ComponentType, IslandInfo>();
  readonly fsRoutes: FsRouteFile[] = [];
  getStaticFile(): StaticFile | null {
    return null;
  }
}
