import type { ComponentType } from "preact";
import { type App, setBuildCache } from "./app.ts";
import type {
  BuildCache,
  FsRouteFile,
  IslandInfo,
  StaticFile,
} from "./build_cache.ts";

/** A static file as a build records it. */
export interface SnapshotFile {
  size: number;
  etag: string;
  contentType: string;
  hashed: boolean;
  /** Location relative to the snapshot's base URL (disk builds). */
  path?: string;
  /** The bytes themselves (in-memory builds). */
  contents?: Uint8Array;
}

/** Everything a build produced; `_fresh/snapshot.js` exports one. */
export interface Snapshot {
  buildId: string;
  clientEntry: string;
  fsRoutes: FsRouteFile[];
  islands: {
    mod: Record<string, unknown>;
    exportName: string;
    name: string;
    chunk: string;
  }[];
  staticFiles: [string, SnapshotFile][];
}

/** Serves routes, islands and files from a {@linkcode Snapshot}. */
export class SnapshotBuildCache implements BuildCache {
  readonly buildId: string;
  readonly clientEntry: string;
  readonly islands = new Map<ComponentType, IslandInfo>();
  readonly fsRoutes: FsRouteFile[];
  #files: Map<string, StaticFile>;

  /** `base` resolves the relative paths of files built to disk. */
  constructor(snapshot: Snapshot, base: string | URL) {
    this.buildId = snapshot.buildId;
    this.clientEntry = snapshot.clientEntry;
    this.fsRoutes = snapshot.fsRoutes;
    for (const { mod, exportName, name, chunk } of snapshot.islands) {
      const fn = mod[exportName];
      if (typeof fn === "function") {
        this.islands.set(fn as ComponentType, { name, exportName, chunk });
      }
    }
    this.#files = new Map(
      snapshot.staticFiles.map(([pathname, file]) => [
        pathname,
        toStaticFile(file, base),
      ]),
    );
  }

  getStaticFile(pathname: string): StaticFile | null {
    return this.#files.get(pathname) ?? null;
  }
}

function toStaticFile(file: SnapshotFile, base: string | URL): StaticFile {
  const { size, etag, contentType, hashed, contents, path } = file;
  return {
    size,
    etag,
    contentType,
    hashed,
    open: contents !== undefined
      ? () => Promise.resolve({ body: contents, size: contents.byteLength })
      : async () => {
        const file = await Deno.open(new URL(path!, base));
        const { size } = await file.stat();
        return { body: file.readable, size };
      },
  };
}

/** Attaches a build to `app`; generated `_fresh/server.js` calls this. */
export function applySnapshot<State>(
  app: App<State>,
  snapshot: Snapshot,
  base: string | URL,
): void {
  setBuildCache(app, new SnapshotBuildCache(snapshot, base));
}
