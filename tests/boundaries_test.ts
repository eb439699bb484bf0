/**
 * The module boundaries, checked over the real import graph (one
 * `deno info --json` for every entry of the app): the layers import only
 * downward and form no cycle, no island ships server-only code to the
 * browser, and no component or island takes even a type from a schema,
 * store or service module. A failure names the import, or the chain of
 * imports, to change.
 */
import assert from "node:assert/strict";
import * as esbuild from "esbuild";
import {
  browserLeaks,
  isModuleStore,
  layerCycles,
  layerViolations,
  serverOnlyReason,
  storeAuthorization,
  uiImportViolations,
} from "./helpers/boundaries.ts";
import {
  filesUnder,
  type ImportEdge,
  type ImportGraph,
  type LoadedGraph,
  loadImportGraph,
  REPO_ROOT,
} from "./helpers/import_graph.ts";

const SOURCE = /\.tsx?$/;
const NOT_TEST = (path: string) => !/_test\.tsx?$/.test(path);

/** Browser entries: every island and Fresh's client runtime. */
const ISLANDS = [
  ...(await filesUnder("islands", SOURCE)).filter(NOT_TEST),
  "lib/fresh/runtime/client/mod.ts",
];

/**
 * Every entry of the app: the starts, the composition root, routes, islands,
 * and every component (so one no page uses yet is checked too).
 */
const ENTRIES = [
  "main.ts",
  "dev.ts",
  "server/create_app.ts",
  ...(await filesUnder("routes", SOURCE)).filter(NOT_TEST),
  ...ISLANDS,
  ...(await filesUnder("components", SOURCE)).filter(NOT_TEST),
];

let loaded: Promise<LoadedGraph> | undefined;
/** The app's graph, loaded once for every test of this file. */
async function appGraph(): Promise<ImportGraph> {
  return (await (loaded ??= loadImportGraph(ENTRIES))).graph;
}

