import assert from "node:assert/strict";
import { latestEventId, readEventsAfter } from "@/lib/store/event_log.ts";
import { withKv } from "@/lib/store/testing.ts";
import * as script from "@/lib/script/service.ts";
import { VfxUpdateDataSchema } from "./schemas.ts";
import { sceneRefs, withSceneKeys } from "./scene_links.ts";
import { type ServiceActor, serviceContext } from "@/lib/service.ts";
import { createShot, getShot, listShots, updateShot } from "./service.ts";
import { shots } from "./store.ts";

const director: ServiceActor = { id: "u-dir", name: "Dana", role: "director" };
const createScript = (
  kv: Deno.Kv,
  actor: ServiceActor,
  input: Parameters<typeof script.createScript>[1],
) => script.createScript(serviceContext(kv, actor), input);
const importDraft = (
  kv: Deno.Kv,
  actor: ServiceActor,
  id: string,
  input: Parameters<typeof script.importDraft>[2],
) => script.importDraft(serviceContext(kv, actor), id, input);
const artist: ServiceActor = { id: "u-vfx", name: "Ines", role: "vfx" };

const DRAFT_1 = `INT. LAMP ROOM - NIGHT

The lens turns.

EXT. JETTY - DAY

A boat comes in.
`;

// A scene added before the jetty (now the third scene): every scene of
// draft 2 is a new record with a new id.
const DRAFT_2 = `INT. LAMP ROOM - NIGHT

The lens turns.

INT. KITCHEN - DAY

Toast burns.

EXT. JETTY - DAY

A boat comes in.
`;

const newShot = (sceneKey: string | null) => ({
  code: "NL_030_0020",
  sceneKey,
  description: "",
  frameIn: 1001,
  frameOut: 1096,
  vendor: "",
  bidCents: 0,
  assigneeId: null,
});

Deno.test("scene links - a shot keeps its scene (number, heading) through a new draft", () =>
  withKv(async (kv) => {
    const first = await createScript(kv, director, {
      title: "Salt Light",
      source: DRAFT_1,
    });
    const jetty = first.scenes.find((s) => s.heading === "EXT. JETTY - DAY")!;
    const shot = await createShot(
      serviceContext(kv, artist),
      newShot(jetty.key),
    );
    assert.equal(shot.sceneKey, jetty.key);
    assert.equal("sceneId" in shot, false);

    const second = await importDraft(kv, director, first.script.id, {
      source: DRAFT_2,
    });
    const moved = second.scenes.find((s) => s.key === jetty.key)!;
    assert.notEqual(moved.id, jetty.id);

    const [listed] = await listShots(serviceContext(kv, artist));
    assert.equal(listed.sceneKey, jetty.key);
    const refs = await sceneRefs(kv, artist);
    assert.deepEqual(refs[jetty.key], {
      key: jetty.key,
      scriptId: first.script.id,
      scriptTitle: "Salt Light",
      sceneId: moved.id,
      number: "3",
      heading: "EXT. JETTY - DAY",
      removed: false,
    });
    assert.deepEqual(
      (await listShots(serviceContext(kv, artist), { sceneKey: jetty.key }))
        .map((s) => s.code),
      ["NL_030_0020"],
    );
  }));

Deno.test("scene links - a removed scene is named as removed; other roles get no scenes", () =>
  withKv(async (kv) => {
    const first = await createScript(kv, director, {
      title: "Salt Light",
      source: DRAFT_2,
    });
    const kitchen = first.scenes.find((s) => s.heading.includes("KITCHEN"))!;
    await importDraft(kv, director, first.script.id, { source: DRAFT_1 });
    const refs = await sceneRefs(kv, artist);
    assert.equal(refs[kitchen.key].removed, true);
    assert.deepEqual(
      await sceneRefs(kv, { id: "u-d", role: "distribution_manager" }),
      {},
    );
  }));

/** Rewrites a stored shot the way shots were stored before scene keys. */
async function storeLegacy(kv: Deno.Kv, id: string, sceneId: string) {
  const entry = await kv.get<Record<string, unknown>>([shots.name, id]);
  const { sceneKey: _, ...rest } = entry.value!;
  await kv.set([shots.name, id], { ...rest, sceneId });
}

Deno.test("scene links - shots stored with a per-draft scene id resolve to the key on read", () =>
  withKv(async (kv) => {
    const first = await createScript(kv, director, {
      title: "Salt Light",
      source: DRAFT_1,
    });
    const lamp = first.scenes[0];
    const shot = await createShot(serviceContext(kv, artist), newShot(null));
    await storeLegacy(kv, shot.id, lamp.id);
    await importDraft(kv, director, first.script.id, { source: DRAFT_2 });

    // Every read gives the key, never the old id.
    const [listed] = await listShots(serviceContext(kv, artist));
    assert.equal(listed.sceneKey, lamp.key);
    assert.equal("sceneId" in listed, false);
    assert.equal(
      (await getShot(serviceContext(kv, artist), shot.id)).shot.sceneKey,
      lamp.key,
    );
    assert.equal(
      (await listShots(serviceContext(kv, artist), { sceneKey: lamp.key }))
        .length,
      1,
    );
    assert.equal(
      (await sceneRefs(kv, artist))[lamp.key].heading,
      "INT. LAMP ROOM - NIGHT",
    );

    // A write that leaves the link alone answers (and announces) the key;
    // the stored record keeps its old id until the link is edited.
    const head = await latestEventId(kv);
    const moved = await updateShot(serviceContext(kv, artist), shot.id, {
      status: "in_progress",
    });
    assert.equal(moved.sceneKey, lamp.key);
    const page = await readEventsAfter(kv, head, 10);
    assert.ok(!page.resync && page.events.length === 1);
    const event = VfxUpdateDataSchema.parse(page.events[0].data);
    assert.equal(event.shot.sceneKey, lamp.key);
    assert.equal((await shots.get(kv, shot.id))!.sceneId, lamp.id);

    // Editing the link stores a key and drops the old id for good.
    const unlinked = await updateShot(serviceContext(kv, artist), shot.id, {
      sceneKey: null,
    });
    assert.equal(unlinked.sceneKey, null);
    const stored = (await shots.get(kv, shot.id))!;
    assert.equal(stored.sceneKey, null);
    assert.equal(stored.sceneId, undefined);
    assert.equal(
      (await getShot(serviceContext(kv, artist), shot.id)).shot.sceneKey,
      null,
    );
  }));

Deno.test("scene links - an old id whose scene record is gone reads as no scene", () =>
  withKv(async (kv) => {
    const shot = await createShot(serviceContext(kv, artist), newShot(null));
    await storeLegacy(kv, shot.id, "no-such-scene");
    const [listed] = await withSceneKeys(kv, await shots.list(kv));
    assert.equal(listed.sceneKey, null);
    assert.equal("sceneId" in listed, false);
  }));
