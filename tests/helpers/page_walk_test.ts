import assert from "node:assert/strict";
import { pageKind, pageRoute, walkableLink } from "./page_walk.ts";

const ORIGIN = "http://127.0.0.1:8000";

Deno.test("page walk - only same-origin pages are walked", () => {
  assert.equal(
    walkableLink("/tasks?status=done", ORIGIN),
    "/tasks?status=done",
  );
  assert.equal(walkableLink(`${ORIGIN}/vfx`, ORIGIN), "/vfx");
  assert.equal(walkableLink("https://example.com/", ORIGIN), null);
  assert.equal(walkableLink("/api/budget/export.csv", ORIGIN), null);
  assert.equal(walkableLink("/static/styles.css", ORIGIN), null);
  assert.equal(walkableLink("#main", ORIGIN), null);
  assert.equal(walkableLink("/logout", ORIGIN), null);
  assert.equal(walkableLink("mailto:a@b.c", ORIGIN), null);
});

Deno.test("page walk - records of one kind are one page kind", () => {
  const id = crypto.randomUUID();
  assert.equal(pageKind(`/tasks/${id}`), "/tasks/:id");
  assert.equal(pageKind(`/tasks/${id}?edit=1`), "/tasks/:id");
  assert.equal(pageKind("/tasks"), "/tasks");
  assert.equal(
    pageKind(`/script/${id}/scenes/${id}`),
    "/script/:id/scenes/:id",
  );
  assert.equal(pageKind(`/script/${id}/reports`), "/script/:id/reports");
  assert.equal(pageKind("/vfx/NL_010_0040"), "/vfx/:id");
  // Inside a production: the slug is the production, never a record id.
  assert.equal(
    pageKind(`/p/northern-lights/tasks/${id}`),
    "/p/northern-lights/tasks/:id",
  );
  assert.equal(
    pageKind("/p/northern-lights/tasks"),
    "/p/northern-lights/tasks",
  );
  assert.equal(pageKind("/p/saltwater-block-2"), "/p/saltwater-block-2");
  assert.equal(
    pageKind(`/p/saltwater-block-2/vfx/${id}`),
    "/p/saltwater-block-2/vfx/:id",
  );
});

Deno.test("page walk - a page's route is its kind in every production", () => {
  const routes = [
    "/",
    "/admin",
    "/p/:slug",
    "/p/:slug/tasks",
    "/p/:slug/tasks/:id",
    "/p/:slug/script/:id/scenes/:sceneId",
  ];
  const id = crypto.randomUUID();
  assert.equal(pageRoute("/", routes), "/");
  assert.equal(pageRoute("/admin?done=created", routes), "/admin");
  assert.equal(pageRoute("/p/saltwater-block-2", routes), "/p/:slug");
  assert.equal(pageRoute("/p/northern-lights/tasks", routes), "/p/:slug/tasks");
  assert.equal(
    pageRoute(`/p/northern-lights/tasks/${id}?edit=1`, routes),
    "/p/:slug/tasks/:id",
  );
  assert.equal(
    pageRoute(`/p/saltwater-block-2/script/${id}/scenes/${id}`, routes),
    "/p/:slug/script/:id/scenes/:sceneId",
  );
  assert.equal(pageRoute("/p/northern-lights/nowhere/x", routes), null);
});
