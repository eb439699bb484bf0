import assert from "node:assert/strict";
import { ConflictError } from "@/lib/errors.ts";
import { ApiError } from "@/lib/http/errors.ts";
import { SAMPLE_SCREENPLAY } from "@/lib/fountain/sample.ts";
import { latestEventId } from "@/lib/store/event_log.ts";
import { withKv } from "@/lib/store/testing.ts";
import { transact } from "@/lib/store/transaction.ts";
import { sweepAbandonedImports } from "./import_staging.ts";
import {
  createScript,
  getScene,
  getScript,
  importDraft,
  listScripts,
  updateScene,
} from "./service.ts";
import { MAX_SCENES } from "./shared.ts";
import { scenes, scriptVersions } from "./store.ts";
import {
  as,
  byNumber,
  count,
  crew,
  director,
  manager,
  producer,
  rejects,
  scriptEvents,
  synthetic,
  vfx,
} from "./testing.ts";

Deno.test("script store - importing the sample: draft 1, scenes, one event", () =>
  withKv(async (kv) => {
    const head = await latestEventId(kv);
    const detail = await createScript(as(kv, director), {
      source: SAMPLE_SCREENPLAY,
    });
    assert.equal(detail.script.title, "Salt Light");
    assert.equal(detail.script.currentVersion, 1);
    assert.equal(detail.script.sceneCount, 10);
    assert.equal(detail.script.createdByName, "Dana");
    assert.equal(detail.version.number, 1);
    assert.equal(detail.version.uploadedBy, director.id);
    assert.equal(detail.version.titlePage.author, "The ProdSight Team");
    assert.match(detail.version.sourceHash, /^[0-9a-f]{64}$/);
    assert.deepEqual(detail.version.summary, {
      added: 10,
      removed: 0,
      changed: 0,
      unchanged: 0,
    });
    assert.equal(detail.scenes.length, 10);
    assert.equal(
      detail.script.eighths,
      detail.scenes.reduce((n, s) => n + s.eighths, 0),
    );
    assert.ok(
      detail.scenes.every((s) => s.importId === detail.version.importId),
    );
    const events = await scriptEvents(kv, head);
    assert.equal(events.length, 1);
    const data = events[0].data;
    assert.equal(data.action, "imported");
    if (data.action === "imported") {
      assert.deepEqual(data.script, detail.script);
      assert.deepEqual(data.summary, {
        added: 10,
        removed: 0,
        changed: 0,
        unchanged: 0,
        scenes: 10,
      });
    }
    // Reading it back gives the same.
    assert.deepEqual(await getScript(as(kv, crew), detail.script.id), detail);
    assert.deepEqual(await listScripts(as(kv, vfx)), [detail.script]);
    // No import marker left behind.
    assert.equal(await count(kv, ["script_imports"]), 0);
  }));

Deno.test("script store - an explicit title wins over the title page; none at all is a 400", () =>
  withKv(async (kv) => {
    const named = await createScript(as(kv, producer), {
      title: "Salt Light (shooting script)",
      source: SAMPLE_SCREENPLAY,
    });
    assert.equal(named.script.title, "Salt Light (shooting script)");
    assert.equal(named.version.titlePageTitle, "Salt Light");
    await rejects(
      () => createScript(as(kv, producer), { source: "INT. A - DAY\n\nHi.\n" }),
      400,
      "validation",
    );
  }));

Deno.test("script store - refused sources write nothing", () =>
  withKv(async (kv) => {
    const head = await latestEventId(kv);
    await rejects(
      () =>
        createScript(as(kv, director), { title: "T", source: "Just words." }),
      400,
      "validation",
      /invalid/,
    );
    await rejects(
      () =>
        createScript(as(kv, director), {
          title: "T",
          source: "INT. A - DAY\n\n" + "word ".repeat(500_000),
        }),
      413,
      "payload_too_large",
      /larger than 2 MiB/,
    );
    await rejects(
      () =>
        createScript(as(kv, director), {
          title: "T",
          source: "INT. A - DAY\n\nA\u0000B\n",
        }),
      415,
      "unsupported_media_type",
    );
    // One absurdly long scene: a clear 413 naming it.
    await rejects(
      () =>
        createScript(as(kv, director), {
          title: "T",
          source: "INT. A - DAY #1#\n\nHi.\n\nINT. B - DAY #2#\n\n" +
            "Rain falls. ".repeat(3000),
        }),
      413,
      "payload_too_large",
      /Scene 2 \(INT\. B - DAY\) is too long/,
    );
    await rejects(
      () =>
        createScript(as(kv, director), {
          title: "T",
          source: Array.from(
            { length: MAX_SCENES + 1 },
            (_, i) => `INT. ROOM ${i} - DAY\n\nX.\n\n`,
          ).join(""),
        }),
      413,
      "payload_too_large",
      /scenes; at most/,
    );
    assert.equal(await latestEventId(kv), head);
    assert.equal(await count(kv, ["scripts"]), 0);
    assert.equal(await count(kv, ["script_scenes"]), 0);
    assert.equal(await count(kv, ["script_imports"]), 0);
  }));

