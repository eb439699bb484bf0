import assert from "node:assert/strict";
import { ApiFailure } from "@/components/api.ts";
import type { EventFrame } from "@/realtime/protocol.ts";
import {
  type BreakdownInit,
  BreakdownModel,
  statusDoneText,
  TYPING_SHOWN_MS,
} from "./breakdown_model.ts";
import { fakeWorld } from "@/components/fake_world.ts";
import { sceneOf, scriptOf } from "./testing.ts";

const WRITER = { write: true, approve: true };
const URL = "/api/scripts/s1/scenes/sc1";

function sheet(extra: Partial<BreakdownInit> = {}) {
  const world = fakeWorld();
  const init: BreakdownInit = {
    scriptId: "s1",
    scene: sceneOf(),
    abilities: WRITER,
    readOnly: false,
    viewerId: "u1",
    posted: null,
    ...extra,
  };
  return { world, model: new BreakdownModel(world, init) };
}

/** Lets every pending promise (a reload after a resync) finish. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

function imported(number: number) {
  return {
    action: "imported",
    script: scriptOf({ currentVersion: number }),
    version: { number },
  } as unknown as EventFrame<"script_update">["data"];
}

Deno.test("breakdown model: a status move is a PATCH with If-Match; the answer is adopted and flashes", async () => {
  const { world, model } = sheet();
  assert.deepEqual(model.actions.value.map((a) => a.to), [
    "broken_down",
    "omitted",
  ]);
  world.answers.push(sceneOf({ version: 2, status: "broken_down" }));
  assert.equal(await model.setStatus("broken_down"), true);
  assert.deepEqual(world.sent, [{
    method: "PATCH",
    url: URL,
    body: { status: "broken_down" },
    options: 1,
  }]);
  assert.equal(model.scene.value.version, 2);
  assert.deepEqual(model.message.value, {
    kind: "ok",
    text: "Scene moved to broken down.",
  });
  assert.equal(model.busy.value, false);
  assert.ok(model.flashing.value.has("status"));
  world.clock.tick(1_500);
  assert.equal(model.flashing.value.has("status"), false);
  assert.equal(statusDoneText("approved"), "Scene approved.");
});

Deno.test("breakdown model: tags are added and removed with their messages; approval locks them", async () => {
  const { world, model } = sheet();
  assert.equal(model.tagsEditable.value, true);
  const tagged = sceneOf({
    version: 2,
    breakdown: { ...sceneOf().breakdown, props: ["Coil of rope"] },
  });
  world.answers.push(tagged);
  assert.equal(await model.addTag("props", "Coil of rope"), true);
  assert.deepEqual(world.sent[0].body, { add: { props: ["Coil of rope"] } });
  assert.equal(model.message.value?.text, "Added “Coil of rope” to Props.");
  world.answers.push({ ...tagged, version: 3, breakdown: sceneOf().breakdown });
  assert.equal(await model.removeTag("props", "Coil of rope"), true);
  assert.deepEqual(world.sent[1], {
    method: "PATCH",
    url: URL,
    body: { remove: { props: ["Coil of rope"] } },
    options: 2,
  });
  assert.equal(model.message.value?.text, "Removed “Coil of rope” from Props.");
  world.emit("script_update", {
    action: "scene_updated",
    scene: sceneOf({ version: 4, status: "approved" }),
  });
  assert.equal(model.locked.value, true);
  assert.equal(model.tagsEditable.value, false);
});

Deno.test("breakdown model: a 409 adopts the current scene; other failures say why", async () => {
  const { world, model } = sheet();
  const current = sceneOf({ version: 5, status: "broken_down" });
  world.answers.push(
    new ApiFailure(409, {
      code: "version_conflict",
      message: "Changed meanwhile",
      details: { current },
    }),
  );
  assert.equal(await model.setStatus("broken_down"), false);
  assert.equal(model.scene.value.version, 5);
  assert.equal(model.message.value?.kind, "conflict");
  assert.match(model.message.value!.text, /^Someone else changed this scene/);

  world.answers.push(
    new ApiFailure(400, {
      code: "validation",
      message: "The request is invalid",
      details: [{
        path: ["add", "props"],
        message: "Props would have 101 tags",
      }],
    }),
  );
  assert.equal(await model.addTag("props", "One more"), false);
  assert.deepEqual(model.message.value, {
    kind: "error",
    text: "Props would have 101 tags",
  });

  world.answers.push(new ApiFailure(0));
  await model.saveNotes("Rain towers.");
  assert.equal(
    model.message.value?.text,
    "The change was not saved: the server could not be reached.",
  );
  assert.equal(model.busy.value, false);
});

Deno.test("breakdown model: one change at a time", async () => {
  const { world, model } = sheet();
  const answer = Promise.withResolvers<unknown>();
  world.answers.push(answer.promise);
  const first = model.setStatus("broken_down");
  assert.equal(model.busy.value, true);
  assert.equal(await model.addTag("props", "Rope"), false);
  assert.equal(world.sent.length, 1);
  answer.resolve(sceneOf({ version: 2, status: "broken_down" }));
  assert.equal(await first, true);
  assert.equal(model.busy.value, false);
});

Deno.test("breakdown model: live updates adopt newer scenes only, of this scene only", () => {
  const { world, model } = sheet({ scene: sceneOf({ version: 3 }) });
  world.emit("script_update", {
    action: "scene_updated",
    scene: sceneOf({ version: 2 }),
  });
  world.emit("script_update", {
    action: "scene_updated",
    scene: sceneOf({ id: "sc2", version: 9 }),
  });
  assert.equal(model.scene.value.version, 3);
  world.emit("script_update", {
    action: "scene_updated",
    scene: sceneOf({ version: 4, status: "broken_down" }),
  });
  assert.equal(model.scene.value.status, "broken_down");
  assert.ok(model.flashing.value.has("status"));
});

Deno.test("breakdown model: someone's saved notes wait while you type, and load on request", () => {
  const { world, model } = sheet();
  world.emit("script_update", {
    action: "scene_updated",
    scene: sceneOf({ version: 2, notes: "Theirs" }),
  });
  // Not typing: the field re-mounts with their notes.
  assert.equal(model.notesGen.value, 1);
  assert.equal(model.notesDefault.value, "Theirs");
  model.notesInput();
  world.emit("script_update", {
    action: "scene_updated",
    scene: sceneOf({ version: 3, notes: "Theirs again" }),
  });
  assert.equal(model.theirNotes.value, "Theirs again");
  assert.equal(model.notesGen.value, 1);
  model.loadTheirNotes();
  assert.equal(model.theirNotes.value, null);
  assert.equal(model.notesGen.value, 2);
  assert.equal(model.notesDefault.value, "Theirs again");
});

Deno.test("breakdown model: saving notes ends the typing notice and re-mounts the field", async () => {
  const { world, model } = sheet();
  model.notesInput();
  world.clock.tick(1_000);
  model.notesInput(); // within 2 s: not sent again
  world.clock.tick(1_500);
  model.notesInput();
  assert.deepEqual(world.typed, [["scene:sc1", true], ["scene:sc1", true]]);
  world.answers.push(sceneOf({ version: 2, notes: "Rain towers." }));
  assert.equal(await model.saveNotes("Rain towers."), true);
  assert.deepEqual(world.typed.at(-1), ["scene:sc1", false]);
  assert.deepEqual(world.sent[0].body, { notes: "Rain towers." });
  assert.equal(model.message.value?.text, "Notes saved.");
  assert.equal(model.theirNotes.value, null);
  assert.equal(model.notesGen.value, 2);
  model.stopTyping(); // already stopped: nothing more sent
  assert.equal(world.typed.length, 3);
});

Deno.test("breakdown model: who is typing shows for 5 s after their last notice", () => {
  const { world, model } = sheet();
  // Through a function: an assertion on the signal would narrow its type.
  const who = (): string | null => model.typing.value?.name ?? null;
  const notice = {
    userId: "u2",
    name: "Dana Kowalski",
    target: "scene:sc1",
    active: true,
  };
  world.typingNotice({ ...notice, userId: "u1" }); // the viewer's own
  world.typingNotice({ ...notice, target: "scene:sc2" }); // another scene
  assert.equal(who(), null);
  world.typingNotice(notice);
  assert.equal(who(), "Dana Kowalski");
  world.clock.tick(3_000);
  world.typingNotice(notice);
  world.clock.tick(TYPING_SHOWN_MS);
  assert.equal(who(), "Dana Kowalski");
  world.clock.tick(100);
  assert.equal(who(), null);
  world.typingNotice(notice);
  world.typingNotice({ ...notice, active: false });
  assert.equal(who(), null);
});

Deno.test("breakdown model: a newer draft marks the sheet as history; a resync reloads", async () => {
  const { world, model } = sheet();
  world.emit("script_update", imported(1));
  assert.equal(model.superseded.value, null);
  world.emit("script_update", imported(2));
  assert.equal(model.superseded.value, 2);
  world.answers.push(sceneOf({ version: 7 }));
  world.resync();
  await settled();
  assert.deepEqual(world.sent, [{
    method: "GET",
    url: URL,
    body: undefined,
    options: undefined,
  }]);
  assert.equal(model.scene.value.version, 7);
});

Deno.test("breakdown model: an earlier draft's sheet is read-only and never superseded", () => {
  const { world, model } = sheet({ readOnly: true });
  assert.deepEqual(model.actions.value, []);
  assert.equal(model.editable.value, false);
  world.emit("script_update", imported(2));
  assert.equal(model.superseded.value, null);
});

Deno.test("breakdown model: a refused post shows its message and the posted notes", () => {
  const { model } = sheet({
    scene: sceneOf({ notes: "Stored" }),
    posted: { message: "At most 5,000 characters", notes: "Too long…" },
  });
  assert.deepEqual(model.message.value, {
    kind: "error",
    text: "At most 5,000 characters",
  });
  assert.equal(model.notesDefault.value, "Too long…");
});

Deno.test("breakdown model: disposing unsubscribes and leaves no timer", () => {
  const { world, model } = sheet();
  assert.equal(world.listeners(), 3);
  world.typingNotice({
    userId: "u2",
    name: "Dana Kowalski",
    target: "scene:sc1",
    active: true,
  });
  world.emit("script_update", {
    action: "scene_updated",
    scene: sceneOf({ version: 2, status: "broken_down" }),
  });
  assert.ok(world.clock.pending > 0);
  model[Symbol.dispose]();
  assert.equal(world.listeners(), 0);
  assert.equal(world.clock.pending, 0);
});
