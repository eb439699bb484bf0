import assert from "node:assert/strict";
import type { FsRouteFile } from "./build_cache.ts";
import type { Command } from "./commands.ts";
import { fsRouteCommands } from "./fs_routes.ts";

const Page = () => null;
const files = (...ids: string[]): FsRouteFile[] =>
  ids.map((id) => ({ id, mod: { default: Page } }));

function routes(commands: Command<unknown>[]) {
  return commands.flatMap((c) =>
    c.type === "route" ? [{ pattern: c.pattern, segment: c.segment }] : []
  );
}

Deno.test("fsRouteCommands - file names become URL patterns", () => {
  const result = routes(fsRouteCommands(files(
    "index",
    "about",
    "tasks/index",
    "tasks/[id]",
    "docs/[...slug]",
    "shop/[[item]]",
    "results/[date]/[os].json",
  )));
  assert.deepEqual(result.map((r) => r.pattern).sort(), [
    "/",
    "/about",
    "/docs/:slug*",
    "/results/:date/:os.json",
    "/shop{/:item}?",
    "/tasks",
    "/tasks/:id",
  ]);
});

Deno.test("fsRouteCommands - groups leave the URL but scope the segment", () => {
  const [about] = routes(fsRouteCommands(files("(marketing)/about")));
  assert.equal(about.pattern, "/about");
  assert.deepEqual(about.segment, ["(marketing)"]);
});

Deno.test("fsRouteCommands - index routes sit in their folder's segment", () => {
  const [tasks] = routes(fsRouteCommands(files("tasks/index")));
  assert.deepEqual(tasks.segment, ["tasks"]);
  const [sibling] = routes(fsRouteCommands(files("tasks")));
  assert.deepEqual(sibling.segment, []);
});

Deno.test("fsRouteCommands - static before [param] before [...rest]", () => {
  const result = routes(fsRouteCommands(files(
    "docs/[...slug]",
    "docs/[id]",
    "docs/[id]/edit",
    "docs/latest",
  )));
  assert.deepEqual(result.map((r) => r.pattern), [
    "/docs/latest",
    "/docs/:id",
    "/docs/:id/edit",
    "/docs/:slug*",
  ]);
});

Deno.test("fsRouteCommands - _app first, specials parents first, then routes", () => {
  const commands = fsRouteCommands(files(
    "a/_layout",
    "index",
    "_middleware",
    "_error",
    "a/_middleware",
    "_app",
    "_layout",
  ));
  assert.deepEqual(
    commands.map((c) =>
      c.type + ("segment" in c ? `:${c.segment.join("/")}` : "")
    ),
    [
      "app",
      "middleware:",
      "layout:",
      "error:",
      "middleware:a",
      "layout:a",
      "route:",
    ],
  );
});

Deno.test("fsRouteCommands - private (_folders) are skipped", () => {
  const result = routes(fsRouteCommands(files("(_islands)/Thing", "ok")));
  assert.deepEqual(result.map((r) => r.pattern), ["/ok"]);
});

Deno.test("fsRouteCommands - a middleware file may export an array", () => {
  const a = () => new Response("a");
  const b = () => new Response("b");
  const [cmd] = fsRouteCommands([{
    id: "_middleware",
    mod: { default: [a, b] },
  }]);
  assert.equal(cmd.type, "middleware");
  assert.deepEqual(cmd.type === "middleware" && cmd.fns, [a, b]);
});

Deno.test("fsRouteCommands - a route with neither handler nor page is refused", () => {
  assert.throws(
    () => fsRouteCommands([{ id: "broken", mod: { helper: 1 } }]),
    /routes\/broken: export a `handler` or a default page component/,
  );
});

Deno.test("fsRouteCommands - a prefix mounts routes below it", () => {
  const [route] = routes(fsRouteCommands(files("index", "x"), ["admin"]));
  assert.equal(route.pattern, "/admin");
  assert.deepEqual(route.segment, ["admin"]);
});
