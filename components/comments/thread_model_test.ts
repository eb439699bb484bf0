import assert from "node:assert/strict";
import { ApiFailure } from "@/components/api.ts";
import { fakeWorld } from "@/components/fake_world.ts";
import type { Comment, Mentionable } from "@/lib/comments/shared.ts";
import { EDIT_WINDOW_MS } from "@/lib/comments/shared.ts";
import {
  type ThreadInit,
  ThreadModel,
  TYPING_SHOWN_MS,
} from "./thread_model.ts";

const RECORD = { type: "task" as const, id: "t1" };
const CARD = { ref: RECORD, title: "Scout", detail: "", href: "/tasks/t1" };
const T0 = Date.UTC(2030, 0, 1);

function comment(extra: Partial<Comment> = {}): Comment {
  const at = new Date(T0).toISOString();
  return {
    id: "c1",
    version: 1,
    createdAt: at,
    updatedAt: at,
    target: RECORD,
    authorId: "u1",
    authorName: "Cal",
    body: "Hello",
    mentions: [],
    editedAt: null,
    ...extra,
  };
}

const PEOPLE: Mentionable[] = [
  { id: "u1", name: "Cal Crew", username: "crew", role: "crew" },
  { id: "u2", name: "Dana Director", username: "director", role: "director" },
  { id: "u3", name: "Pat Producer", username: "producer", role: "producer" },
];

