import assert from "node:assert/strict";
import { SAMPLE_SCREENPLAY } from "@/lib/fountain/sample.ts";
import { syntheticScene } from "@/lib/fountain/testing.ts";
import { ApiError } from "@/lib/http/errors.ts";
import {
  latestEventId,
  readEventsAfter,
  type StoredEvent,
} from "@/lib/store/event_log.ts";
import { VersionConflictError } from "@/lib/store/errors.ts";
import { withKv } from "@/lib/store/testing.ts";
import { transact } from "@/lib/store/transaction.ts";
import { type ScriptUpdateData, ScriptUpdateDataSchema } from "./schemas.ts";
import {
  buildReports,
  createScript,
  getReports,
  getScene,
  getScript,
  importDraft,
  listScripts,
  MAX_SCENES,
  scenes,
  type ScriptActor,
  type ScriptDetail,
  scripts,
  scriptVersions,
  sweepAbandonedImports,
  updateScene,
} from "./script_store.ts";
import { seedScript } from "./seed.ts";

const director: ScriptActor = { id: "u-dir", name: "Dana", role: "director" };
const producer: ScriptActor = { id: "u-pro", name: "Paula", role: "producer" };
const manager: ScriptActor = {
  id: "u-pm",
  name: "Marcus",
  role: "production_manager",
};
const crew: ScriptActor = { id: "u-crew", name: "Sam", role: "crew" };
const vfx: ScriptActor = { id: "u-vfx", name: "Ines", role: "vfx" };
const distribution: ScriptActor = {
  id: "u-dist",
  name: "Theo",
  role: "distribution_manager",
};

/** Runs `fn`, expecting an ApiError with `status` (and `code`). */
async function rejects(
  fn: () => Promise<unknown>,
  status: number,
  code?: string,
  message?: RegExp,
) {
  await assert.rejects(fn, (error: unknown) => {
    assert.ok(error instanceof ApiError, String(error));
    assert.equal(error.status, status, error.message);
    if (code !== undefined) assert.equal(error.code, code);
    if (message !== undefined) assert.match(error.message, message);
    return true;
  });
}

async function scriptEvents(
  kv: Deno.Kv,
  after: string,
): Promise<(StoredEvent & { data: ScriptUpdateData })[]> {
  const page = await readEventsAfter(kv, after, 10_000);
  assert.ok(!page.resync);
  if (page.resync) return [];
  return page.events.map((e) => {
    assert.equal(e.type, "script_update");
    assert.deepEqual(e.audience, {
      roles: ["producer", "production_manager", "director", "crew", "vfx"],
      users: [],
    });
    return { ...e, data: ScriptUpdateDataSchema.parse(e.data) };
  });
}

/** Every key under `prefix`. */
async function count(kv: Deno.Kv, prefix: Deno.KvKey): Promise<number> {
  let n = 0;
  for await (const _ of kv.list({ prefix })) n++;
  return n;
}

function byNumber(detail: ScriptDetail, number: string) {
  const scene = detail.scenes.find((s) => s.number === number);
  assert.ok(scene, `scene ${number}`);
  return scene;
}

function synthetic(n: number, edit = (_i: number, s: string) => s): string {
  return Array.from({ length: n }, (_, i) => edit(i, syntheticScene(i)))
    .join("");
}

