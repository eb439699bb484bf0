/**
 * A production build of the app for tests that run it as a process: written
 * to a temporary folder the way `deno task build` writes `_fresh/`, so a
 * test never depends on (or races with) the developer's own `_fresh/`.
 *
 * @module
 */
import { Builder } from "fresh/dev";

const ROOT = new URL("../../", import.meta.url).pathname;

/** A build on disk; disposing it removes it. */
export interface ProductionBuild extends AsyncDisposable {
  /** The folder holding `server.js`, `snapshot.js` and `js/`. */
  dir: string;
  /** The entry `deno serve` runs: `<dir>/server.js`. */
  entry: string;
}

/** Builds the app into a new temporary folder. */
export async function buildForTest(): Promise<ProductionBuild> {
  const dir = await Deno.makeTempDir({ prefix: "prodsight-build-" });
  try {
    await new Builder({ root: ROOT, outDir: dir }).build();
  } catch (error) {
    await Deno.remove(dir, { recursive: true });
    throw error;
  }
  return {
    dir,
    entry: `${dir}/server.js`,
    [Symbol.asyncDispose]: () => Deno.remove(dir, { recursive: true }),
  };
}