function thread(extra: Partial<ThreadInit> = {}) {
  const world = fakeWorld(({ url }) =>
    url.startsWith("/api/comments/people") ? PEOPLE : null
  );
  const model = new ThreadModel(world, {
    record: RECORD,
    initial: { record: CARD, comments: [comment()] },
    viewerId: "u1",
    moderator: false,
    ...extra,
  });
  return { world, model };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

Deno.test("thread model - live: created, edited and deleted comments of this record only", () => {
  const { world, model } = thread();
  const later = comment({
    id: "c2",
    createdAt: new Date(T0 + 1000).toISOString(),
    body: "Second",
  });
  world.emit("comment_update", {
    action: "created",
    comment: later,
    target: CARD,
  });
  world.emit("comment_update", {
    action: "created",
    comment: comment({ id: "x", target: { type: "task", id: "t2" } }),
    target: { ...CARD, ref: { type: "task", id: "t2" } },
  });
  assert.deepEqual(model.comments.value.map((c) => c.id), ["c1", "c2"]);
  world.emit("comment_update", {
    action: "edited",
    comment: { ...later, version: 2, body: "Second!" },
    target: CARD,
  });
  // An older version arriving late changes nothing.
  world.emit("comment_update", {
    action: "edited",
    comment: later,
    target: CARD,
  });
  assert.equal(model.comments.value[1].body, "Second!");
  world.emit("comment_update", {
    action: "deleted",
    comment: later,
    target: CARD,
  });
  assert.deepEqual(model.comments.value.map((c) => c.id), ["c1"]);
  model[Symbol.dispose]();
  assert.equal(world.listeners(), 0);
});

Deno.test("thread model - posting: the API call, the echo kept once, errors shown", async () => {
  const { world, model } = thread();
  assert.equal(await model.post(), false);
  assert.equal(model.error.value, "Write something first.");
  model.input("Van booked", 10);
  const posted = comment({ id: "c9", body: "Van booked" });
  world.answers.push(posted);
  assert.equal(await model.post(), true);
  assert.deepEqual(world.sent.at(-1), {
    method: "POST",
    url: "/api/comments",
    body: { record: "task:t1", body: "Van booked" },
    options: undefined,
  });
  world.emit("comment_update", {
    action: "created",
    comment: posted,
    target: CARD,
  });
  assert.deepEqual(model.comments.value.map((c) => c.id), ["c1", "c9"]);
  assert.equal(model.draft.value, "");
  assert.equal(model.error.value, null);

  model.input("Again", 5);
  world.answers.push(new ApiFailure(0));
  assert.equal(await model.post(), false);
  assert.match(model.error.value!, /could not be reached/);
  assert.equal(model.draft.value, "Again");
});

Deno.test("thread model - @ autocomplete from who may see the record", async () => {
  const { world, model } = thread();
  model.input("Ask @d", 6);
  await settled();
  assert.equal(world.sent[0].url, "/api/comments/people?record=task%3At1");
  assert.deepEqual(model.suggestions.value.map((p) => p.username), [
    "director",
  ]);
  model.input("Ask @", 5);
  // Not oneself.
  assert.deepEqual(model.suggestions.value.map((p) => p.username), [
    "director",
    "producer",
  ]);
  model.cycle(1);
  assert.equal(model.active.value, 1);
  const caret = model.pick(model.suggestions.value[model.active.value]);
  assert.equal(model.draft.value, "Ask @producer ");
  assert.equal(caret, 14);
  assert.deepEqual(model.suggestions.value, []);
  model.input("Ask @producer and @di", 21);
  model.dismiss();
  assert.deepEqual(model.suggestions.value, []);
  // The people are asked for once.
  assert.equal(
    world.sent.filter((c) => c.url.includes("/people")).length,
    1,
  );
});

Deno.test("thread model - edit within the window, delete after confirming", async () => {
  const { world, model } = thread();
  const mine = model.comments.value[0];
  assert.equal(model.canEdit(mine), true);
  const theirs = comment({ id: "c2", authorId: "u2" });
  assert.equal(model.canEdit(theirs), false);
  assert.equal(model.canDelete(theirs), false);
  model.startEdit(mine);
  world.answers.push({ ...mine, version: 2, body: "Hello!" });
  assert.equal(await model.saveEdit("Hello!"), true);
  assert.deepEqual(world.sent.at(-1), {
    method: "PATCH",
    url: "/api/comments/c1",
    body: { body: "Hello!" },
    options: 1,
  });
  assert.equal(model.editing.value, null);
  // The window closes as time passes, without an event.
  world.clock.tick(EDIT_WINDOW_MS + 30_000);
  assert.equal(model.canEdit(model.comments.value[0]), false);

  world.confirms = false;
  assert.equal(await model.remove(model.comments.value[0]), false);
  assert.deepEqual(world.asked, [
    "Delete this comment? This cannot be undone.",
  ]);
  world.confirms = true;
  world.answers.push(null);
  assert.equal(await model.remove(model.comments.value[0]), true);
  assert.deepEqual(model.comments.value, []);

  const { model: boss } = thread({ viewerId: "u2", moderator: true });
  assert.equal(boss.canDelete(boss.comments.value[0]), true);
  assert.equal(boss.canEdit(boss.comments.value[0]), false);
});

Deno.test("thread model - typing both ways on the record's target", () => {
  const { world, model } = thread();
  model.input("H", 1);
  model.input("He", 2);
  assert.deepEqual(world.typed, [["task:t1", true]]);
  world.typingNotice({
    userId: "u2",
    name: "Dana",
    target: "task:t1",
    active: true,
  });
  world.typingNotice({
    userId: "u3",
    name: "Pat",
    target: "task:t9",
    active: true,
  });
  world.typingNotice({
    userId: "u1",
    name: "Cal",
    target: "task:t1",
    active: true,
  });
  assert.equal(model.typingText.value, "Dana is typing…");
  world.clock.tick(TYPING_SHOWN_MS + 100);
  assert.equal(model.typingText.value, null);
  model.input("", 0);
  assert.deepEqual(world.typed, [["task:t1", true], ["task:t1", false]]);
});

Deno.test("thread model - no thread from the server: loaded in the browser, reloaded on resync", async () => {
  const world = fakeWorld(() => ({ record: CARD, comments: [comment()] }));
  const model = new ThreadModel(world, {
    record: RECORD,
    initial: null,
    viewerId: "u1",
    moderator: false,
  });
  assert.equal(model.loaded.value, false);
  await settled();
  assert.equal(model.loaded.value, true);
  assert.equal(model.comments.value.length, 1);
  world.resync();
  await settled();
  assert.equal(world.sent.length, 2);
});