Deno.test("script store - importing the sample: draft 1, scenes, one event", () =>
  withKv(async (kv) => {
    const head = await latestEventId(kv);
    const detail = await createScript(kv, director, {
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
    assert.deepEqual(await getScript(kv, crew, detail.script.id), detail);
    assert.deepEqual(await listScripts(kv, vfx), [detail.script]);
    // No import marker left behind.
    assert.equal(await count(kv, ["script_imports"]), 0);
  }));

Deno.test("script store - an explicit title wins over the title page; none at all is a 400", () =>
  withKv(async (kv) => {
    const named = await createScript(kv, producer, {
      title: "Salt Light (shooting script)",
      source: SAMPLE_SCREENPLAY,
    });
    assert.equal(named.script.title, "Salt Light (shooting script)");
    assert.equal(named.version.titlePageTitle, "Salt Light");
    await rejects(
      () => createScript(kv, producer, { source: "INT. A - DAY\n\nHi.\n" }),
      400,
      "validation",
    );
  }));

Deno.test("script store - refused sources write nothing", () =>
  withKv(async (kv) => {
    const head = await latestEventId(kv);
    await rejects(
      () => createScript(kv, director, { title: "T", source: "Just words." }),
      400,
      "validation",
      /invalid/,
    );
    await rejects(
      () =>
        createScript(kv, director, {
          title: "T",
          source: "INT. A - DAY\n\n" + "word ".repeat(500_000),
        }),
      413,
      "payload_too_large",
      /larger than 2 MiB/,
    );
    await rejects(
      () =>
        createScript(kv, director, {
          title: "T",
          source: "INT. A - DAY\n\nA\u0000B\n",
        }),
      415,
      "unsupported_media_type",
    );
    // One absurdly long scene: a clear 413 naming it.
    await rejects(
      () =>
        createScript(kv, director, {
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
        createScript(kv, director, {
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

Deno.test("script store - permissions: distribution reads nothing, crew and vfx write nothing", () =>
  withKv(async (kv) => {
    const { script, scenes: [scene] } = await createScript(kv, director, {
      source: SAMPLE_SCREENPLAY,
    });
    const head = await latestEventId(kv);
    await rejects(() => listScripts(kv, distribution), 403);
    await rejects(() => getScript(kv, distribution, script.id), 403);
    await rejects(() => getScript(kv, distribution, "missing"), 403);
    await rejects(() => getReports(kv, distribution, script.id), 403);
    await rejects(() => getScene(kv, distribution, script.id, scene.id), 403);
    for (const who of [crew, vfx, distribution]) {
      await rejects(
        () => createScript(kv, who, { source: SAMPLE_SCREENPLAY }),
        403,
      );
      await rejects(
        () => importDraft(kv, who, script.id, { source: SAMPLE_SCREENPLAY }),
        403,
      );
      await rejects(
        () => updateScene(kv, who, script.id, scene.id, { notes: "x" }),
        403,
      );
    }
    for (const who of [crew, vfx, producer, manager, director]) {
      assert.equal((await getScript(kv, who, script.id)).scenes.length, 10);
    }
    assert.equal(await latestEventId(kv), head);
  }));

Deno.test("script store - a new draft: diff, carried breakdowns, history kept, one event", () =>
  withKv(async (kv) => {
    const first = await createScript(kv, director, {
      source: SAMPLE_SCREENPLAY,
    });
    const id = first.script.id;
    const s1 = byNumber(first, "1");
    const s3 = byNumber(first, "3");
    const s6 = byNumber(first, "6");
    await updateScene(kv, manager, id, s1.id, {
      add: { props: ["Mug"] },
      status: "broken_down",
    });
    await updateScene(kv, director, id, s1.id, { status: "approved" });
    await updateScene(kv, director, id, s3.id, {
      add: { vehicles: ["Supply boat"] },
      status: "broken_down",
    });
    await updateScene(kv, producer, id, s3.id, { status: "approved" });
    await updateScene(kv, manager, id, s6.id, { notes: "Wind machine" });
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
    const second = await importDraft(kv, producer, id, { source });
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
    const old = await getScript(kv, crew, id, 1);
    assert.equal(old.version.number, 1);
    assert.equal(old.script.currentVersion, 2);
    assert.ok(old.scenes.every((s) => s.draftVersion === 1));
    assert.equal(byNumber(old, "3").status, "approved");
    assert.equal(old.scenes.length, 10);
    await rejects(
      () => updateScene(kv, director, id, s3.id, { notes: "late" }),
      409,
      "read_only",
      /draft 1, which is history: draft 2 is current/,
    );
    await rejects(() => getScript(kv, crew, id, 3), 404);
    assert.equal((await getScene(kv, crew, id, s3.id)).draftVersion, 1);

    // Approving the changed scene clears its review flag.
    const approved = await updateScene(kv, director, id, n3.id, {
      status: "approved",
    });
    assert.equal(approved.needsReview, false);
    assert.equal(approved.approvedByName, "Dana");
    // A removed scene cannot be restored.
    await rejects(
      () => updateScene(kv, manager, id, n6.id, { status: "draft" }),
      409,
      "invalid_transition",
      /removed from the script in draft 2/,
    );
  }));

Deno.test("script store - re-importing the same source changes nothing but the draft number", () =>
  withKv(async (kv) => {
    const first = await createScript(kv, director, {
      source: SAMPLE_SCREENPLAY,
    });
    const again = await importDraft(kv, director, first.script.id, {
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

Deno.test("script store - scene status moves and who may make them", () =>
  withKv(async (kv) => {
    const { script, scenes: [scene] } = await createScript(kv, director, {
      source: SAMPLE_SCREENPLAY,
    });
    const id = script.id;
    const move = (who: ScriptActor, status: string) =>
      updateScene(kv, who, id, scene.id, {
        status: status as "draft",
      });
    await rejects(
      () => move(director, "approved"),
      409,
      "invalid_transition",
      /break it down first/,
    );
    await rejects(
      () => move(manager, "approved"),
      403,
      "forbidden",
      /director or the producer approves/,
    );
    assert.equal((await move(manager, "broken_down")).status, "broken_down");
    assert.equal((await move(manager, "draft")).status, "draft");
    await move(manager, "broken_down");
    await rejects(() => move(manager, "approved"), 403);
    const approved = await move(producer, "approved");
    assert.equal(approved.status, "approved");
    assert.equal(approved.approvedBy, producer.id);
    assert.ok(approved.approvedAt);
    await rejects(
      () => move(manager, "broken_down"),
      403,
      "forbidden",
      /reopens/,
    );
    await rejects(
      () => move(director, "draft"),
      409,
      "invalid_transition",
      /reopen it as broken down first/,
    );
    const reopened = await move(director, "broken_down");
    assert.equal(reopened.approvedBy, null);
    assert.equal(reopened.approvedAt, null);
    await move(director, "approved");
    // Any writer omits from any status, and restores.
    const omitted = await move(manager, "omitted");
    assert.equal(omitted.status, "omitted");
    assert.equal(omitted.approvedBy, null);
    await rejects(() => move(director, "approved"), 409);
    assert.equal((await move(manager, "broken_down")).status, "broken_down");
  }));

Deno.test("script store - breakdown edits: replace, add, remove, limits, approved lock", () =>
  withKv(async (kv) => {
    const { script, scenes: list } = await createScript(kv, director, {
      source: SAMPLE_SCREENPLAY,
    });
    const id = script.id;
    const scene = list[2]; // EXT. JETTY - DAY
    assert.deepEqual(scene.breakdown.cast, ["ELLA", "BRAM", "MARGIT"]);
    let after = await updateScene(kv, manager, id, scene.id, {
      add: {
        props: ["  Crate  of tins ", "Rope"],
        cast: ["ella", "Harbour master"],
      },
    });
    assert.deepEqual(after.breakdown.props, ["Crate of tins", "Rope"]);
    // Tags are unique regardless of case; the first spelling stays.
    assert.deepEqual(after.breakdown.cast, [
      "ELLA",
      "BRAM",
      "MARGIT",
      "Harbour master",
    ]);
    after = await updateScene(kv, manager, id, scene.id, {
      remove: { props: ["ROPE"], cast: ["nobody"] },
      breakdown: { animals: ["Gulls", "gulls"] },
    });
    assert.deepEqual(after.breakdown.props, ["Crate of tins"]);
    assert.deepEqual(after.breakdown.animals, ["Gulls"]);
    assert.equal(after.version, 3);
    const head = await latestEventId(kv);
    // More than 100 tags in one category, once added: 400, nothing written.
    const many = Array.from({ length: 100 }, (_, i) => `Prop ${i}`);
    await rejects(
      () => updateScene(kv, manager, id, scene.id, { add: { props: many } }),
      400,
      "validation",
    );
    // A breakdown too large for a record: 413.
    const long = (c: string) =>
      Array.from({ length: 90 }, (_, i) => `${c}${i} ${"x".repeat(90)}`);
    await rejects(
      () =>
        updateScene(kv, manager, id, scene.id, {
          breakdown: { props: long("p"), extras: long("e") },
        }),
      413,
      "payload_too_large",
    );
    // A patch that changes nothing writes nothing.
    const same = await updateScene(kv, manager, id, scene.id, {
      add: { props: ["crate of tins"] },
    });
    assert.equal(same.version, 3);
    assert.equal(await latestEventId(kv), head);
    // An approved breakdown is locked; notes stay editable.
    await updateScene(kv, manager, id, scene.id, { status: "broken_down" });
    await updateScene(kv, director, id, scene.id, { status: "approved" });
    await rejects(
      () =>
        updateScene(kv, director, id, scene.id, { add: { props: ["Net"] } }),
      409,
      "invalid_transition",
      /locked/,
    );
    await rejects(
      () => updateScene(kv, manager, id, scene.id, { add: { props: ["Net"] } }),
      403,
    );
    const noted = await updateScene(kv, manager, id, scene.id, {
      notes: "Low tide at 7",
    });
    assert.equal(noted.status, "approved");
    // Reopen and edit in one patch (director / producer).
    const reopened = await updateScene(kv, director, id, scene.id, {
      status: "broken_down",
      add: { props: ["Net"] },
    });
    assert.equal(reopened.status, "broken_down");
    assert.deepEqual(reopened.breakdown.props, ["Crate of tins", "Net"]);
    // Edit and approve in one patch.
    const both = await updateScene(kv, producer, id, scene.id, {
      status: "approved",
      remove: { props: ["Net"] },
    });
    assert.equal(both.status, "approved");
    assert.deepEqual(both.breakdown.props, ["Crate of tins"]);
  }));

Deno.test("script store - If-Match: stale is a 409 with the current scene", () =>
  withKv(async (kv) => {
    const { script, scenes: [scene] } = await createScript(kv, director, {
      source: SAMPLE_SCREENPLAY,
    });
    const ok = await updateScene(kv, manager, script.id, scene.id, {
      notes: "a",
    }, 1);
    assert.equal(ok.version, 2);
    await assert.rejects(
      () => updateScene(kv, manager, script.id, scene.id, { notes: "b" }, 1),
      (error: unknown) =>
        error instanceof VersionConflictError &&
        (error.current as { notes: string }).notes === "a",
    );
    // Unknown scenes and scenes of other scripts: 404.
    const other = await createScript(kv, director, {
      title: "Other",
      source: "INT. A - DAY\n\nHi.\n",
    });
    await rejects(
      () =>
        updateScene(kv, manager, script.id, other.scenes[0].id, { notes: "x" }),
      404,
    );
    await rejects(
      () => updateScene(kv, manager, script.id, "missing", { notes: "x" }),
      404,
    );
    await rejects(
      () => updateScene(kv, manager, "missing", scene.id, { notes: "x" }),
      404,
    );
    await rejects(
      () => importDraft(kv, manager, "missing", { source: SAMPLE_SCREENPLAY }),
      404,
    );
  }));

Deno.test("script store - staged scenes of an unfinished import are invisible and swept", () =>
  withKv(async (kv) => {
    const detail = await createScript(kv, director, {
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
    assert.equal((await getScript(kv, crew, id)).scenes.length, 10);
    await rejects(() => getScene(kv, crew, id, orphan.id), 404);
    await rejects(
      () => updateScene(kv, director, id, orphan.id, { notes: "x" }),
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
    const first = await createScript(kv, director, {
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
    const importing = importDraft(kv, producer, id, { source: edited })
      .finally(() => done = true);
    // A breakdown edit while the import runs: never lost. Either it lands
    // before the import's last commit (which then plans again and carries
    // it over) or after it (then draft 1 is history: a 409).
    const edit = updateScene(kv, manager, id, target.id, {
      add: { props: ["Barometer"] },
    }).then(() => "ok", (e) => e instanceof ApiError ? e.code : String(e));
    const seen: number[] = [];
    const until = Date.now() + 60_000;
    while (!done) {
      assert.ok(Date.now() < until, "the import finishes within a minute");
      const now = await getScript(kv, crew, id);
      // Whatever draft is current, all of its scenes are there.
      assert.equal(
        now.scenes.length,
        now.version.sceneCount + now.version.summary.removed,
      );
      assert.equal((await listScripts(kv, crew)).length, 1);
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
    const first = await createScript(kv, director, {
      source: SAMPLE_SCREENPLAY,
    });
    const id = first.script.id;
    const a = SAMPLE_SCREENPLAY.replace(
      "Three... four.",
      "Three... four... five.",
    );
    const b = SAMPLE_SCREENPLAY.replace("Like a name.", "Like a song.");
    const results = await Promise.allSettled([
      importDraft(kv, director, id, { source: a }),
      importDraft(kv, producer, id, { source: b }),
    ]);
    const ok = results.filter((r) => r.status === "fulfilled");
    assert.ok(ok.length >= 1);
    const final = await getScript(kv, crew, id);
    assert.equal(final.script.currentVersion, 1 + ok.length);
    assert.equal(await count(kv, ["script_imports"]), 0);
    // Only published drafts' scenes are stored.
    assert.equal(await count(kv, ["script_scenes"]), 10 * (1 + ok.length));
  }));

Deno.test("script store - reports: scenes and eighths per set and per cast member", () =>
  withKv(async (kv) => {
    const { script, scenes: list } = await createScript(kv, director, {
      source: SAMPLE_SCREENPLAY,
    });
    // A non-speaking cast member tagged by hand counts; an omitted scene does not.
    await updateScene(kv, manager, script.id, list[0].id, {
      add: { cast: ["Gull (puppet)"] },
    });
    await updateScene(kv, manager, script.id, list[4].id, {
      status: "omitted",
    });
    const reports = await getReports(kv, crew, script.id);
    assert.equal(reports.draftVersion, 1);
    assert.deepEqual(reports.totals, {
      scenes: 9,
      eighths: list.filter((_, i) => i !== 4).reduce(
        (n, s) => n + s.eighths,
        0,
      ),
      omitted: 1,
    });
    const locations = reports.byLocation.map((l) => l.location);
    assert.deepEqual(locations, [...locations].sort());
    assert.ok(!locations.includes("BRAM'S BOAT - MOVING"));
    const kitchen = reports.byLocation.find((l) =>
      l.location === "LIGHTHOUSE - KITCHEN"
    )!;
    assert.deepEqual(kitchen.scenes.map((s) => s.number), ["2", "7"]);
    assert.equal(kitchen.eighths, list[1].eighths + list[6].eighths);
    const jetty = reports.byLocation.find((l) => l.location === "JETTY")!;
    assert.deepEqual(jetty.scenes.map((s) => s.number), ["3", "10"]);
    const margit = reports.characters[0];
    assert.equal(margit.name, "MARGIT");
    assert.deepEqual(
      margit.scenes.map((s) => s.number),
      ["1", "2", "3", "4", "6", "8", "9", "10"],
    );
    const gull = reports.characters.find((c) => c.name === "Gull (puppet)")!;
    assert.deepEqual(gull.scenes.map((s) => s.index), [0]);
    // Coastguard speaks in 2, 5 (omitted) and 9.
    const coastguard = reports.characters.find((c) => c.name === "COASTGUARD")!;
    assert.deepEqual(coastguard.scenes.map((s) => s.number), ["2", "9"]);
    assert.deepEqual(buildReports([]).totals, {
      scenes: 0,
      eighths: 0,
      omitted: 0,
    });
  }));

Deno.test("script store - seedScript: the sample, broken down, two approved, no events", () =>
  withKv(async (kv) => {
    const head = await latestEventId(kv);
    assert.equal(
      await seedScript(kv, { director: { id: "u-dir", name: "Dana" } }),
      true,
    );
    assert.equal(
      await seedScript(kv, { director: { id: "u-dir", name: "Dana" } }),
      false,
    );
    assert.equal(await latestEventId(kv), head);
    const [script] = await scripts.list(kv);
    const detail = await getScript(kv, crew, script.id);
    assert.equal(detail.script.title, "Salt Light");
    assert.equal(detail.scenes.length, 10);
    const statuses = detail.scenes.map((s) => s.status);
    assert.equal(statuses.filter((s) => s === "approved").length, 2);
    assert.ok(statuses.filter((s) => s === "broken_down").length >= 2);
    assert.ok(statuses.includes("draft"));
    const approved = detail.scenes.filter((s) => s.status === "approved");
    assert.ok(approved.every((s) => s.approvedBy === "u-dir" && s.approvedAt));
    assert.ok(detail.scenes[1].breakdown.props.includes("Radio handset"));
    // Cast stays pre-filled.
    assert.deepEqual(detail.scenes[1].breakdown.cast, ["COASTGUARD", "MARGIT"]);
    // The seeded breakdown is editable as usual.
    const next = await updateScene(
      kv,
      manager,
      script.id,
      detail.scenes[2].id,
      {
        add: { props: ["Buoy"] },
      },
    );
    assert.ok(next.breakdown.props.includes("Buoy"));
  }));
