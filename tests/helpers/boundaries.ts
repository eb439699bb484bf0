/**
 * The module boundaries of ProdSight as checks over an
 * {@linkcode ImportGraph}; each returns what breaks them, as sentences
 * that name the import (or the chain of imports), empty when all hold.
 *
 * Layers, bottom to top: `lib` → `realtime` → `server` → `ui`
 * (`components/` and `islands/`, one layer) → `routes`.
 *
 * @module
 */
import type { ImportEdge, ImportGraph } from "./import_graph.ts";

/** A top-level layer of the app. */
export type Layer =
  | "lib"
  | "realtime"
  | "server"
  | "ui"
  | "routes"
  | "tests"
  | "root"
  | "external";

/** The layers whose folder graph must have no cycle, bottom first. */
export const LAYER_ORDER: readonly Layer[] = [
  "lib",
  "realtime",
  "server",
  "ui",
  "routes",
];

/** The layer of a module name (`lib/policy.ts`, `npm:zod`, `node:fs`). */
export function layerOf(module: string): Layer {
  if (/^[a-z]+:/.test(module)) return "external";
  const top = module.split("/")[0];
  switch (top) {
    case "lib":
    case "realtime":
    case "server":
    case "routes":
    case "tests":
      return top;
    case "components":
    case "islands":
      return "ui";
    default:
      return "root";
  }
}

/** `lib/a.ts imports components/b.tsx ("@/components/b.tsx", line 3)`. */
function describe(from: string, edge: ImportEdge): string {
  return `${from} imports ${edge.to} ("${edge.written}", line ${edge.line})`;
}

/** Where each layer may import from, beyond itself and npm/node/data. */
const ALLOWED: Partial<Record<Layer, (to: Layer, module: string) => boolean>> =
  {
    lib: () => false,
    realtime: (to) => to === "lib",
    server: (_to, module) => !/^(routes|islands|components)\//.test(module),
  };

/**
 * Imports that cross a layer the wrong way: `lib/` importing anything of
 * ours outside `lib/`, `realtime/` outside `lib/` + `realtime/`, `server/`
 * importing routes, islands or components, and anything but tests
 * importing `tests/`. Type-only imports count: they tie the layers too.
 */
export function layerViolations(graph: ImportGraph): string[] {
  const found: string[] = [];
  for (const [from, edges] of graph) {
    const fromLayer = layerOf(from);
    for (const edge of edges) {
      const toLayer = layerOf(edge.to);
      if (toLayer === "external" || toLayer === fromLayer) continue;
      if (toLayer === "tests") {
        found.push(`${describe(from, edge)}: only tests may import tests/`);
        continue;
      }
      const allowed = ALLOWED[fromLayer];
      if (allowed !== undefined && !allowed(toLayer, edge.to)) {
        found.push(`${describe(from, edge)}: ${fromLayer}/ may not import it`);
      }
    }
  }
  return found.sort();
}

/**
 * Cycles in the folder graph of {@linkcode LAYER_ORDER}, each as the layers
 * around it and one import per step, e.g.
 * `lib → ui → lib: lib/a.ts imports components/b.tsx (…); …`.
 */
export function layerCycles(graph: ImportGraph): string[] {
  // One example import per (from layer, to layer).
  const example = new Map<string, string>();
  const next = new Map<Layer, Set<Layer>>();
  for (const [from, edges] of graph) {
    const a = layerOf(from);
    if (!LAYER_ORDER.includes(a)) continue;
    for (const edge of edges) {
      const b = layerOf(edge.to);
      if (b === a || !LAYER_ORDER.includes(b)) continue;
      if (!next.has(a)) next.set(a, new Set());
      next.get(a)!.add(b);
      if (!example.has(`${a}>${b}`)) {
        example.set(`${a}>${b}`, describe(from, edge));
      }
    }
  }
  // Elementary cycles, each found once: from its lowest layer, through
  // higher layers only.
  const cycles: string[] = [];
  const rank = (layer: Layer) => LAYER_ORDER.indexOf(layer);
  const walk = (start: Layer, path: Layer[]) => {
    for (const to of next.get(path[path.length - 1]) ?? []) {
      if (to === start) {
        const around = [...path, start];
        const steps = around.slice(1).map((b, i) =>
          example.get(`${around[i]}>${b}`)
        );
        cycles.push(`${around.join(" → ")}: ${steps.join("; ")}`);
      } else if (rank(to) > rank(start) && !path.includes(to)) {
        walk(start, [...path, to]);
      }
    }
  };
  for (const start of LAYER_ORDER) walk(start, [start]);
  return cycles;
}

/** npm packages that must never be shipped to the browser. */
export const SERVER_ONLY_PACKAGES: readonly string[] = ["zod", "jose"];

/**
 * Why `module` must not reach the browser, or `undefined` when it may.
 * `code` is its compiled JavaScript (types and comments gone), for our
 * own modules.
 */
