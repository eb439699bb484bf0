/**
 * The JavaScript a page ships: the boot script's imports and everything
 * they import, each file once, gzip-compressed one by one (as a browser
 * would fetch them with `Content-Encoding: gzip`).
 *
 * @module
 */
import { gzipSync } from "node:zlib";
import { Builder } from "fresh/dev";

/**
 * The app's production build (minified, as deployed), in memory: pass it
 * to `createTestApp` as `build` to weigh what users download.
 */
export function productionBuild() {
  const root = new URL("../", import.meta.url).pathname;
  return new Builder({ root }).build({
    snapshot: "memory",
    mode: "production",
  });
}

/** What a page's JavaScript weighs. */
export interface JsWeight {
  files: number;
  rawBytes: number;
  gzipBytes: number;
}

/** Walks the modules `html` loads, reading each through `get`. */
export async function jsWeight(
  html: string,
  get: (path: string) => Promise<string>,
): Promise<JsWeight> {
  const seen = new Set<string>();
  const queue = [...html.matchAll(/from "(\/_fresh\/js\/[^"]+)"/g)].map((m) =>
    m[1]
  );
  let gzipBytes = 0;
  let rawBytes = 0;
  while (queue.length > 0) {
    const path = queue.pop()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const code = await get(path);
    rawBytes += new TextEncoder().encode(code).byteLength;
    gzipBytes += gzipSync(code).byteLength;
    for (const m of code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) {
      queue.push(`/_fresh/js/${m[1]}`);
    }
  }
  return { files: seen.size, rawBytes, gzipBytes };
}

/** "7 files, 61.2 KB raw, 19.8 KB gzip". */
export function formatWeight(w: JsWeight): string {
  return `${w.files} files, ${(w.rawBytes / 1024).toFixed(1)} KB raw, ${
    (w.gzipBytes / 1024).toFixed(1)
  } KB gzip`;
}