/** Compiled JavaScript of one of our modules: comments and types gone. */
async function compiled(module: string): Promise<string | undefined> {
  if (!SOURCE.test(module) || /^[a-z]+:/.test(module)) return undefined;
  let source: string;
  try {
    source = await Deno.readTextFile(`${REPO_ROOT}/${module}`);
  } catch (error) {
    // A missing file is reported once, by the resolution test.
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
  const { code } = await esbuild.transform(source, {
    loader: module.endsWith(".tsx") ? "tsx" : "ts",
    jsx: "automatic",
    legalComments: "none",
  });
  return code;
}

Deno.test("boundaries - the graph resolves and covers every layer of the app", async () => {
  loaded ??= loadImportGraph(ENTRIES);
  assert.deepEqual((await loaded).unresolved, []);
  const modules = [...(await appGraph()).keys()];
  for (
    const expected of [
      "lib/policy.ts",
      "realtime/hub.ts",
      "server/services.ts",
      "components/Shell.tsx",
      "islands/TaskBoard.tsx",
      "routes/p/[slug]/tasks/[id].tsx",
      "npm:zod",
    ]
  ) {
    assert.ok(modules.includes(expected), `${expected} in the graph`);
  }
});

Deno.test("boundaries - each layer imports only the layers below it", async () => {
  assert.deepEqual(layerViolations(await appGraph()), []);
});

Deno.test("boundaries - no cycle between lib, realtime, server, UI and routes", async () => {
  assert.deepEqual(layerCycles(await appGraph()), []);
});

Deno.test("boundaries - no island brings zod, jose, a store, a service, server/ or Deno code to the browser", async () => {
  try {
    const leaks = await browserLeaks(await appGraph(), ISLANDS, compiled);
    assert.deepEqual(leaks, []);
  } finally {
    await esbuild.stop();
  }
});

Deno.test("boundaries - components and islands take no type from a schema, store or service module", async () => {
  assert.deepEqual(uiImportViolations(await appGraph()), []);
});

Deno.test("boundaries - no module's store decides who may do what (its service does)", async () => {
  const stores = [...(await appGraph()).keys()].filter(isModuleStore);
  assert.ok(stores.includes("lib/tasks/task_store.ts"), "the stores are found");
  const found: string[] = [];
  for (const module of stores) {
    const source = await Deno.readTextFile(`${REPO_ROOT}/${module}`);
    found.push(...storeAuthorization(module, source));
  }
  assert.deepEqual(found, []);
});

// The checks themselves, on a made-up graph: each must name what breaks it.

function edge(to: string, more: Partial<ImportEdge> = {}): ImportEdge {
  return { to, written: to, line: 1, typeOnly: false, dynamic: false, ...more };
}

Deno.test("boundaries - an upward import is named with its specifier and line", () => {
  const made: ImportGraph = new Map([
    ["lib/a.ts", [
      edge("npm:zod"),
      edge("lib/fresh/mod.ts", { written: "fresh" }),
      edge("components/B.tsx", { written: "@/components/B.tsx", line: 3 }),
    ]],
    ["realtime/hub.ts", [edge("lib/a.ts"), edge("server/state.ts")]],
    ["server/app.ts", [edge("lib/a.ts"), edge("islands/C.tsx")]],
    ["routes/x.tsx", [edge("tests/helpers/y.ts", { typeOnly: true })]],
    ["components/B.tsx", [edge("server/app.ts")]],
  ]);
  assert.deepEqual(layerViolations(made), [
    'lib/a.ts imports components/B.tsx ("@/components/B.tsx", line 3): lib/ may not import it',
    'realtime/hub.ts imports server/state.ts ("server/state.ts", line 1): realtime/ may not import it',
    'routes/x.tsx imports tests/helpers/y.ts ("tests/helpers/y.ts", line 1): only tests may import tests/',
    'server/app.ts imports islands/C.tsx ("islands/C.tsx", line 1): server/ may not import it',
  ]);
});

Deno.test("boundaries - a layer cycle is named with one import per step", () => {
  const made: ImportGraph = new Map([
    ["lib/tasks/history_text.ts", [edge("components/tasks/TaskCard.tsx")]],
    ["components/tasks/TaskCard.tsx", [edge("lib/format.ts")]],
    ["islands/X.tsx", [edge("components/tasks/TaskCard.tsx")]],
    ["routes/a.tsx", [edge("islands/X.tsx")]],
  ]);
  assert.deepEqual(layerCycles(made), [
    "lib → ui → lib: lib/tasks/history_text.ts imports components/tasks/TaskCard.tsx " +
    '("components/tasks/TaskCard.tsx", line 1); components/tasks/TaskCard.tsx ' +
    'imports lib/format.ts ("lib/format.ts", line 1)',
  ]);
  made.delete("lib/tasks/history_text.ts");
  assert.deepEqual(layerCycles(made), []);
});

Deno.test("boundaries - a leak is named with the chain that brings it in", async () => {
  const made: ImportGraph = new Map([
    ["islands/A.tsx", [
      edge("lib/tasks/shared.ts"),
      edge("lib/tasks/schemas.ts", { typeOnly: true }),
      edge("components/api.ts", { dynamic: true }),
    ]],
    ["components/api.ts", [edge("lib/tasks/schemas.ts")]],
    ["lib/tasks/schemas.ts", [edge("npm:zod")]],
  ]);
  const code = (m: string) =>
    Promise.resolve(m === "lib/tasks/shared.ts" ? "const a = 1;" : "");
  assert.deepEqual(await browserLeaks(made, ["islands/A.tsx"], code), [
    "islands/A.tsx → components/api.ts → lib/tasks/schemas.ts → npm:zod: " +
    "the zod package is server-only",
  ]);
});

Deno.test("boundaries - a UI import of a schema is named even when type-only", () => {
  const made: ImportGraph = new Map([
    ["islands/A.tsx", [
      edge("lib/script/shared.ts", { typeOnly: true }),
      edge("lib/script/schemas.ts", {
        written: "@/lib/script/schemas.ts",
        line: 7,
        typeOnly: true,
      }),
      edge("components/b.ts"),
    ]],
    ["components/b.ts", [
      edge("lib/role_schema.ts", { typeOnly: true }),
      edge("lib/tasks/task_store.ts", { typeOnly: true }),
      edge("npm:zod", { written: "zod", typeOnly: true }),
      edge("lib/format.ts"),
    ]],
    ["routes/c.tsx", [edge("lib/script/schemas.ts")]],
    ["lib/script/service.ts", [edge("lib/script/schemas.ts")]],
  ]);
  const schema =
    "a zod schema module: take its types from the module's shared.ts";
  assert.deepEqual(uiImportViolations(made), [
    `components/b.ts imports lib/role_schema.ts ("lib/role_schema.ts", line 1): ${schema}`,
    'components/b.ts imports lib/tasks/task_store.ts ("lib/tasks/task_store.ts", line 1): a store module',
    'components/b.ts imports npm:zod ("zod", line 1): the zod package is server-only',
    `islands/A.tsx imports lib/script/schemas.ts ("@/lib/script/schemas.ts", line 7): ${schema}`,
  ]);
});

Deno.test("boundaries - what counts as server-only", () => {
  const cases: [string, string | undefined, boolean][] = [
    ["npm:jose", undefined, true],
    ["npm:preact", undefined, false],
    ["lib/store/kv.ts", "", true],
    ["server/state.ts", "", true],
    ["lib/tasks/task_store.ts", "", true],
    ["lib/service.ts", "", true],
    ["lib/team/team_service.ts", "", true],
    ["lib/restore_hint.ts", "", false],
    ["lib/a.ts", "const kv = await Deno.openKv();", true],
    ["lib/a.ts", "const env = globalThis.Deno?.env;", true],
    ["lib/a.ts", 'const hint = "Deno";', false],
  ];
  for (const [module, code, serverOnly] of cases) {
    assert.equal(
      serverOnlyReason(module, code) !== undefined,
      serverOnly,
      `${module}: ${code}`,
    );
  }
});

Deno.test("boundaries - a store's authorization import is named with its line", () => {
  assert.ok(isModuleStore("lib/tasks/task_store.ts"));
  assert.ok(isModuleStore("lib/vfx/store.ts"));
  assert.ok(!isModuleStore("lib/store/event_log.ts"));
  assert.ok(!isModuleStore("lib/tasks/service.ts"));
  const source = [
    'import { z } from "zod";',
    "import {",
    "  type Actor,",
    "  audienceFor,",
    "  can,",
    "  readScope as scope,",
    '} from "@/lib/policy.ts";',
  ].join("\n");
  assert.deepEqual(storeAuthorization("lib/x/store.ts", source), [
    "lib/x/store.ts imports can from lib/policy.ts (line 2): authorization belongs in its service",
    "lib/x/store.ts imports readScope from lib/policy.ts (line 2): authorization belongs in its service",
  ]);
  assert.deepEqual(
    storeAuthorization(
      "lib/x/store.ts",
      'import { audienceFor, type EventSubject } from "@/lib/policy.ts";',
    ),
    [],
  );
});
