import assert from "node:assert/strict";
import { SAMPLE_SCREENPLAY } from "@/lib/fountain/sample.ts";
import { latestEventId } from "@/lib/store/event_log.ts";
import { withKv } from "@/lib/store/testing.ts";
import { ForbiddenError, NotFoundError } from "@/lib/errors.ts";
import { serviceContext } from "@/lib/service.ts";
import {
  createScript,
  getReports,
  getReportsDetail,
  getScene,
  getSceneInDraft,
  getScript,
  importDraft,
  listScripts,
  updateScene,
} from "./service.ts";
import {
  as,
  crew,
  director,
  distribution,
  manager,
  producer,
  rejects,
  vfx,
} from "./testing.ts";

Deno.test("script store - permissions: distribution reads nothing, crew and vfx write nothing", () =>
  withKv(async (kv) => {
    const { script, scenes: [scene] } = await createScript(as(kv, director), {
      source: SAMPLE_SCREENPLAY,
    });
    const head = await latestEventId(kv);
    await rejects(() => listScripts(as(kv, distribution)), 403);
    await rejects(() => getScript(as(kv, distribution), script.id), 403);
    await rejects(() => getScript(as(kv, distribution), "missing"), 403);
    await rejects(() => getReports(as(kv, distribution), script.id), 403);
    await rejects(
      () => getScene(as(kv, distribution), script.id, scene.id),
      403,
    );
    for (const who of [crew, vfx, distribution]) {
      await rejects(
        () => createScript(as(kv, who), { source: SAMPLE_SCREENPLAY }),
        403,
      );
      await rejects(
        () =>
          importDraft(as(kv, who), script.id, { source: SAMPLE_SCREENPLAY }),
        403,
      );
      await rejects(
        () => updateScene(as(kv, who), script.id, scene.id, { notes: "x" }),
        403,
      );
    }
    for (const who of [crew, vfx, producer, manager, director]) {
      assert.equal((await getScript(as(kv, who), script.id)).scenes.length, 10);
    }
    assert.equal(await latestEventId(kv), head);
  }));

Deno.test("script service - times come from the context's clock", () =>
  withKv(async (kv) => {
    const at = new Date("2027-03-01T10:00:00.000Z");
    const cx = serviceContext(kv, director, () => at);
    const detail = await createScript(cx, { source: SAMPLE_SCREENPLAY });
    assert.equal(detail.version.uploadedAt, at.toISOString());
    assert.equal(detail.script.createdAt, at.toISOString());
    const scene = detail.scenes[0];
    await updateScene(cx, detail.script.id, scene.id, {
      status: "broken_down",
    });
    const later = new Date("2027-03-02T08:30:00.000Z");
    const approved = await updateScene(
      serviceContext(kv, producer, () => later),
      detail.script.id,
      scene.id,
      { status: "approved" },
    );
    assert.equal(approved.approvedAt, later.toISOString());
    assert.equal(approved.updatedAt, later.toISOString());
    assert.equal(approved.approvedByName, "Paula");
  }));

Deno.test("script service - getters throw domain errors, never return null", () =>
  withKv(async (kv) => {
    const detail = await createScript(as(kv, director), {
      source: SAMPLE_SCREENPLAY,
    });
    const id = detail.script.id;
    await assert.rejects(
      () => getScript(as(kv, crew), "missing"),
      (e) => e instanceof NotFoundError && e.what === "script",
    );
    await assert.rejects(
      () => getScript(as(kv, crew), id, 2),
      (e) => e instanceof NotFoundError && /has no draft 2/.test(e.message),
    );
    await assert.rejects(
      () => getScene(as(kv, crew), id, "missing"),
      (e) => e instanceof NotFoundError && e.what === "scene",
    );
    await assert.rejects(
      () => listScripts(as(kv, distribution)),
      (e) => e instanceof ForbiddenError,
    );
    await assert.rejects(
      () =>
        updateScene(as(kv, manager), id, detail.scenes[0].id, {
          status: "approved",
        }),
      (e) => e instanceof ForbiddenError && /approves/.test(e.message),
    );
  }));

Deno.test("script service - the reports page's detail is the API's reports", () =>
  withKv(async (kv) => {
    const detail = await createScript(as(kv, director), {
      source: SAMPLE_SCREENPLAY,
    });
    const page = await getReportsDetail(as(kv, crew), detail.script.id);
    assert.deepEqual(
      page.reports,
      await getReports(as(kv, crew), detail.script.id),
    );
    assert.equal(page.scenes.length, detail.scenes.length);
    const sheet = await getSceneInDraft(
      as(kv, crew),
      detail.script.id,
      detail.scenes[1].id,
    );
    assert.equal(sheet.scene.id, detail.scenes[1].id);
    assert.deepEqual(
      sheet.scenes.map((s) => s.id),
      page.scenes.map((s) => s.id),
    );
  }));
