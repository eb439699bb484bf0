/**
 * The README's tables are kept by hand; these keep them complete: every
 * environment variable the app reads has its row, and every method of every
 * API route file has its row (and no row names a route that does not exist).
 */
import assert from "node:assert/strict";
import { EnvSchema } from "@/lib/config.ts";

const README = new URL("../README.md", import.meta.url);
const API = new URL("../routes/api/", import.meta.url);
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** `routes/api/tasks/[id]/history.ts` → `/api/tasks/:id/history`. */
function pathOf(file: string): string {
  const parts = file.replace(/\.tsx?$/, "").split("/")
    .filter((part) => part !== "index")
    .map((part) => part.replace(/\[([^\]]+)\]/g, ":$1"));
  return ["/api", ...parts].join("/");
}

/** Route files below `dir`, as paths relative to it. */
async function walk(dir: URL, prefix = ""): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(new URL(prefix, dir))) {
    const path = prefix + entry.name;
    if (entry.isDirectory) files.push(...await walk(dir, `${path}/`));
    else if (/\.tsx?$/.test(entry.name)) files.push(path);
  }
  return files;
}

async function routeRows(): Promise<string[]> {
  const rows: string[] = [];
  for (const file of await walk(API)) {
    const mod = await import(new URL(file, API).href);
    const methods = Object.keys(mod.handler ?? {})
      .filter((m) => METHODS.includes(m));
    for (const method of methods) rows.push(`${method} ${pathOf(file)}`);
  }
  return rows.sort();
}

Deno.test("README - the HTTP API table lists every API route and method", async () => {
  const readme = await Deno.readTextFile(README);
  const documented = [...readme.matchAll(/^\| `([A-Z]+ \/api\/[^`]*)`/gm)]
    .map((m) => m[1]).sort();
  const routes = await routeRows();
  assert.ok(routes.length > 30, `found only ${routes.length} API routes`);
  assert.deepEqual(
    routes.filter((r) => !documented.includes(r)),
    [],
    "routes missing from the README's API table",
  );
  assert.deepEqual(
    documented.filter((d) => !routes.includes(d)),
    [],
    "README rows for routes that do not exist",
  );
});

Deno.test("README - the configuration table lists every environment variable", async () => {
  const readme = await Deno.readTextFile(README);
  const missing = Object.keys(EnvSchema.shape)
    .filter((name) => !readme.includes(`| \`${name}\``));
  assert.deepEqual(missing, [], "variables missing from the README's table");
});

/** Names the app's own code reads with `Deno.env.get("…")`. */
async function namesRead(): Promise<string[]> {
  const root = new URL("../", import.meta.url);
  const files = [
    "main.ts",
    "dev.ts",
    "create_admin.ts",
    ...(await Promise.all(
      ["lib/", "server/", "realtime/", "routes/"].map(async (dir) =>
        (await walk(new URL(dir, root))).map((f) => dir + f)
      ),
    )).flat(),
  ].filter((f) => !/_test\.tsx?$/.test(f));
  const names = new Set<string>();
  for (const file of files) {
    const text = await Deno.readTextFile(new URL(file, root));
    for (const m of text.matchAll(/Deno\.env\.get\("([A-Z0-9_]+)"\)/g)) {
      names.add(m[1]);
    }
  }
  return [...names].sort();
}

Deno.test("README - the configuration table lists every variable the code reads itself", async () => {
  const readme = await Deno.readTextFile(README);
  const read = await namesRead();
  assert.ok(read.includes("PRODSIGHT_ADMIN_PASSWORD"), read.join(", "));
  assert.deepEqual(
    read.filter((name) => !readme.includes(`| \`${name}\``)),
    [],
    "variables read with Deno.env.get missing from the README's table",
  );
});