Deno.test("script store - a new draft: diff, carried breakdowns, history kept, one event", () =>
  withKv(async (kv) => {
    const first = await createScript(as(kv, director), {
      source: SAMPLE_SCREENPLAY,
    });
    const id = first.script.id;
    const s1 = byNumber(first, "1");
    const s3 = byNumber(first, "3");
    const s6 = byNumber(first, "6");
    await updateScene(as(kv, manager), id, s1.id, {
      add: { props: ["Mug"] },
      status: "broken_down",
    });
    await updateScene(as(kv, director), id, s1.id, { status: "approved" });
    await updateScene(as(kv, director), id, s3.id, {
      add: { vehicles: ["Supply boat"] },
      status: "broken_down",
    });
    await updateScene(as(kv, producer), id, s3.id, { status: "approved" });
    await updateScene(as(kv, manager), id, s6.id, { notes: "Wind machine" });
    const head = await latestEventId(kv);

    // Scene 3 rewritten, scene 6 cut, a scene 6A added.
    const source = SAMPLE_SCREENPLAY
      .replace("Eight. Mostly in circles.", "Nine. Hardly any circles.")
      .replace(
        /EXT\. LIGHTHOUSE - GALLERY - DAY #6#[\s\S]*?(?=INT\. LIGHTHOUSE - KITCHEN - NIGHT)/,
        "",
      )
      .replace(
        "CUT TO:\n\n",
        "CUT TO:\n\nINT. LIGHTHOUSE - BEDROOM - NIGHT #6A#\n\nElla sleeps.\n\n",
      );
    const second = await importDraft(as(kv, producer), id, { source });
    assert.equal(second.script.currentVersion, 2);
    assert.equal(second.script.sceneCount, 10);
    assert.deepEqual(second.version.summary, {
      added: 1,
      removed: 1,
      changed: 1,
      unchanged: 8,
    });
    assert.equal(second.version.uploadedByName, "Paula");
    assert.deepEqual(second.versions.map((v) => v.number), [1, 2]);
    assert.equal(second.scenes.length, 11);
    assert.deepEqual(
      second.scenes.map((s) => `${s.number}:${s.change}:${s.status}`),
      [
        "1:unchanged:approved",
        "2:unchanged:draft",
        "3:changed:broken_down",
        "4:unchanged:draft",
        "5:unchanged:draft",
        "6:removed:omitted",
        "7:unchanged:draft",
        "6A:added:draft",
        "8:unchanged:draft",
        "9:unchanged:draft",
        "10:unchanged:draft",
      ],
    );
    const n1 = byNumber(second, "1");
    assert.equal(n1.key, s1.key);
    assert.equal(n1.previousId, s1.id);
    assert.deepEqual(n1.breakdown.props, ["Mug"]);
    assert.equal(n1.approvedBy, director.id);
    assert.equal(n1.needsReview, false);
    const n3 = byNumber(second, "3");
    assert.equal(n3.needsReview, true);
    assert.deepEqual(n3.breakdown.vehicles, ["Supply boat"]);
    assert.equal(n3.approvedBy, null);
    const n6 = byNumber(second, "6");
    assert.equal(n6.notes, "Wind machine");
    assert.ok(second.scenes.every((s) => s.draftVersion === 2));

    // Exactly one event for the whole import.
    const events = await scriptEvents(kv, head);
    assert.equal(events.length, 1);
    assert.equal(events[0].data.action, "imported");

    // Draft 1 is history, unchanged and read-only.
    const old = await getScript(as(kv, crew), id, 1);
    assert.equal(old.version.number, 1);
    assert.equal(old.script.currentVersion, 2);
    assert.ok(old.scenes.every((s) => s.draftVersion === 1));
    assert.equal(byNumber(old, "3").status, "approved");
    assert.equal(old.scenes.length, 10);
    await rejects(
      () => updateScene(as(kv, director), id, s3.id, { notes: "late" }),
      409,
      "read_only",
      /draft 1, which is history: draft 2 is current/,
    );
    await rejects(() => getScript(as(kv, crew), id, 3), 404);
    assert.equal((await getScene(as(kv, crew), id, s3.id)).draftVersion, 1);

    // Approving the changed scene clears its review flag.
    const approved = await updateScene(as(kv, director), id, n3.id, {
      status: "approved",
    });
    assert.equal(approved.needsReview, false);
    assert.equal(approved.approvedByName, "Dana");
    // A removed scene cannot be restored.
    await rejects(
      () => updateScene(as(kv, manager), id, n6.id, { status: "draft" }),
      409,
      "invalid_transition",
      /removed from the script in draft 2/,
    );
  }));

Deno.test("script store - re-importing the same source changes nothing but the draft number", () =>
  withKv(async (kv) => {
    const first = await createScript(as(kv, director), {
      source: SAMPLE_SCREENPLAY,
    });
    const again = await importDraft(as(kv, director), first.script.id, {
      source: SAMPLE_SCREENPLAY,
    });
    assert.deepEqual(again.version.summary, {
      added: 0,
      removed: 0,
      changed: 0,
      unchanged: 10,
    });
    assert.equal(again.version.sourceHash, first.version.sourceHash);
    assert.deepEqual(
      again.scenes.map((s) => s.key),
      first.scenes.map((s) => s.key),
    );
  }));

