import { dirname } from "node:path";

/**
 * Opens Deno KV: `:memory:`, a file path (its folder is created), a denokv
 * URL, or, with no path, the platform default (hosted KV on Deno Deploy).
 */
export async function openKv(path?: string): Promise<Deno.Kv> {
  if (path === undefined || path === "") return await Deno.openKv();
  if (path !== ":memory:" && !/^https?:\/\//.test(path)) {
    await Deno.mkdir(dirname(path), { recursive: true });
  }
  return await Deno.openKv(path);
}