export function serverOnlyReason(
  module: string,
  code: string | undefined,
): string | undefined {
  if (module.startsWith("npm:")) {
    const name = module.slice(4);
    return SERVER_ONLY_PACKAGES.includes(name)
      ? `the ${name} package is server-only`
      : undefined;
  }
  if (layerOf(module) === "external") return undefined;
  if (module.startsWith("lib/store/")) return "lib/store/ is server-only";
  if (module.startsWith("server/")) return "server/ is server-only";
  const base = module.split("/").pop()!.replace(/\.[^.]*$/, "");
  const words = base.toLowerCase().split(/[_.-]/);
  if (words.some((w) => /^stores?$/.test(w))) return "a store module";
  if (words.some((w) => /^services?$/.test(w))) return "a service module";
  if (code !== undefined && /\bDeno\s*(\?\.|\.|\[)/.test(code)) {
    return "it uses Deno APIs";
  }
  return undefined;
}

/**
 * Why UI code (`components/`, `islands/`) may not import `module` at all,
 * not even `import type`, or `undefined` when it may: a zod schema module
 * (its wire types are declared in the module's browser-safe `shared.ts`),
 * and whatever is server-only by its name alone (zod, jose, a store or
 * service module, `lib/store/`, `server/`).
 */
export function uiImportReason(module: string): string | undefined {
  const base = module.split("/").pop()!.replace(/\.[^.]*$/, "");
  if (
    layerOf(module) !== "external" &&
    base.toLowerCase().split(/[_.-]/).some((w) => /^schemas?$/.test(w))
  ) {
    return "a zod schema module: take its types from the module's shared.ts";
  }
  return serverOnlyReason(module, undefined);
}

/**
 * Imports by UI modules of what {@linkcode uiImportReason} forbids, type-only
 * ones included. `import type` is erased before bundling, so
 * {@linkcode browserLeaks} never sees it; the import graph still has it, and
 * browser code that takes its types from the server side ties the layers
 * all the same.
 */
export function uiImportViolations(graph: ImportGraph): string[] {
  const found: string[] = [];
  for (const [from, edges] of graph) {
    if (layerOf(from) !== "ui") continue;
    for (const edge of edges) {
      const reason = uiImportReason(edge.to);
      if (reason !== undefined) {
        found.push(`${describe(from, edge)}: ${reason}`);
      }
    }
  }
  return found.sort();
}

/**
 * For each browser entry, every server-only module its runtime imports
 * (static and dynamic; `import type` is erased) reach, with the shortest
 * chain that brings it in. The walk stops at a server-only module, so
 * each leak is named once, at the first place it crosses.
 */
export async function browserLeaks(
  graph: ImportGraph,
  entries: readonly string[],
  codeOf: (module: string) => Promise<string | undefined>,
): Promise<string[]> {
  const reasons = new Map<string, string | undefined>();
  const reasonFor = async (module: string) => {
    if (!reasons.has(module)) {
      reasons.set(module, serverOnlyReason(module, await codeOf(module)));
    }
    return reasons.get(module);
  };
  const found: string[] = [];
  for (const entry of entries) {
    const parent = new Map<string, string | null>([[entry, null]]);
    const queue = [entry];
    while (queue.length > 0) {
      const module = queue.shift()!;
      const reason = await reasonFor(module);
      if (reason !== undefined) {
        const chain: string[] = [];
        for (let m: string | null = module; m !== null; m = parent.get(m)!) {
          chain.unshift(m);
        }
        found.push(`${chain.join(" → ")}: ${reason}`);
        continue;
      }
      for (const edge of graph.get(module) ?? []) {
        if (edge.typeOnly || parent.has(edge.to)) continue;
        parent.set(edge.to, module);
        queue.push(edge.to);
      }
    }
  }
  return found;
}

/**
 * The names of `lib/policy.ts` that decide who may do what. A module's
 * service asks them; its store may take event audiences from the table,
 * never these.
 */
export const AUTHORIZATION_NAMES: readonly string[] = [
  "can",
  "canOpen",
  "readScope",
];

/** Whether `module` is a feature module's store (`lib/<m>/store.ts`, `lib/<m>/<x>_store.ts`). */
export function isModuleStore(module: string): boolean {
  return !module.startsWith("lib/store/") &&
    /^lib\/[a-z_]+\/([a-z_]+_)?store\.ts$/.test(module);
}

/**
 * Authorization a module's store imports from the policy table, as
 * sentences (`lib/tasks/task_store.ts imports can from lib/policy.ts
 * (line 9): authorization belongs in its service`); empty when none.
 */
export function storeAuthorization(module: string, source: string): string[] {
  const found: string[] = [];
  const imports = source.matchAll(
    /import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*"([^"]*policy\.ts)"/g,
  );
  for (const match of imports) {
    const line = source.slice(0, match.index).split("\n").length;
    const names = match[1].split(",")
      .map((part) => part.trim().replace(/^type\s+/, "").split(/\s+as\s+/)[0])
      .filter((name) => AUTHORIZATION_NAMES.includes(name));
    for (const name of names) {
      found.push(
        `${module} imports ${name} from lib/policy.ts (line ${line}): authorization belongs in its service`,
      );
    }
  }
  return found;
}
