import assert from "node:assert/strict";
import { SAMPLE_SCREENPLAY } from "@/lib/fountain/sample.ts";
import { latestEventId } from "@/lib/store/event_log.ts";
import { VersionConflictError } from "@/lib/store/errors.ts";
import { withKv } from "@/lib/store/testing.ts";
import { createScript, importDraft, updateScene } from "./service.ts";
import { as, director, manager, producer, rejects } from "./testing.ts";
import type { ServiceActor as ScriptActor } from "@/lib/service.ts";

Deno.test("script store - scene status moves and who may make them", () =>
  withKv(async (kv) => {
    const { script, scenes: [scene] } = await createScript(as(kv, director), {
      source: SAMPLE_SCREENPLAY,
    });
    const id = script.id;
    const move = (who: ScriptActor, status: string) =>
      updateScene(as(kv, who), id, scene.id, {
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
    const { script, scenes: list } = await createScript(as(kv, director), {
      source: SAMPLE_SCREENPLAY,
    });
    const id = script.id;
    const scene = list[2]; // EXT. JETTY - DAY
    assert.deepEqual(scene.breakdown.cast, ["ELLA", "BRAM", "MARGIT"]);
    let after = await updateScene(as(kv, manager), id, scene.id, {
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
    after = await updateScene(as(kv, manager), id, scene.id, {
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
      () =>
        updateScene(as(kv, manager), id, scene.id, { add: { props: many } }),
      400,
      "validation",
    );
    // A breakdown too large for a record: 413.
    const long = (c: string) =>
      Array.from({ length: 90 }, (_, i) => `${c}${i} ${"x".repeat(90)}`);
    await rejects(
      () =>
        updateScene(as(kv, manager), id, scene.id, {
          breakdown: { props: long("p"), extras: long("e") },
        }),
      413,
      "payload_too_large",
    );
    // A patch that changes nothing writes nothing.
    const same = await updateScene(as(kv, manager), id, scene.id, {
      add: { props: ["crate of tins"] },
    });
    assert.equal(same.version, 3);
    assert.equal(await latestEventId(kv), head);
    // An approved breakdown is locked; notes stay editable.
    await updateScene(as(kv, manager), id, scene.id, { status: "broken_down" });
    await updateScene(as(kv, director), id, scene.id, { status: "approved" });
    await rejects(
      () =>
        updateScene(as(kv, director), id, scene.id, {
          add: { props: ["Net"] },
        }),
      409,
      "invalid_transition",
      /locked/,
    );
    await rejects(
      () =>
        updateScene(as(kv, manager), id, scene.id, { add: { props: ["Net"] } }),
      403,
    );
    const noted = await updateScene(as(kv, manager), id, scene.id, {
      notes: "Low tide at 7",
    });
    assert.equal(noted.status, "approved");
    // Reopen and edit in one patch (director / producer).
    const reopened = await updateScene(as(kv, director), id, scene.id, {
      status: "broken_down",
      add: { props: ["Net"] },
    });
    assert.equal(reopened.status, "broken_down");
    assert.deepEqual(reopened.breakdown.props, ["Crate of tins", "Net"]);
    // Edit and approve in one patch.
    const both = await updateScene(as(kv, producer), id, scene.id, {
      status: "approved",
      remove: { props: ["Net"] },
    });
    assert.equal(both.status, "approved");
    assert.deepEqual(both.breakdown.props, ["Crate of tins"]);
  }));

Deno.test("script store - If-Match: stale is a 409 with the current scene", () =>
  withKv(async (kv) => {
    const { script, scenes: [scene] } = await createScript(as(kv, director), {
      source: SAMPLE_SCREENPLAY,
    });
    const ok = await updateScene(as(kv, manager), script.id, scene.id, {
      notes: "a",
    }, 1);
    assert.equal(ok.version, 2);
    await assert.rejects(
      () =>
        updateScene(as(kv, manager), script.id, scene.id, { notes: "b" }, 1),
      (error: unknown) =>
        error instanceof VersionConflictError &&
        (error.current as { notes: string }).notes === "a",
    );
    // Unknown scenes and scenes of other scripts: 404.
    const other = await createScript(as(kv, director), {
      title: "Other",
      source: "INT. A - DAY\n\nHi.\n",
    });
    await rejects(
      () =>
        updateScene(as(kv, manager), script.id, other.scenes[0].id, {
          notes: "x",
        }),
      404,
    );
    await rejects(
      () => updateScene(as(kv, manager), script.id, "missing", { notes: "x" }),
      404,
    );
    await rejects(
      () => updateScene(as(kv, manager), "missing", scene.id, { notes: "x" }),
      404,
    );
    await rejects(
      () =>
        importDraft(as(kv, manager), "missing", { source: SAMPLE_SCREENPLAY }),
      404,
    );
  }));
