import assert from "node:assert/strict";
import { inProduction, slugOfPath, withinProduction } from "./paths.ts";

Deno.test("inProduction - pages and module calls move under the production", () => {
  assert.equal(inProduction("nl", "/tasks/t1?edit"), "/p/nl/tasks/t1?edit");
  assert.equal(inProduction("nl", "/"), "/p/nl");
  assert.equal(inProduction("nl", "/?announced"), "/p/nl?announced");
  assert.equal(inProduction("nl", "/#feed"), "/p/nl#feed");
  assert.equal(inProduction("nl", "/budget#cat-1"), "/p/nl/budget#cat-1");
  assert.equal(inProduction("nl", "/api/tasks"), "/api/p/nl/tasks");
  assert.equal(
    inProduction("nl", "/api/reports/tasks.csv"),
    "/api/p/nl/reports/tasks.csv",
  );
});

Deno.test("inProduction - studio calls, fragments and other hosts stay", () => {
  for (
    const path of [
      "/api/auth/refresh",
      "/api/productions",
      "/api/productions/x",
      "/api/ws?production=x",
      "/api/health",
      "/api/p/other/tasks",
      "/p/other/tasks",
      "#main",
      "//evil.example/x",
      "https://example.com/",
    ]
  ) {
    assert.equal(inProduction("nl", path), path);
  }
});

Deno.test("slugOfPath / withinProduction - read the production back", () => {
  assert.equal(slugOfPath("/p/nl/tasks"), "nl");
  assert.equal(slugOfPath("/p/nl"), "nl");
  assert.equal(slugOfPath("/api/p/nl/tasks"), "nl");
  assert.equal(slugOfPath("/tasks"), null);
  assert.equal(slugOfPath("/px/nl"), null);
  assert.equal(withinProduction("/p/nl/tasks/1"), "/tasks/1");
  assert.equal(withinProduction("/p/nl"), "/");
  assert.equal(withinProduction("/login"), "/login");
});