Deno.test("script store - staged scenes of an unfinished import are invisible and swept", () =>
  withKv(async (kv) => {
    const detail = await createScript(as(kv, director), {
      source: SAMPLE_SCREENPLAY,
    });
    const id = detail.script.id;
    // What a crashed import leaves: a marker and scenes under its importId.
    const importId = "crashed-import";
    const startedAt = Date.now() - 2 * 60 * 60 * 1000;
    await kv.set(["script_imports", importId], { scriptId: id, startedAt });
    const orphan = await transact(kv, (tx) =>
      scenes.insert(tx, {
        ...detail.scenes[0],
        draftVersion: 2,
        importId,
      })).then((c) => c.result);
    assert.equal((await getScript(as(kv, crew), id)).scenes.length, 10);
    await rejects(() => getScene(as(kv, crew), id, orphan.id), 404);
    await rejects(
      () => updateScene(as(kv, director), id, orphan.id, { notes: "x" }),
      404,
    );
    // A recent marker is an import in progress: left alone.
    await kv.set(["script_imports", "running"], {
      scriptId: id,
      startedAt: Date.now(),
    });
    assert.equal(await sweepAbandonedImports(kv), 1);
    assert.equal(await scenes.get(kv, orphan.id), null);
    assert.equal(await count(kv, ["script_imports"]), 1);
    assert.equal(await count(kv, ["script_scenes"]), 10);
  }));

Deno.test("script store - a large draft imports in several commits and is never seen half done", () =>
  withKv(async (kv) => {
    const n = 300;
    const first = await createScript(as(kv, director), {
      title: "Big",
      source: synthetic(n),
    });
    assert.equal(first.scenes.length, n);
    const id = first.script.id;
    const target = first.scenes[5];
    const edited = synthetic(
      n,
      (i, s) => i % 10 === 0 ? s.replace("falling", "rising") : s,
    );
    const head = await latestEventId(kv);

    let done = false;
    const importing = importDraft(as(kv, producer), id, { source: edited })
      .finally(() => done = true);
    // A breakdown edit while the import runs: never lost. Either it lands
    // before the import's last commit (which then plans again and carries
    // it over) or after it (then draft 1 is history: a 409).
    const edit = updateScene(as(kv, manager), id, target.id, {
      add: { props: ["Barometer"] },
    }).then(
      () => "ok",
      (e) =>
        e instanceof ApiError || e instanceof ConflictError
          ? e.code
          : String(e),
    );
    const seen: number[] = [];
    const until = Date.now() + 60_000;
    while (!done) {
      assert.ok(Date.now() < until, "the import finishes within a minute");
      const now = await getScript(as(kv, crew), id);
      // Whatever draft is current, all of its scenes are there.
      assert.equal(
        now.scenes.length,
        now.version.sceneCount + now.version.summary.removed,
      );
      assert.equal((await listScripts(as(kv, crew))).length, 1);
      seen.push(now.script.currentVersion);
    }
    const second = await importing;
    const outcome = await edit;
    assert.equal(second.scenes.length, n);
    assert.deepEqual(second.version.summary, {
      added: 0,
      removed: 0,
      changed: 30,
      unchanged: 270,
    });
    const carried = second.scenes.find((s) => s.key === target.key)!;
    if (outcome === "ok") {
      assert.deepEqual(carried.breakdown.props, ["Barometer"]);
    } else {
      assert.equal(outcome, "read_only");
    }
    assert.ok(seen.length > 0);
    // Exactly two drafts of scenes stored, no staging left.
    assert.equal(await count(kv, ["script_scenes"]), 2 * n);
    assert.equal(await count(kv, ["script_imports"]), 0);
    const events = await scriptEvents(kv, head);
    assert.deepEqual(
      events.map((e) => e.data.action),
      outcome === "ok" ? ["scene_updated", "imported"] : ["imported"],
    );
    assert.equal(
      (await scriptVersions.findBy(kv, "script", id)).length,
      2,
    );
  }));

Deno.test("script store - two drafts imported at once: both land, one after the other", () =>
  withKv(async (kv) => {
    const first = await createScript(as(kv, director), {
      source: SAMPLE_SCREENPLAY,
    });
    const id = first.script.id;
    const a = SAMPLE_SCREENPLAY.replace(
      "Three... four.",
      "Three... four... five.",
    );
    const b = SAMPLE_SCREENPLAY.replace("Like a name.", "Like a song.");
    const results = await Promise.allSettled([
      importDraft(as(kv, director), id, { source: a }),
      importDraft(as(kv, producer), id, { source: b }),
    ]);
    const ok = results.filter((r) => r.status === "fulfilled");
    assert.ok(ok.length >= 1);
    const final = await getScript(as(kv, crew), id);
    assert.equal(final.script.currentVersion, 1 + ok.length);
    assert.equal(await count(kv, ["script_imports"]), 0);
    // Only published drafts' scenes are stored.
    assert.equal(await count(kv, ["script_scenes"]), 10 * (1 + ok.length));
  }));
