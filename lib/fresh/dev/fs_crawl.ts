import { relative, sep as SEPARATOR } from "node:path";

const SOURCE = /\.(tsx?|jsx?|mjs)$/;
const TEST = /([._]test)\.(tsx?|jsx?|mjs)$/;

/** Lists files below `dir` as `/`-separated relative paths, sorted. */
export async function crawl(dir: string): Promise<string[]> {
  const files: string[] = [];
  async function walk(path: string) {
    let entries;
    try {
      entries = Deno.readDir(path);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return;
      throw error;
    }
    try {
      for await (const entry of entries) {
        const full = `${path}${SEPARATOR}${entry.name}`;
        if (entry.isDirectory) await walk(full);
        else if (entry.isFile) {
          files.push(relative(dir, full).split(SEPARATOR).join("/"));
        }
      }
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return;
      throw error;
    }
  }
  await walk(dir);
  return files.sort();
}

/** True for route or island source files that are not tests. */
export function isSourceFile(path: string): boolean {
  return SOURCE.test(path) && !TEST.test(path);
}
